/**
 * Delivery: drains the scored spool into Elasticsearch, oldest first. It only writes (the
 * scoring stage scored every record before): batching (count, bytes, flush interval),
 * concurrency and retry. Items answered 429/5xx are retried alone with exponential backoff
 * and jitter (dead-lettered after `itemMaxAttempts`); a request that failed as a whole
 * (cluster unreachable, timeout, 5xx) is retried forever; a whole request refused 401/403
 * stops delivery (credentials are wrong: retrying cannot help) with an error log and the
 * `authRefused` metric, the records staying in the spool; refused items (mapping errors,
 * other 4xx) go to the dead letters. A spool batch is acknowledged (and its segment
 * deleted) only when every record in it is indexed or dead-lettered.
 */
import { dailyIndexName } from '@log-sentinel/elastic';
import type { Spool, SpoolBatch } from '@log-sentinel/spool';
import type { Logger } from 'pino';
import type { DeadLetter, DeadLetterWriter } from './dead-letter';
import { decodeSpoolRecordBytes, type SpooledDocBytes } from '@log-sentinel/spool';
import type { ElasticsearchSink, SinkItem } from './sink';

/** A counter (a prom-client `Counter` fits). */
export interface CountMetric {
  /** Adds `value` (default 1). */
  inc(value?: number): void;
}

/** Counters the delivery loop updates (prom-client counters fit). */
export interface DeliveryMetrics {
  /** Records acknowledged by Elasticsearch. */
  indexed: CountMetric;
  /** Records indexed after a failed attempt or recovered from a previous process's spool. */
  replayed: CountMetric;
  /** Records stored as dead letters. */
  deadLettered: CountMetric;
  /** Whole `_bulk` requests refused 401/403 (delivery stopped). */
  authRefused: CountMetric;
  /** `_bulk` requests by outcome (`answered`, `unreachable`). */
  bulkRequests: { inc(labels: { outcome: string }, value?: number): void };
}

/** Options of {@link Delivery}. */
export interface DeliveryOptions {
  /** Index prefix. */
  indexPrefix: string;
  /** Documents per bulk. */
  maxDocs: number;
  /** Payload bytes per bulk. */
  maxBytes: number;
  /** Wait for more records before sending a partial bulk. */
  flushIntervalMs: number;
  /** Bulks in flight. */
  concurrency: number;
  /** Backoff: first delay, cap, item attempt limit. */
  retry: { baseMs: number; maxMs: number; itemMaxAttempts: number };
}

interface Pending {
  item: SinkItem;
  attempts: number;
  /** Recovered from a previous process, or sent before without success. */
  replay: boolean;
}

