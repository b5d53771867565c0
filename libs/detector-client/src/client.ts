/**
 * Detector client: scores records with the detector's `Detect` RPC in batches, with a
 * deadline per call, bounded concurrency and a circuit breaker. It never throws: records it
 * could not score get the `pending` verdict, and ingest never waits beyond the deadline.
 */
import * as grpc from '@grpc/grpc-js';
import { loadDetectorProto, type DetectResult__Output, type DetectorClient as GrpcDetectorClient, type LogRecord as WireRecord } from '@log-sentinel/proto';
import { pendingVerdict, type AnomalyVerdict, type LogRecord } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import { CircuitBreaker } from './breaker';

/** Options of {@link DetectorClient}. */
export interface DetectorClientOptions {
  /** `host:port` of the detector. */
  addr: string;
  /** Deadline of one call. */
  deadlineMs: number;
  /** Records per call. */
  maxBatch: number;
  /** Calls in flight at once. */
  concurrency: number;
  /** Consecutive failures that open the breaker. */
  breakerFailures: number;
  /** Open time before a trial call. */
  breakerResetMs: number;
}

/** Outcome of scoring one batch. */
export interface ScoreOutcome {
  /** One verdict per record, in order (`pending` for those not scored). */
  verdicts: AnomalyVerdict[];
  /** Records that got a real verdict. */
  scored: number;
}

/** Longest message sent to the detector (its default per-record limit is 64 KiB). */
const MAX_MESSAGE_CHARS = 16 * 1024;

/** Maps a record to the wire type (messages capped at {@link MAX_MESSAGE_CHARS}). */
export function toWireRecord(r: LogRecord): WireRecord {
  const ms = Date.parse(r.timestamp);
  const out: WireRecord = {
    id: r.id,
    message: r.message.length > MAX_MESSAGE_CHARS ? r.message.slice(0, MAX_MESSAGE_CHARS) : r.message,
    level: r.level ?? '',
    service: r.service ?? '',
    host: r.host ?? '',
    session_id: r.sessionId ?? '',
    labels: r.labels,
  };
  if (Number.isFinite(ms)) out.timestamp = { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
  return out;
}

/** Maps one wire result to a verdict. */
export function fromWireResult(r: DetectResult__Output): AnomalyVerdict {
  const v: AnomalyVerdict = {
    isAnomaly: r.is_anomaly,
    score: Number.isFinite(r.score) ? Math.min(1, Math.max(0, r.score)) : 0,
    reasons: [...r.reasons],
    status: r.status === 'learning' ? 'learning' : 'scored',
  };
  if (r.model_version) v.modelVersion = r.model_version;
  if (r.template_id) v.templateId = r.template_id;
  if (r.template) v.template = r.template;
  if (r.session_id) v.sessionId = r.session_id;
  return v;
}

/** Hooks for metrics. */
export interface DetectorClientHooks {
  /** Called after each call with its latency and outcome. */
  onCall?(seconds: number, outcome: 'ok' | 'error' | 'skipped'): void;
}

/** gRPC client of the detector; see the module comment. */
export class DetectorClient {
  private readonly client: GrpcDetectorClient;
  private readonly breaker: CircuitBreaker;
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private lastErrorLogged = 0;

  /** Connects lazily to the detector. */
  constructor(
    private readonly opts: DetectorClientOptions,
    private readonly log: Logger,
    private readonly hooks: DetectorClientHooks = {},
  ) {
    const { grpcType } = loadDetectorProto();
    this.client = new grpcType.sentinel.detector.v1.Detector(opts.addr, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
      'grpc.max_send_message_length': 64 * 1024 * 1024,
      // Notice a restarted detector within seconds, not grpc's default of up to two minutes.
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': Math.max(1000, opts.breakerResetMs),
    });
    this.breaker = new CircuitBreaker(opts.breakerFailures, opts.breakerResetMs);
  }

  /** True unless the breaker is open. */
  get available(): boolean {
    return this.breaker.state !== 'open';
  }

  /** Breaker state, for readiness. */
  get state(): string {
    return this.breaker.state;
  }

  /** Scores records; never throws, never waits much past the deadline. */
  async score(records: readonly LogRecord[]): Promise<ScoreOutcome> {
    const chunks: LogRecord[][] = [];
    for (let i = 0; i < records.length; i += this.opts.maxBatch) chunks.push(records.slice(i, i + this.opts.maxBatch));
    const deadline = Date.now() + this.opts.deadlineMs;
    const parts = await Promise.all(chunks.map((c) => this.scoreChunk(c, deadline)));
    const verdicts = parts.flatMap((p) => p.verdicts);
    return { verdicts, scored: parts.reduce((n, p) => n + p.scored, 0) };
  }

  private async scoreChunk(records: LogRecord[], deadline: number): Promise<ScoreOutcome> {
    const pending = (): ScoreOutcome => ({ verdicts: records.map(() => pendingVerdict()), scored: 0 });
    if (!(await this.acquireSlot(deadline))) {
      this.hooks.onCall?.(0, 'skipped');
      return pending();
    }
    try {
      if (!this.breaker.tryAcquire()) {
        this.hooks.onCall?.(0, 'skipped');
        return pending();
      }
      const started = process.hrtime.bigint();
      try {
        const res = await this.call(records, deadline);
        if (res.length !== records.length) throw new Error(`detector answered ${res.length} results for ${records.length} records`);
        this.breaker.success();
        this.hooks.onCall?.(Number(process.hrtime.bigint() - started) / 1e9, 'ok');
        return { verdicts: res.map(fromWireResult), scored: records.length };
      } catch (err) {
        this.breaker.failure();
        this.hooks.onCall?.(Number(process.hrtime.bigint() - started) / 1e9, 'error');
        if (Date.now() - this.lastErrorLogged > 10_000) {
          this.lastErrorLogged = Date.now();
          this.log.warn({ err, addr: this.opts.addr, breaker: this.breaker.state }, 'detector call failed; records are stored as pending and re-scored later');
        }
        return pending();
      }
    } finally {
      this.releaseSlot();
    }
  }

  private call(records: LogRecord[], deadline: number): Promise<DetectResult__Output[]> {
    return new Promise((resolve, reject) => {
      this.client.Detect({ records: records.map(toWireRecord) }, { deadline }, (err, res) => {
        if (err) reject(err);
        else resolve(res?.results ?? []);
      });
    });
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
