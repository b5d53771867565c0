/**
 * One detector behind the client: its gRPC channel, its own circuit breaker and its own
 * bounded number of calls in flight. `scoreChunk` never throws: records it could not score
 * get the `pending` verdict, and it never waits much past the deadline. Session verdicts the
 * detector sends with a live (non-dry-run) `Detect` response go to the `onSessionVerdicts`
 * hook; `pollClosedSessions` fetches them with an empty `Detect` when no traffic flows.
 */
import * as grpc from '@grpc/grpc-js';
import { detectorService, type wire } from '@log-sentinel/proto';
import { pendingVerdict, type LogRecord, type SessionVerdict } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import { channelCredentials, withBearerKey, type ChannelTls } from './bearer-key';
import { CircuitBreaker, type BreakerState } from './breaker';
import { FeedbackError } from './errors';
import { fromWireFeedback, fromWireModelInfo, fromWireResult, fromWireSessionVerdict, toWireRecord, type DetectorModelInfo, type FeedbackOutcome, type ScoreOutcome } from './wire';

/** Settings of one detector channel. */
export interface DetectorChannelOptions {
  /** `host:port` of the detector. */
  addr: string;
  /** Calls in flight at once to this detector. */
  concurrency: number;
  /** Consecutive failures that open this detector's breaker. */
  breakerFailures: number;
  /** Open time before a trial call. */
  breakerResetMs: number;
  /** Bearer key sent with every call (unset = none). */
  apiKey?: string;
  /** TLS to the detector (unset = plaintext). */
  tls?: ChannelTls;
}

/**
 * HTTP/2 flow-control window of the channel (connection and each stream): 8 MiB instead
 * of HTTP/2's 64 KiB default, so a large `Detect` reply streams without waiting for window
 * updates (the detector sets the same window for the requests it receives).
 */
export const FLOW_CONTROL_WINDOW_BYTES = 8 * 1024 * 1024;

/** gRPC channel options of a detector channel. */
export function channelOptions(breakerResetMs: number): grpc.ChannelOptions {
  return {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': 64 * 1024 * 1024,
    'grpc-node.flow_control_window': FLOW_CONTROL_WINDOW_BYTES,
    // Notice a restarted detector within seconds, not grpc's default of up to two minutes.
    'grpc.initial_reconnect_backoff_ms': 200,
    'grpc.max_reconnect_backoff_ms': Math.max(1000, breakerResetMs),
  };
}

/** Reports one call: latency, outcome and the detector's address. */
export type CallHook = (seconds: number, outcome: 'ok' | 'error' | 'skipped', addr: string) => void;

/** Receives the verdicts of sessions a detector closed by itself (each is sent once: keep it). */
export type SessionVerdictHook = (verdicts: SessionVerdict[], addr: string) => void;

/** gRPC connection to one detector; see the module comment. */
export class DetectorChannel {
  private readonly client: grpc.Client;
  private readonly breaker: CircuitBreaker;
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private lastErrorLogged = 0;
  private polling = false;
  /** Epoch ms when the last live (non-dry-run) `Detect` call was sent (0 = never). */
  lastLiveCallAtMs = 0;

  /** Connects lazily to `opts.addr`. */
  constructor(
    private readonly opts: DetectorChannelOptions,
    private readonly log: Logger,
    private readonly onCall: CallHook | undefined,
    private readonly onSessionVerdicts: SessionVerdictHook | undefined = undefined,
  ) {
    this.client = new grpc.Client(opts.addr, channelCredentials(opts.tls), withBearerKey(channelOptions(opts.breakerResetMs), opts.apiKey));
    this.breaker = new CircuitBreaker(opts.breakerFailures, opts.breakerResetMs);
  }

  /** `host:port` of this detector. */
  get addr(): string {
    return this.opts.addr;
  }

  /** True unless this detector's breaker is open. */
  get available(): boolean {
    return this.breaker.state !== 'open';
  }

  /** This detector's breaker state. */
  get state(): BreakerState {
    return this.breaker.state;
  }

