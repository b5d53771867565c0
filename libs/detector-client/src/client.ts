/**
 * Detector client: scores records with the detectors' `Detect` RPC. With several detectors
 * it routes each record by its session key ({@link routingKey}) on a consistent-hash ring, so
 * one session's records always reach the same detector and its DeepLog state lives in one
 * place. Each detector has its own breaker and concurrency; records owned by a detector that
 * does not answer get the `pending` verdict (they are NOT sent to another detector, which
 * would split that session's state) and are re-scored later. It never throws, and never
 * waits much past the deadline.
 */
import type { LogRecord } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import type { BreakerState } from './breaker';
import { DetectorChannel } from './channel';
import { DEFAULT_VIRTUAL_NODES, HashRing } from './hash-ring';
import { MicroBatcher, type MicroBatcherStats } from './micro-batcher';
import { routingKey } from './routing-key';
import type { ScoreOutcome } from './wire';

/** Options of {@link DetectorClient}. */
export interface DetectorClientOptions {
  /** `host:port` of each detector (spelled the same on every collector: the ring hashes the text). */
  addrs: readonly string[];
  /** Deadline of one call. */
  deadlineMs: number;
  /** Records per call. */
  maxBatch: number;
  /** Calls in flight at once, per detector. */
  concurrency: number;
  /** Consecutive failures that open a detector's breaker. */
  breakerFailures: number;
  /** Open time before a trial call. */
  breakerResetMs: number;
  /** Virtual nodes per detector on the ring (default {@link DEFAULT_VIRTUAL_NODES}). */
  virtualNodes?: number;
  /** Longest wait for other callers' records to merge into one call (0 = no merging; default 0). */
  lingerMs?: number;
}

/** Hooks for metrics. */
export interface DetectorClientHooks {
  /** Called after each call with its latency, outcome and the detector's address. */
  onCall?(seconds: number, outcome: 'ok' | 'error' | 'skipped', addr: string): void;
}

/** Client of one or more detectors; see the module comment. */
export class DetectorClient {
  private readonly channels: DetectorChannel[];
  private readonly batchers: MicroBatcher[];
  private readonly ring: HashRing;

  /** Connects lazily to every detector; throws `HashRingError` on no or duplicate addresses. */
  constructor(
    private readonly opts: DetectorClientOptions,
    log: Logger,
    hooks: DetectorClientHooks = {},
  ) {
    this.ring = new HashRing(opts.addrs, opts.virtualNodes ?? DEFAULT_VIRTUAL_NODES);
    const onCall = hooks.onCall?.bind(hooks);
    this.channels = opts.addrs.map(
      (addr) => new DetectorChannel({ addr, concurrency: opts.concurrency, breakerFailures: opts.breakerFailures, breakerResetMs: opts.breakerResetMs }, log, onCall),
    );
    this.batchers = this.channels.map((c) => new MicroBatcher(c, opts.maxBatch, opts.lingerMs ?? 0));
  }

  /** Batches submitted and `Detect` calls made, summed over the detectors. */
  batchStats(): MicroBatcherStats {
    const s = { submitted: 0, calls: 0 };
    for (const b of this.batchers) {
      const x = b.stats();
      s.submitted += x.submitted;
      s.calls += x.calls;
    }
    return s;
  }

  /** True unless every detector's breaker is open. */
  get available(): boolean {
    return this.channels.some((c) => c.available);
  }

  /** Breaker state of each detector, by address. */
  states(): Record<string, BreakerState> {
    return Object.fromEntries(this.channels.map((c) => [c.addr, c.state]));
  }

  /** Address of the detector that owns `record`'s session. */
  detectorFor(record: Pick<LogRecord, 'sessionId' | 'service' | 'host'>): string {
    return this.channels[this.ring.ownerIndex(routingKey(record))].addr;
  }

  /** Scores records (each on its session's detector, in order within it); never throws. */
  async score(records: readonly LogRecord[]): Promise<ScoreOutcome> {
    const deadline = Date.now() + this.opts.deadlineMs;
    const verdicts: ScoreOutcome['verdicts'] = new Array<ScoreOutcome['verdicts'][number]>(records.length);
    let scored = 0;
    const calls: Array<Promise<void>> = [];
    const send = (batcher: MicroBatcher, indexes: number[] | undefined, from: number, to: number): void => {
      const batch = indexes ? indexes.slice(from, to).map((i) => records[i]) : records.slice(from, to);
      calls.push(
        batcher.submit(batch, deadline).then((out) => {
          scored += out.scored;
          out.verdicts.forEach((v, k) => (verdicts[indexes ? indexes[from + k] : from + k] = v));
        }),
      );
    };
    if (this.channels.length === 1) {
      for (let i = 0; i < records.length; i += this.opts.maxBatch) send(this.batchers[0], undefined, i, Math.min(records.length, i + this.opts.maxBatch));
    } else {
      const groups = new Map<number, number[]>();
      records.forEach((r, i) => {
        const owner = this.ring.ownerIndex(routingKey(r));
        const g = groups.get(owner);
        if (g) g.push(i);
        else groups.set(owner, [i]);
      });
      for (const [owner, indexes] of groups) {
        for (let i = 0; i < indexes.length; i += this.opts.maxBatch) send(this.batchers[owner], indexes, i, Math.min(indexes.length, i + this.opts.maxBatch));
      }
    }
    await Promise.all(calls);
    return { verdicts, scored };
  }

  /** Sends what the batchers hold, then closes every channel. Idempotent. */
  close(): void {
    for (const b of this.batchers) b.flush();
    for (const c of this.channels) c.close();
  }
}
