/**
 * The main-thread side of the scoring stage in a worker thread: serves the worker's requests
 * against the intake and scored spools (see `protocol.ts`), hands its written documents to the
 * local sinks, its counts to the metrics and its log lines to the logger. Intake keeps the
 * main thread: only reading, acknowledging and the scored appends (file I/O on the thread
 * pool) run here; decoding, `Detect`, encoding and their garbage live in the worker's heap.
 */
import { Worker } from 'node:worker_threads';
import type { ElasticLogDocument } from '@log-sentinel/schema';
import { intakePositionOf, type Spool, type SpoolBatch } from '@log-sentinel/spool';
import type { Logger } from 'pino';
import type { StageMetrics } from '../stage';
import type { Command, Notice, Request, StageStatus, WireBatch } from './protocol';

/** What the host connects the worker to. */
export interface ScoringThreadHostParts {
  /** The intake spool (appended to by the sources on this thread). */
  intake: Spool;
  /** The scored spool, or undefined without Elasticsearch. */
  scored?: Spool;
  /** Local sinks: every written document, once durable. */
  onWritten(docs: readonly ElasticLogDocument[]): void;
  /** Counters the stage updates. */
  metrics: StageMetrics;
  /** Each `Detect` call's latency, outcome and detector. */
  onDetectCall(seconds: number, outcome: 'ok' | 'error' | 'skipped', detector: string): void;
  /** Where the worker's log lines go. */
  log: Logger;
}

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Runs the scoring stage in a worker thread; see the module comment. */
export class ScoringThreadHost {
  private readonly worker: Worker;
  private readonly batches = new Map<number, SpoolBatch>();
  private nextBatch = 1;
  private current: StageStatus = { holding: false, detectorAvailable: false, detectorStates: {}, queuedSessionVerdicts: 0 };
  private stoppedResolve: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.stoppedResolve = resolve));
  private startedResolve: (n: Extract<Notice, { t: 'started' }>) => void = () => undefined;
  /** Resolves once the worker runs, with the nice value it set on its thread. */
  readonly started = new Promise<Extract<Notice, { t: 'started' }>>((resolve) => (this.startedResolve = resolve));
  private shutdownPromise: Promise<void> | undefined;
  private exited = false;

  /** Starts `script` (the worker entry) with `workerData`. `onFailure` hears of a worker that died. */
  constructor(
    script: string,
    workerData: unknown,
    private readonly parts: ScoringThreadHostParts,
    onFailure: (err: Error) => void,
  ) {
    this.worker = new Worker(script, { workerData });
    this.worker.on('message', (m: Request | Notice) => this.onMessage(m));
    this.worker.on('error', (err) => onFailure(err));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.stoppedResolve();
      if (!this.shutdownPromise) onFailure(new Error(`the scoring worker thread exited (code ${code})`));
    });
  }

  /** True while the stage holds its position for an unreachable detector. */
  get holding(): boolean {
    return this.current.holding;
  }

  /** The worker's last reported status. */
  get status(): StageStatus {
    return this.current;
  }

  private onMessage(m: Request | Notice): void {
    switch (m.t) {
      case 'req':
        void this.serve(m);
        return;
      case 'written':
        this.parts.onWritten(m.docs);
        return;
      case 'count':
        this.parts.metrics[m.name].inc(m.value);
        return;
      case 'sessionVerdicts':
        this.parts.metrics.sessionVerdicts.inc({ flagged: m.flagged }, m.value);
        return;
      case 'detectCall':
        this.parts.onDetectCall(m.seconds, m.outcome, m.detector);
        return;
      case 'status':
        this.current = m.status;
        return;
      case 'log':
        this.relayLog(m.line);
        return;
      case 'started':
        this.startedResolve(m);
        return;
      case 'stopped':
        this.stoppedResolve();
        return;
    }
  }

  private async serve(req: Request): Promise<void> {
    const { intake, scored } = this.parts;
    try {
      let value: unknown;
      const transfer: ArrayBuffer[] = [];
      switch (req.op) {
        case 'read': {
          const batch = await intake.read(req.maxRecords, req.maxBytes);
          if (batch) {
            const wire = this.toWire(batch);
            transfer.push(wire.data);
            value = wire;
          }
          break;
        }
        case 'ack': {
          const batch = this.batches.get(req.batch);
          this.batches.delete(req.batch);
          if (batch) await intake.ack(batch);
          break;
        }
        case 'waitForData':
          await intake.waitForData(req.timeoutMs);
          break;
        case 'skipThrough':
          value = await intake.skipThrough(req.pos);
          break;
        case 'findNewestIntakePosition':
          value = scored ? await scored.findNewest(intakePositionOf) : undefined;
          break;
        case 'appendScored':
          if (scored) await scored.append(req.payloads.map((p) => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
          break;
      }
      this.post({ t: 'res', id: req.id, ok: true, value, unackedRecords: intake.stats().unackedRecords }, transfer);
    } catch (err) {
      const e = err as Error & { code?: string };
      this.post({ t: 'res', id: req.id, ok: false, error: { message: e.message, ...(typeof e.code === 'string' ? { code: e.code } : {}) }, unackedRecords: intake.stats().unackedRecords });
    }
  }

  /** One buffer for the batch's records (copied once, then transferred: no copy on the way). */
  private toWire(batch: SpoolBatch): WireBatch {
    let total = 0;
    for (const r of batch.records) total += r.length;
    const data = new Uint8Array(total);
    const lengths = new Array<number>(batch.records.length);
    let off = 0;
    batch.records.forEach((r, i) => {
      data.set(r, off);
      off += r.length;
      lengths[i] = r.length;
    });
    const id = this.nextBatch++;
    this.batches.set(id, batch);
    return { id, segmentSeq: batch.segmentSeq, recovered: batch.recovered, end: batch.end, data: data.buffer, lengths };
  }

  private post(m: Command, transfer: ArrayBuffer[] = []): void {
    if (!this.exited) this.worker.postMessage(m, transfer);
  }

  /** A pino line from the worker, logged again here (same level, fields and message). */
  private relayLog(line: string): void {
    try {
      const { level, msg, time: _time, pid: _pid, hostname: _host, ...fields } = JSON.parse(line) as Record<string, unknown> & { level: number; msg?: string };
      this.parts.log[LEVELS[level] ?? 'info'](fields, msg ?? '');
    } catch {
      this.parts.log.warn({ line }, 'unreadable log line from the scoring worker thread');
    }
  }

  /** Stops the stage (the batch in hand is written if it can be, else replayed at the next start) and the worker. Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.post({ t: 'shutdown' });
      await this.stopped;
      await this.worker.terminate();
    })();
    return this.shutdownPromise;
  }
}