/** Exponential backoff delay with equal jitter (half fixed, half random) for attempt `n` (1-based). */
export function backoffMs(n: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(30, n - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** The spool → Elasticsearch delivery loop. */
export class Delivery {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private outage = false;
  /** Why delivery stopped for good (a 401/403 for the whole request), if it did. */
  stoppedReason: string | undefined;
  private stopResolve: () => void = () => undefined;
  private readonly stopSignal = new Promise<void>((resolve) => (this.stopResolve = resolve));

  /** Wires the parts; `start()` begins. */
  constructor(
    private readonly spool: Spool,
    private readonly sink: ElasticsearchSink,
    private readonly deadLetters: DeadLetterWriter,
    private readonly metrics: DeliveryMetrics,
    private readonly log: Logger,
    private readonly opts: DeliveryOptions,
  ) {}

  /** Starts draining. */
  start(): void {
    if (this.running || this.stoppedReason) return;
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.inFlight.size >= this.opts.concurrency) {
        await Promise.race(this.inFlight);
        continue;
      }
      const batches = await this.collect();
      if (!batches) continue;
      const p = this.deliver(batches).catch((err: unknown) => {
        // Not acknowledged: the records stay in the spool and are replayed at the next start.
        this.log.error({ err }, 'delivery of a spool batch failed unexpectedly; it will be replayed after a restart');
      });
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    }
  }

  /** Reads up to one bulk's worth of records, waiting at most the flush interval for more. */
  private async collect(): Promise<SpoolBatch[] | undefined> {
    const batches: SpoolBatch[] = [];
    let docs = 0;
    let bytes = 0;
    let deadline = 0;
    while (this.running) {
      const b = await this.spool.read(this.opts.maxDocs - docs, this.opts.maxBytes - bytes);
      if (b) {
        batches.push(b);
        docs += b.records.length;
        for (const r of b.records) bytes += r.length;
        if (deadline === 0) deadline = Date.now() + this.opts.flushIntervalMs;
        if (docs >= this.opts.maxDocs || bytes >= this.opts.maxBytes) break;
        continue;
      }
      const wait = deadline === 0 ? 1000 : deadline - Date.now();
      if (wait <= 0) break;
      await Promise.race([this.spool.waitForData(wait), this.stopSignal]);
      if (deadline === 0 && batches.length === 0) continue;
    }
    return batches.length ? batches : undefined;
  }

  private async deliver(batches: SpoolBatch[]): Promise<void> {
    let todo: Pending[] = [];
    const letters: DeadLetter[] = [];
    for (const b of batches) {
      for (const payload of b.records) {
        let doc: SpooledDocBytes;
        try {
          doc = decodeSpoolRecordBytes(payload); // the document is sent as the stored bytes
        } catch (err) {
          letters.push({ item: { index: '', id: '', docJson: payload.toString('utf8') }, status: 0, reason: `unreadable spool record: ${(err as Error).message}`, attempts: 0 });
          continue;
        }
        todo.push({ item: { index: dailyIndexName(this.opts.indexPrefix, doc.meta.ts), id: doc.meta.id, docJson: doc.docBytes }, attempts: 0, replay: b.recovered });
      }
    }
    let attempt = 0;
    while (todo.length > 0) {
      if (!this.running) return; // Not acknowledged: replayed after the restart.
      attempt++;
      const results = await this.sink.send(todo.map((t) => t.item));
      const refused = results.find((r) => r.kind === 'retryable' && r.scope === 'request' && (r.status === 401 || r.status === 403));
      if (refused && refused.kind === 'retryable') {
        this.refuse(refused.status, refused.reason);
        return; // Not acknowledged: delivered after the credentials are fixed and the collector restarted.
      }
      this.metrics.bulkRequests.inc({ outcome: results.some((r) => r.kind === 'retryable' && r.scope === 'request') ? 'unreachable' : 'answered' });
      const retry: Pending[] = [];
      let indexed = 0;
      let replayed = 0;
      let lastReason = '';
      results.forEach((r, i) => {
        const t = todo[i];
        t.attempts++;
        if (r.kind === 'ok') {
          indexed++;
          if (t.replay) replayed++;
        } else if (r.kind === 'failed') {
          letters.push({ item: t.item, status: r.status, reason: r.reason, attempts: t.attempts });
        } else if (r.scope === 'item' && t.attempts >= this.opts.retry.itemMaxAttempts) {
          letters.push({ item: t.item, status: r.status, reason: `gave up after ${t.attempts} attempts: ${r.reason}`, attempts: t.attempts });
        } else {
          if (r.scope === 'request') t.attempts--; // an unreachable cluster does not use up item attempts
          t.replay = true;
          lastReason = r.reason;
          retry.push(t);
        }
      });
      this.metrics.indexed.inc(indexed);
      if (replayed) this.metrics.replayed.inc(replayed);
      if (indexed > 0 && this.outage) {
        this.outage = false;
        this.log.warn({ spooled: this.spool.stats().unackedRecords }, 'Elasticsearch reachable again; replaying the spool');
      }
      todo = retry;
      if (todo.length > 0) {
        if (!this.outage && results.every((r) => r.kind === 'retryable' && r.scope === 'request')) {
          this.outage = true;
          this.log.warn({ reason: lastReason, spooled: this.spool.stats().unackedRecords }, 'Elasticsearch not reachable; records stay in the spool and are replayed when it answers');
        }
        await this.sleep(backoffMs(attempt, this.opts.retry.baseMs, this.opts.retry.maxMs));
      }
    }
    if (letters.length) {
      const where = await this.deadLetters.write(letters);
      this.metrics.deadLettered.inc(letters.length);
      this.log.error({ count: letters.length, where, first: letters[0].reason }, 'documents refused by Elasticsearch were dead-lettered');
    }
    for (const b of batches) await this.spool.ack(b);
  }

  /** Stops delivery for good after a whole-request 401/403: logged once at error, counted. */
  private refuse(status: number, reason: string): void {
    this.metrics.authRefused.inc();
    if (this.stoppedReason) return;
    this.stoppedReason = `Elasticsearch refused _bulk with HTTP ${status}`;
    this.running = false;
    this.stopResolve();
    this.log.error({ status, reason, spooled: this.spool.stats().unackedRecords }, 'Elasticsearch refused the collector\'s credentials (HTTP %d): delivery stopped; records stay in the spool. Fix ELASTIC_API_KEY / ELASTIC_USERNAME / ELASTIC_PASSWORD (or the role) and restart the collector', status);
  }

  private async sleep(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), this.stopSignal]);
    clearTimeout(timer);
  }

  /** Whether the last bulk reached Elasticsearch. */
  get elasticReachable(): boolean {
    return this.sink.reachable;
  }

  /**
   * Stops reading; in-flight bulks get one more chance to finish, unfinished ones stay in
   * the spool (unacknowledged, replayed after a restart). Idempotent.
   */
  async shutdown(): Promise<void> {
    this.running = false;
    this.stopResolve();
    await this.loop;
    await Promise.all(this.inFlight);
  }
}
