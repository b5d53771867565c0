/**
 * Merges `Detect` batches bound for one detector across concurrent callers: a batch waits
 * at most `lingerMs` for others, then the queued batches go out together in calls of at most
 * `maxBatch` records (sooner when that many are queued). Many small HTTP requests thus make
 * few `Detect` calls. Order is kept (a session's records stay in arrival order); a merged
 * call uses the earliest deadline of the batches it carries, so no caller waits past its own.
 * Not libs/pipeline's `MicroBatcher` (one local onnxruntime run at a time, no deadlines): this
 * one lingers for company, splits by record count, may have several calls in flight and keeps
 * each caller's deadline — a different job, under its own name.
 */
import { pendingVerdict, type LogRecord } from '@log-sentinel/schema';
import type { ScoreOutcome } from './wire';

/** What the batcher sends merged batches through (a `DetectorChannel` fits). */
export interface ChunkScorer {
  /** Scores one batch with one call; never throws; all-or-nothing (`scored` is 0 or the batch size). */
  scoreChunk(records: readonly LogRecord[], deadline: number): Promise<ScoreOutcome>;
}

interface Waiting {
  records: readonly LogRecord[];
  deadline: number;
  resolve(out: ScoreOutcome): void;
}

/** Counters of a {@link DetectCallMerger}. */
export interface DetectCallMergerStats {
  /** Batches submitted by callers. */
  submitted: number;
  /** Calls sent (after merging). */
  calls: number;
}

/** Per-detector micro-batcher; see the module comment. */
export class DetectCallMerger {
  private queue: Waiting[] = [];
  private queuedRecords = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly counts: DetectCallMergerStats = { submitted: 0, calls: 0 };

  /** `lingerMs` 0 sends every batch at once (no merging). */
  constructor(
    private readonly target: ChunkScorer,
    private readonly maxBatch: number,
    private readonly lingerMs: number,
  ) {}

  /** Scores `records` (at most `maxBatch`), possibly in one call with other callers' records. */
  submit(records: readonly LogRecord[], deadline: number): Promise<ScoreOutcome> {
    this.counts.submitted++;
    if (this.lingerMs <= 0) {
      this.counts.calls++;
      return this.target.scoreChunk(records, deadline);
    }
    return new Promise<ScoreOutcome>((resolve) => {
      this.queue.push({ records, deadline, resolve });
      this.queuedRecords += records.length;
      if (this.queuedRecords >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  /** Submitted batches and calls made so far. */
  stats(): DetectCallMergerStats {
    return { ...this.counts };
  }

  /** Sends everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const queue = this.queue;
    this.queue = [];
    this.queuedRecords = 0;
    let group: Waiting[] = [];
    let n = 0;
    for (const w of queue) {
      if (n > 0 && n + w.records.length > this.maxBatch) {
        this.send(group);
        group = [];
        n = 0;
      }
      group.push(w);
      n += w.records.length;
    }
    if (group.length) this.send(group);
  }

  private send(group: Waiting[]): void {
    this.counts.calls++;
    const records = group.length === 1 ? group[0].records : group.flatMap((w) => w.records);
    const deadline = Math.min(...group.map((w) => w.deadline));
    const failed = (): ScoreOutcome => ({ verdicts: records.map(() => pendingVerdict()), scored: 0 });
    // scoreChunk never throws by contract; should it, every caller still gets pending verdicts.
    void this.target.scoreChunk(records, deadline).catch(failed).then((out) => {
      let at = 0;
      for (const w of group) {
        const verdicts = out.verdicts.slice(at, at + w.records.length);
        at += w.records.length;
        w.resolve({ verdicts, scored: out.scored > 0 ? verdicts.filter((v) => v.status !== 'pending').length : 0 });
      }
    });
  }
}
