/**
 * The Detector service's handlers: each maps the wire to the pipeline engine and its errors
 * to gRPC statuses (./grpc-errors). The server (./server) binds them behind the key check.
 */
import type * as grpc from '@grpc/grpc-js';
import type { wire } from '@log-sentinel/proto';
import { DetectorError, validateRecords, type DetectorEngineApi, type DetectRecord, type RequestLimits, type WorkflowView } from '@log-sentinel/pipeline';
import type { Logger } from 'pino';
import { requireDecoded, type Decoded, type DetectorHandlers } from './codec';
import { toServiceError } from './grpc-errors';
import { fromWireRecords, fromWireTrainOptions, toWireFeedback, toWireModelInfo, toWireProgress, toWireResult, toWireSessionVerdict, toWireWorkflows } from './wire';

/** What the handlers need besides the engine. */
export interface HandlerOptions {
  /** Request limits. */
  limits: RequestLimits & { maxInflightRecords: number; maxTrainRecords: number };
  /** The serving model's workflows, for GetModel with include_workflows (absent = none). */
  workflows?: () => WorkflowView[];
}

/** Records in flight across all calls, bounded; closed to new calls once shutdown begins. */
export class Inflight {
  private records = 0;
  /** True once shutdown began: new unary calls and training runs are refused. */
  closing = false;

  constructor(private readonly max: number) {}

  /** Reserves capacity for n records or throws RESOURCE_EXHAUSTED / SHUTTING_DOWN; `newCall` = a unary call (open streams drain). */
  admit(n: number, newCall: boolean): void {
    if (this.closing && newCall) throw new DetectorError('SHUTTING_DOWN', 'the detector is shutting down');
    if (this.records > 0 && this.records + n > this.max) {
      throw new DetectorError('RESOURCE_EXHAUSTED', `detector overloaded: ${this.records} records in flight (limit ${this.max}); retry later`);
    }
    this.records += n;
  }

  /** Releases what {@link admit} reserved. */
  release(n: number): void {
    this.records -= n;
  }
}

/** A unary handler from an async function of the request: its result or its error as a gRPC status. */
function unary<Req, Res>(run: (req: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    run(call.request).then(
      (res) => callback(null, res),
      (err: unknown) => callback(toServiceError(err)),
    );
  };
}

/** Creates the handlers over `engine`. */
export function createHandlers(engine: DetectorEngineApi, opts: HandlerOptions, inflight: Inflight, log: Logger): DetectorHandlers {
  const { limits } = opts;

  /** Scores one request; `newCall` = a unary call (refused once shutdown began; open streams drain). */
  const detectBatch = async (msg: Decoded<wire.DetectRequest>, newCall: boolean): Promise<wire.IDetectResponse> => {
    const req = requireDecoded(msg, 'DetectRequest');
    const records = fromWireRecords(req.records);
    validateRecords(records, limits);
    inflight.admit(records.length, newCall);
    try {
      const verdicts = await engine.detect(records, { dryRun: req.dry_run, explain: req.explain });
      const results = new Array<ReturnType<typeof toWireResult>>(verdicts.length);
      for (let i = 0; i < verdicts.length; i++) results[i] = toWireResult(verdicts[i]!, req.explain);
      // sessions the detector closed by itself (idle timeout) reach the client with its next live call
      const closed = req.dry_run ? [] : engine.takeClosedSessions();
      return closed.length > 0 ? { results, closed_sessions: closed.map(toWireSessionVerdict) } : { results };
    } finally {
      inflight.release(records.length);
    }
  };

  return {
    Detect: unary((req) => detectBatch(req, true)),
    DetectStream: (call) => detectStream(call, detectBatch),
    Train: (call) => train(call, engine, limits, inflight, log),

    GetModel: unary(async (msg) => {
      const req = requireDecoded(msg, 'GetModelRequest');
      const info = toWireModelInfo(engine.modelInfo());
      if (req.include_workflows) info.workflows = { types: toWireWorkflows(opts.workflows?.() ?? []) };
      return info;
    }),

    CloseSessions: unary(async (msg) => {
      const req = requireDecoded(msg, 'CloseSessionsRequest');
      const ids = req.session_ids;
      if (ids.length > limits.maxRecordsPerRequest) {
        throw new DetectorError('INVALID_ARGUMENT', `at most ${limits.maxRecordsPerRequest} session ids per CloseSessions call (got ${ids.length})`);
      }
      ids.forEach((id, i) => {
        if (!id) throw new DetectorError('INVALID_ARGUMENT', `session_ids[${i}] is empty`);
      });
      const verdicts = await engine.closeSessions(ids, { dryRun: req.dry_run });
      return { results: verdicts.map(toWireSessionVerdict) };
    }),

    Feedback: unary(async (msg) => {
      const req = requireDecoded(msg, 'FeedbackRequest');
      const records = fromWireRecords(req.records);
      validateRecords(records, limits);
      if (records.length === 0) throw new DetectorError('INVALID_ARGUMENT', 'feedback needs at least one record');
      return toWireFeedback(await engine.feedback(records, req.note));
    }),
  };
}

