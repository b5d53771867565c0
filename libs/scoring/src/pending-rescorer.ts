/**
 * Scores records stored as `pending` (the detector did not answer within the scoring
 * stage's hold) once a detector answers again — from the pending spool, never by searching
 * Elasticsearch. Every `intervalMs`, while the detector client is available, it reads the
 * records the spool held at the start of the pass, oldest first, and asks the detector as
 * dry runs (live session windows and a learning detector's training data stay untouched).
 * Scored records are written again (same `_id`: the document is overwritten); those still
 * unscored (a detector answering `learning`, or down again) are appended back for the next
 * pass, so they stay `pending` until a model scores them.
 */
import { encodeSpoolRecord, recordOfSpooled, decodeSpoolRecord, type Spool } from '@log-sentinel/spool';
import type { ElasticLogDocument, LogRecord } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import type { OutputWriter } from './output';
import type { RecordScorer } from './scorer';
import type { CountMetric } from './stage';

/** Options of {@link PendingRescorer}. */
export interface PendingRescorerOptions {
  /** Time between passes (ms). */
  intervalMs: number;
  /** Records per dry-run request. */
  batchRecords: number;
  /** Payload bytes per read. */
  batchBytes: number;
}

/** Periodic dry-run scoring of the pending spool. */
export class PendingRescorer {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private stopped = false;

  /** Wires the parts; {@link start} begins. */
  constructor(
    private readonly pending: Spool,
    private readonly scorer: RecordScorer,
    private readonly output: Pick<OutputWriter, 'write'>,
    private readonly rescored: CountMetric,
    private readonly log: Logger,
    private readonly opts: PendingRescorerOptions,
  ) {}

  /** Starts the periodic passes. */
  start(): void {
    this.timer = setInterval(() => {
      if (this.pass || this.stopped) return;
      this.pass = this.runPass()
        .then(
          (n) => {
            if (n) this.log.info({ rescored: n }, 'pending records scored');
          },
          (err: unknown) => this.log.warn({ err }, 'pending re-scoring pass failed; retried at the next interval'),
        )
        .finally(() => (this.pass = undefined));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  /** One pass over what the pending spool holds now; returns how many records got a verdict. */
  async runPass(): Promise<number> {
    let budget = this.pending.stats().unackedRecords;
    let total = 0;
    while (budget > 0 && !this.stopped && this.scorer.available) {
      const batch = await this.pending.read(Math.min(this.opts.batchRecords, budget), this.opts.batchBytes);
      if (!batch) break;
      budget -= batch.records.length;
      const records: LogRecord[] = [];
      for (const payload of batch.records) {
        try {
          records.push(recordOfSpooled(decodeSpoolRecord(payload)));
        } catch (err) {
          this.log.error({ err: (err as Error).message }, 'unreadable pending spool record dropped; its document stays pending');
        }
      }
      const { verdicts } = await this.scorer.score(records, { rescore: true });
      const payloads: string[] = [];
      const docs: ElasticLogDocument[] = [];
      const still: string[] = [];
      records.forEach((r, i) => {
        const { payload, doc } = encodeSpoolRecord(r, verdicts[i]!);
        if (verdicts[i]!.status === 'pending') still.push(payload);
        else {
          payloads.push(payload);
          docs.push(doc);
        }
      });
      if (still.length > 0) await this.pending.append(still);
      if (payloads.length > 0) {
        if (!(await this.output.write(payloads, docs))) return total; // stopping: replayed at the next start
        this.rescored.inc(payloads.length);
        total += payloads.length;
      }
      await this.pending.ack(batch);
    }
    return total;
  }

  /** Stops; waits for a pass in progress. Idempotent. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.pass;
  }
}
