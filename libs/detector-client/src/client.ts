/**
 * Detector client: scores records with the detectors' `Detect` RPC. With several detectors
 * it routes each record by its session key ({@link routingKey}) on a consistent-hash ring, so
 * one session's records always reach the same detector and its DeepLog state lives in one
 * place. Each detector has its own breaker and concurrency; records owned by a detector that
 * does not answer get the `pending` verdict (they are NOT sent to another detector, which
 * would split that session's state); the caller tries again or stores them pending. It never throws,
 * and never waits much past the deadline. It hands the verdicts of sessions the detectors
 * closed by themselves to `onSessionVerdicts`, polling an idle detector for them.
 */
import type { LogRecord, SessionVerdict } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import type { BreakerState } from './breaker';
import { DetectorChannel } from './channel';
import { DEFAULT_VIRTUAL_NODES, HashRing } from './hash-ring';
import { DetectCallMerger, type DetectCallMergerStats } from './detect-call-merger';
import { routingKey } from './routing-key';
import { FeedbackError } from './errors';
import type { ChannelTls } from './bearer-key';
import type { DetectorModelInfo, FeedbackOutcome, ScoreOutcome } from './wire';

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
  /**
   * A detector with no live `Detect` call for this long gets an empty one, which collects the
   * verdicts of sessions it closed by itself (0 = never; default 0). Needs `onSessionVerdicts`.
   */
  sessionPollMs?: number;
  /** Bearer key sent with every call (DETECTOR_API_KEY; unset = none). */
  apiKey?: string;
  /** TLS to the detectors (unset = plaintext). */
  tls?: ChannelTls;
  /** Deadline of a `Feedback` call (it fine-tunes and writes a model version; default 60 s). */
  feedbackDeadlineMs?: number;
}

/** One detector's answer to feedback. */
export interface DetectorFeedback extends FeedbackOutcome {
  /** The detector's address. */
  addr: string;
}

/** Hooks for metrics. */
export interface DetectorClientHooks {
  /** Called after each call with its latency, outcome and the detector's address. */
  onCall?(seconds: number, outcome: 'ok' | 'error' | 'skipped', addr: string): void;
  /** Verdicts of sessions a detector closed by itself; each is sent once, so the hook must keep them. */
  onSessionVerdicts?(verdicts: SessionVerdict[], addr: string): void;
}

/** Client of one or more detectors; see the module comment. */
export class DetectorClient {
  private readonly channels: DetectorChannel[];
  private readonly batchers: DetectCallMerger[];
  private readonly ring: HashRing;
  private readonly pollTimer: NodeJS.Timeout | undefined;

