/**
 * The worker-thread side of the scoring stage: the intake spool and the scored spool as the
 * stage sees them, served by the main thread ({@link ScoringThreadHost}); counts, documents,
 * status and log lines sent back as messages. See `protocol.ts`.
 */
import type { MessagePort } from 'node:worker_threads';
import { SpoolError, type SpoolBatch, type SpoolPosition } from '@log-sentinel/spool';
import type { ElasticLogDocument } from '@log-sentinel/schema';
import type { IntakeSource } from '../intake-source';
import type { StageOutput } from '../output';
import type { StageMetrics } from '../stage';
import type { Command, Notice, Request, StageStatus, WireBatch } from './protocol';

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 't' | 'id'> : never) : never;

/**
 * Longest message the console's local index keeps (its examples clip at 2,048 characters,
 * session steps at 512): the rest need not cross the thread boundary.
 */
const LOCAL_INDEX_MESSAGE_CHARS = 2048;

/**
 * What the local sinks get of a written document. Flagged records and session verdicts go
 * whole (the anomaly store serves them on `/anomalies`); the others feed only the console's
 * local index, which reads event id, time, message (clipped), service, session, template and
 * verdict — so their `event.original` and `labels`, the bulk of a document, are left out of the
 * structured clone that copies them to the main thread.
 */
export function forLocalSinks(d: ElasticLogDocument): ElasticLogDocument {
  if (d.anomaly?.is_anomaly || d.anomaly?.kind === 'session') return d;
  const { labels: _labels, event, message, ...rest } = d;
  return { ...rest, message: message.length > LOCAL_INDEX_MESSAGE_CHARS ? message.slice(0, LOCAL_INDEX_MESSAGE_CHARS) : message, event: { id: event.id, original: '', ingested: event.ingested } };
}

/** The worker's link to the main thread. */
export class HostLink {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private unacked = 0;
  private shutdownHandler: () => void = () => undefined;

  /** Listens on `port` (the worker's `parentPort`). */
  constructor(private readonly port: MessagePort) {
    port.on('message', (m: Command) => {
      if (m.t === 'shutdown') {
        this.shutdownHandler();
        return;
      }
      this.unacked = m.unackedRecords;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(m.error.code?.startsWith('SPOOL_') ? new SpoolError(m.error.code as never, m.error.message) : Object.assign(new Error(m.error.message), { code: m.error.code }));
    });
  }

  /** Intake records not yet acknowledged, as of the main thread's last answer. */
  get unackedRecords(): number {
    return this.unacked;
  }

  /** Calls `fn` when the main thread asks the worker to stop. */
  onShutdown(fn: () => void): void {
    this.shutdownHandler = fn;
  }

  /** Sends a request; resolves with the main thread's answer. */
  request<T>(body: RequestBody): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ t: 'req', id, ...body });
    });
  }

  /** Sends a one-way message. */
  notify(n: Notice): void {
    this.port.postMessage(n);
  }

  /** The intake spool, read through the main thread. */
  intake(): IntakeSource {
    const ids = new WeakMap<SpoolBatch, number>();
    return {
      read: async (maxRecords, maxBytes) => {
        const wire = await this.request<WireBatch | undefined>({ op: 'read', maxRecords, maxBytes });
        if (!wire) return undefined;
        const records = new Array<Buffer>(wire.lengths.length);
        let off = 0;
        wire.lengths.forEach((len, i) => {
          records[i] = Buffer.from(wire.data, off, len);
          off += len;
        });
        const batch: SpoolBatch = { segmentSeq: wire.segmentSeq, recovered: wire.recovered, end: wire.end, records };
        ids.set(batch, wire.id);
        return batch;
      },
      ack: async (batch) => {
        const id = ids.get(batch);
        if (id !== undefined) await this.request({ op: 'ack', batch: id });
      },
      waitForData: (timeoutMs) => this.request({ op: 'waitForData', timeoutMs }),
      skipThrough: (pos: SpoolPosition) => this.request<number>({ op: 'skipThrough', pos }),
      stats: () => ({ unackedRecords: this.unacked }),
    };
  }

  /** The stage's output: scored-spool appends made (and fsynced) by the main thread; documents to its local sinks. */
  output(hasScored: boolean): StageOutput {
    return {
      ...(hasScored
        ? {
            scored: {
              append: (payloads: readonly (string | Buffer)[]) => this.request({ op: 'appendScored', payloads: [...payloads] }),
              // The stage's one use is `findNewest(intakePositionOf)`: the main thread applies that pick itself.
              findNewest: <T>() => this.request<T | undefined>({ op: 'findNewestIntakePosition' }),
            },
          }
        : {}),
      onWritten: (docs: readonly ElasticLogDocument[]) => this.notify({ t: 'written', docs: docs.map(forLocalSinks) }),
    };
  }

  /** Counters that reach the main thread's registry. */
  metrics(): StageMetrics {
    const count = (name: 'pending' | 'flagged' | 'rescored') => ({ inc: (value = 1) => this.notify({ t: 'count', name, value }) });
    return {
      pending: count('pending'),
      flagged: count('flagged'),
      rescored: count('rescored'),
      sessionVerdicts: { inc: (labels, value = 1) => this.notify({ t: 'sessionVerdicts', flagged: labels.flagged, value }) },
    };
  }

  /** Reports the stage's status now and every `everyMs` (and whenever `read()` changes); returns a stop function. */
  reportStatus(read: () => StageStatus, everyMs: number): () => void {
    let last = '';
    const send = (): void => {
      const status = read();
      const text = JSON.stringify(status);
      if (text === last) return;
      last = text;
      this.notify({ t: 'status', status });
    };
    send();
    const timer = setInterval(send, everyMs);
    return () => {
      clearInterval(timer);
      send();
    };
  }

  /** A pino destination whose lines go to the main thread's logger. */
  logStream(): { write(line: string): void } {
    return { write: (line) => this.notify({ t: 'log', line }) };
  }
}