  /**
   * Scores one batch with one `Detect` call; never throws. `rescore` (records scored before,
   * e.g. stored pending): the call is a dry run, so the detector's live session state does not
   * change, and a `learning` answer (no model yet) leaves the record `pending`.
   */
  async scoreChunk(records: readonly LogRecord[], deadline: number, rescore = false): Promise<ScoreOutcome> {
    const pending = (): ScoreOutcome => ({ verdicts: records.map(() => pendingVerdict()), scored: 0 });
    if (!(await this.acquireSlot(deadline))) {
      this.onCall?.(0, 'skipped', this.opts.addr);
      return pending();
    }
    try {
      if (!this.breaker.tryAcquire()) {
        this.onCall?.(0, 'skipped', this.opts.addr);
        return pending();
      }
      const started = process.hrtime.bigint();
      try {
        const res = await this.call(records, deadline, rescore);
        if (res.length !== records.length) throw new Error(`detector answered ${res.length} results for ${records.length} records`);
        this.breaker.success();
        this.onCall?.(Number(process.hrtime.bigint() - started) / 1e9, 'ok', this.opts.addr);
        const verdicts = res.map((r) => (rescore && r.status === 'learning' ? pendingVerdict() : fromWireResult(r)));
        return { verdicts, scored: rescore ? verdicts.filter((v) => v.status !== 'pending').length : records.length };
      } catch (err) {
        this.breaker.failure();
        this.onCall?.(Number(process.hrtime.bigint() - started) / 1e9, 'error', this.opts.addr);
        if (Date.now() - this.lastErrorLogged > 10_000) {
          this.lastErrorLogged = Date.now();
          this.log.warn({ err, addr: this.opts.addr, breaker: this.breaker.state }, 'detector call failed; the scoring stage tries again (DETECTOR_HOLD_MS), then stores the records as pending');
        }
        return pending();
      }
    } finally {
      this.releaseSlot();
    }
  }

  /**
   * Sends an empty live `Detect` to collect the verdicts of sessions the detector closed by
   * itself; skipped while the breaker is open or a poll is in flight. Never throws.
   */
  async pollClosedSessions(deadline: number): Promise<void> {
    if (this.polling || !this.breaker.tryAcquire()) return;
    this.polling = true;
    try {
      await this.call([], deadline, false);
      this.breaker.success();
    } catch (err) {
      this.breaker.failure();
      if (Date.now() - this.lastErrorLogged > 10_000) {
        this.lastErrorLogged = Date.now();
        this.log.warn({ err, addr: this.opts.addr, breaker: this.breaker.state }, 'detector poll for closed sessions failed; retried at the next interval');
      }
    } finally {
      this.polling = false;
    }
  }

  /** The detector's `GetModel` answer (served version, learning progress); rejects when it does not answer by `deadline`. */
  modelInfo(deadline: number): Promise<DetectorModelInfo> {
    return new Promise((resolve, reject) => {
      this.unary(detectorService.GetModel, {}, deadline, (err, res) => {
        if (err || !res) reject(err ?? new Error(`detector ${this.opts.addr} sent no model reply`));
        else resolve(fromWireModelInfo(res));
      });
    });
  }

  /** Sends operator feedback (`Feedback`); throws {@link FeedbackError} when it fails. */
  feedback(records: readonly LogRecord[], note: string, deadline: number): Promise<FeedbackOutcome> {
    return new Promise((resolve, reject) => {
      this.unary(detectorService.Feedback, { records: records.map(toWireRecord), note }, deadline, (err, res) => {
        if (err) reject(FeedbackError.fromGrpc(err, this.opts.addr));
        else if (!res) reject(new FeedbackError('DETECTOR_UNAVAILABLE', `detector ${this.opts.addr} sent no feedback reply`));
        else resolve(fromWireFeedback(res));
      });
    });
  }

  private call(records: readonly LogRecord[], deadline: number, dryRun: boolean): Promise<wire.IDetectResult[]> {
    if (!dryRun) this.lastLiveCallAtMs = Date.now();
    return new Promise((resolve, reject) => {
      this.unary(detectorService.Detect, { records: records.map(toWireRecord), dry_run: dryRun }, deadline, (err, res) => {
        if (err) {
          reject(err);
          return;
        }
        // Verdicts of sessions the detector closed by itself come once, with a live response.
        if (res?.closed_sessions.length) {
          const at = new Date();
          this.onSessionVerdicts?.(res.closed_sessions.map((s) => fromWireSessionVerdict(s, at)), this.opts.addr);
        }
        resolve(res?.results ?? []);
      });
    });
  }

  /** One unary call through the generated codec (`detectorService` of libs/proto). */
  private unary<Req, Res>(
    method: { path: string; requestSerialize(value: Req): Buffer; responseDeserialize(bytes: Buffer): Res },
    request: Req,
    deadline: number,
    done: (err: grpc.ServiceError | null, res?: Res) => void,
  ): void {
    this.client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, new grpc.Metadata(), { deadline }, done);
  }

  private acquireSlot(deadline: number): Promise<boolean> {
    if (this.inFlight < this.opts.concurrency) {
      this.inFlight++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(false);
      }, Math.max(0, deadline - Date.now()));
      const grant = (): void => {
        clearTimeout(timer);
        this.inFlight++;
        resolve(true);
      };
      this.waiters.push(grant);
    });
  }

  private releaseSlot(): void {
    this.inFlight--;
    this.waiters.shift()?.();
  }

  /** Closes the channel. Idempotent. */
  close(): void {
    this.client.close();
  }
}
