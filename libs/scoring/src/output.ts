/**
 * Where the scoring stage hands its results: the scored spool (drained into Elasticsearch
 * by delivery; absent when Elasticsearch is off) and the local sinks (anomaly store,
 * console index). An append the spool refuses (full, I/O error) is retried with backoff
 * until it succeeds or the stage stops — the stage holds its position meanwhile.
 */
import type { ElasticLogDocument } from '@log-sentinel/schema';
import type { Logger } from 'pino';

/** What the stage writes to. */
export interface StageOutput {
  /** The scored spool (resolves once fsynced); undefined = no Elasticsearch. */
  scored?: {
    append(payloads: readonly (string | Buffer)[]): Promise<unknown>;
    /** The newest record `pick` recognises (the spool's `findNewest`): where the stage resumes after a crash. */
    findNewest?<T>(pick: (payload: Buffer) => T | undefined): Promise<T | undefined>;
  };
  /** Local sinks: every written document (records and closed sessions), once durable. */
  onWritten(docs: readonly ElasticLogDocument[]): void;
}

/** Appends with retry; see the module comment. */
export class OutputWriter {
  private warned = false;

  /** `running()` false ends the retries; `stopped` resolves when the stage stops. */
  constructor(
    private readonly out: StageOutput,
    private readonly log: Logger,
    private readonly running: () => boolean,
    private readonly stopped: Promise<void>,
  ) {}

  /** Appends `payloads` to the scored spool, then gives `docs` to the local sinks; false when stopped first. */
  async write(payloads: readonly (string | Buffer)[], docs: readonly ElasticLogDocument[]): Promise<boolean> {
    const scored = this.out.scored;
    if (scored && payloads.length > 0 && !(await this.retry(() => scored.append(payloads), 'scored spool'))) return false;
    if (docs.length > 0) this.out.onWritten(docs);
    return true;
  }

  /** Runs `append` until it succeeds (true) or the stage stops (false). */
  async retry(append: () => Promise<unknown>, what: string): Promise<boolean> {
    let delay = 50;
    for (;;) {
      try {
        await append();
        if (this.warned) this.log.warn({ spool: what }, 'spool accepts appends again; scoring resumed');
        this.warned = false;
        return true;
      } catch (err) {
        if (!this.running()) return false;
        if (!this.warned) this.log.warn({ err: (err as Error).message, spool: what }, 'cannot append scored records; the scoring stage holds its position and retries');
        this.warned = true;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, delay))), this.stopped]);
        clearTimeout(timer);
        delay = Math.min(2000, delay * 2);
      }
    }
  }
}