/**
 * DetectStream: one request at a time, in order. The input is paused while a batch is scored
 * and while the client is not reading (write() returned false), so memory stays bounded.
 */
function detectStream(
  call: grpc.ServerDuplexStream<Decoded<wire.DetectRequest>, wire.IDetectResponse>,
  detectBatch: (msg: Decoded<wire.DetectRequest>, newCall: boolean) => Promise<wire.IDetectResponse>,
): void {
  let chain = Promise.resolve();
  let failed = false;
  call.on('data', (req: Decoded<wire.DetectRequest>) => {
    call.pause();
    chain = chain.then(async () => {
      if (failed) return;
      try {
        const res = await detectBatch(req, false);
        if (!call.write(res) && !call.cancelled) await drained(call);
        call.resume();
      } catch (err) {
        failed = true;
        call.emit('error', toServiceError(err));
      }
    });
  });
  call.on('end', () => {
    void chain.then(() => {
      if (!failed) call.end();
    });
  });
  call.on('error', () => undefined);
}

/** Resolves when the client reads again (or goes away). */
function drained(call: grpc.ServerDuplexStream<unknown, unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.once('drain', done);
    call.once('cancelled', done);
  });
}

/**
 * Train: the first message's options (bad ones fail the call at once), then its records and
 * every later message's, read through the stream's async iterator (its own backpressure), checked
 * against the limits as they arrive; progress is written back as the run goes.
 */
function train(
  call: grpc.ServerDuplexStream<Decoded<wire.TrainRequest>, wire.ITrainProgress>,
  engine: DetectorEngineApi,
  limits: HandlerOptions['limits'],
  inflight: Inflight,
  log: Logger,
): void {
  // a client's error or cancel reaches the reader below; this listener keeps the emitter from throwing
  call.on('error', () => undefined);
  // destroyOnReturn false: a plain for-await destroys the whole duplex when the input ends,
  // and the progress and the end of the call would never reach the client
  const input = call.iterator({ destroyOnReturn: false }) as AsyncIterableIterator<Decoded<wire.TrainRequest>>;
  let received = 0;
  const recordsOf = (msg: Decoded<wire.TrainRequest>): DetectRecord[] => {
    const records = fromWireRecords(requireDecoded(msg, 'TrainRequest').records);
    validateRecords(records, limits);
    received += records.length;
    if (received > limits.maxTrainRecords) {
      throw new DetectorError('INVALID_ARGUMENT', `training stream exceeds ${limits.maxTrainRecords} records (DETECTOR_TRAIN_MAX_RECORDS)`);
    }
    return records;
  };
  async function* batches(first: Decoded<wire.TrainRequest> | undefined): AsyncIterable<DetectRecord[]> {
    if (first !== undefined) {
      const records = recordsOf(first);
      if (records.length > 0) yield records;
    }
    for (let next = await input.next(); !next.done; next = await input.next()) {
      const records = recordsOf(next.value);
      if (records.length > 0) yield records;
    }
  }
  const run = async (): Promise<void> => {
    const first = await input.next();
    const options = fromWireTrainOptions(first.done ? undefined : requireDecoded(first.value, 'TrainRequest').options);
    if (inflight.closing) throw new DetectorError('SHUTTING_DOWN', 'the detector is shutting down');
    await engine.train(batches(first.done ? undefined : first.value), options, (p) => {
      call.write(toWireProgress(p));
    });
  };
  run().then(
    () => call.end(),
    (err: unknown) => {
      log.warn({ err }, 'training run failed');
      call.emit('error', toServiceError(err));
    },
  );
}