  /** Connects lazily to every detector; throws `HashRingError` on no or duplicate addresses. */
  constructor(
    private readonly opts: DetectorClientOptions,
    log: Logger,
    hooks: DetectorClientHooks = {},
  ) {
    this.ring = new HashRing(opts.addrs, opts.virtualNodes ?? DEFAULT_VIRTUAL_NODES);
    const onCall = hooks.onCall?.bind(hooks);
    const onSessionVerdicts = hooks.onSessionVerdicts?.bind(hooks);
    this.channels = opts.addrs.map(
      (addr) =>
        new DetectorChannel({ addr, concurrency: opts.concurrency, breakerFailures: opts.breakerFailures, breakerResetMs: opts.breakerResetMs, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}), ...(opts.tls ? { tls: opts.tls } : {}) }, log, onCall, onSessionVerdicts),
    );
    this.batchers = this.channels.map((c) => new DetectCallMerger(c, opts.maxBatch, opts.lingerMs ?? 0));
    const pollMs = opts.sessionPollMs ?? 0;
    if (pollMs > 0 && onSessionVerdicts) {
      this.pollTimer = setInterval(() => {
        const now = Date.now();
        for (const c of this.channels) {
          if (now - c.lastLiveCallAtMs >= pollMs) void c.pollClosedSessions(now + opts.deadlineMs);
        }
      }, pollMs);
      this.pollTimer.unref();
    }
  }

  /** Batches submitted and `Detect` calls made, summed over the detectors. */
  batchStats(): DetectCallMergerStats {
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

  /**
   * Scores records (each on its session's detector, in order within it); never throws.
   * `rescore`: the records were scored before (stored pending) — sent as dry runs, unmerged,
   * so the detectors' live session state does not change; a `learning` answer stays `pending`.
   */
  async score(records: readonly LogRecord[], options: { rescore?: boolean } = {}): Promise<ScoreOutcome> {
    const deadline = Date.now() + this.opts.deadlineMs;
    const rescore = options.rescore ?? false;
    const verdicts: ScoreOutcome['verdicts'] = new Array<ScoreOutcome['verdicts'][number]>(records.length);
    let scored = 0;
    const calls: Array<Promise<void>> = [];
    const send = (owner: number, indexes: number[] | undefined, from: number, to: number): void => {
      const batch = indexes ? indexes.slice(from, to).map((i) => records[i]) : records.slice(from, to);
      const call = rescore ? this.channels[owner].scoreChunk(batch, deadline, true) : this.batchers[owner].submit(batch, deadline);
      calls.push(
        call.then((out) => {
          scored += out.scored;
          out.verdicts.forEach((v, k) => (verdicts[indexes ? indexes[from + k] : from + k] = v));
        }),
      );
    };
    if (this.channels.length === 1) {
      for (let i = 0; i < records.length; i += this.opts.maxBatch) send(0, undefined, i, Math.min(records.length, i + this.opts.maxBatch));
    } else {
      const groups = new Map<number, number[]>();
      records.forEach((r, i) => {
        const owner = this.ring.ownerIndex(routingKey(r));
        const g = groups.get(owner);
        if (g) g.push(i);
        else groups.set(owner, [i]);
      });
      for (const [owner, indexes] of groups) {
        for (let i = 0; i < indexes.length; i += this.opts.maxBatch) send(owner, indexes, i, Math.min(indexes.length, i + this.opts.maxBatch));
      }
    }
    await Promise.all(calls);
    return { verdicts, scored };
  }

  /**
   * Marks records normal on every detector (each keeps its own model): one `Feedback` call
   * per detector, in parallel. Throws {@link FeedbackError}: `FEEDBACK_REFUSED` when a
   * detector refused the records (bad input, no model yet), else `DETECTOR_UNAVAILABLE`.
   */
  async feedback(records: readonly LogRecord[], note = ''): Promise<DetectorFeedback[]> {
    const deadline = Date.now() + (this.opts.feedbackDeadlineMs ?? 60_000);
    const settled = await Promise.allSettled(this.channels.map((c) => c.feedback(records, note, deadline)));
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (errors.length) {
      const first = errors.find((e) => e instanceof FeedbackError && e.code === 'FEEDBACK_REFUSED') ?? errors[0];
      throw first instanceof FeedbackError ? first : new FeedbackError('DETECTOR_UNAVAILABLE', String(first), { cause: first });
    }
    return settled.map((s, i) => ({ addr: this.channels[i].addr, ...(s as PromiseFulfilledResult<FeedbackOutcome>).value }));
  }

  /** Each detector's `GetModel` answer, or why there is none (it did not answer within `deadlineMs`); never throws. */
  async models(deadlineMs = 2000): Promise<Array<{ addr: string; model?: DetectorModelInfo; error?: string }>> {
    const deadline = Date.now() + deadlineMs;
    return Promise.all(
      this.channels.map(async (c) => {
        try {
          return { addr: c.addr, model: await c.modelInfo(deadline) };
        } catch (err) {
          return { addr: c.addr, error: (err as Error).message };
        }
      }),
    );
  }

  /** Stops polling idle detectors for closed sessions. Idempotent. */
  stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  /** Sends what the batchers hold, stops polling, then closes every channel. Idempotent. */
  close(): void {
    this.stopPolling();
    for (const b of this.batchers) b.flush();
    for (const c of this.channels) c.close();
  }
}
