/**
 * Session verdicts, the scoring stage's second input. The detector sends each closed
 * session's verdict once (with a Detect reply), so the stage must keep it: verdicts are
 * appended to the scored spool (fsynced) beside the records' and delivered to Elasticsearch
 * by the same delivery loop; then the local sinks get them. An append refused (spool full, I/O
 * error) is retried every `retryMs` until it succeeds; nothing is dropped while the process runs.
 */
import type { ElasticLogDocument, SessionVerdict } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import { encodeSessionVerdict } from '@log-sentinel/spool';

/** What the spooler needs from the spool. */
export interface SpoolAppender {
  /** Appends payloads durably; resolves once they are fsynced. */
  append(payloads: readonly (string | Buffer)[]): Promise<unknown>;
}

/** Queues session verdicts and appends them to the spool; see the module comment. */
export class SessionVerdictSpooler {
  private queue: SessionVerdict[] = [];
  private draining: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private warned = false;

  /** `onStored` gets the documents once they are durable. */
  constructor(
    private readonly spool: SpoolAppender,
    private readonly onStored: (docs: ElasticLogDocument[]) => void,
    private readonly log: Logger,
    private readonly retryMs = 1000,
  ) {}

  /** Verdicts waiting for the spool. */
  get queued(): number {
    return this.queue.length;
  }

  /** Takes verdicts (in the order received) and starts appending them. */
  add(verdicts: readonly SessionVerdict[]): void {
    if (verdicts.length === 0) return;
    this.queue.push(...verdicts);
    void this.drain();
  }

  /** Appends what is queued; resolves when the queue is empty or the append failed (then retried later). */
  drain(): Promise<void> {
    this.draining ??= this.appendQueued().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async appendQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice();
      const encoded = batch.map(encodeSessionVerdict);
      try {
        await this.spool.append(encoded.map((e) => e.payload));
      } catch (err) {
        if (!this.warned) this.log.warn({ err, queued: this.queue.length }, 'cannot spool closed-session verdicts yet; retrying');
        this.warned = true;
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = undefined;
          void this.drain();
        }, this.retryMs);
        return;
      }
      this.warned = false;
      this.queue.splice(0, batch.length);
      this.onStored(encoded.map((e) => e.doc));
    }
  }

  /** Stops retrying; appends what is queued once more and reports what could not be kept. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.drain();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.queue.length > 0) this.log.error({ lost: this.queue.length }, 'closed-session verdicts could not be spooled before shutdown; they are lost');
  }
}
