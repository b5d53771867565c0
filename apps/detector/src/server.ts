/**
 * gRPC server wiring: the Detector service (handlers map wire ↔ pipeline and errors via
 * ./grpc-errors), grpc.health.v1.Health, server reflection, and graceful shutdown.
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, service as healthService } from 'grpc-health-check';
import { DETECTOR_SERVICE, loadDetectorProto, type wire } from '@log-sentinel/proto';
import { DetectorError, validateRecords, type DetectorEngineApi, type DetectRecord, type RequestLimits, type WorkflowView } from '@log-sentinel/pipeline';
import type { Logger } from 'pino';
import { detectorServiceDefinition, requireDecoded, type Decoded, type DetectorHandlers } from './codec';
import { addReflection } from './reflection';
import { toServiceError } from './grpc-errors';
import { guardHandlers, KeyCheck, type DetectorKeys } from './auth';
import { fromWireRecords, fromWireTrainOptions, toWireFeedback, toWireModelInfo, toWireProgress, toWireResult, toWireSessionVerdict, toWireWorkflows } from './wire';

/** Server options. */
export interface DetectorServerOptions {
  /** Bind host. */
  host: string;
  /** Bind port (0 = any free port). */
  port: number;
  /** gRPC max receive message bytes. */
  maxRequestBytes: number;
  /** Bearer keys (absent or empty = every call allowed). */
  keys?: DetectorKeys;
  /** PEM contents: serve over TLS; with `ca`, require client certificates signed by it. Absent = plaintext. */
  tls?: { cert: Buffer; key: Buffer; ca?: Buffer };
  /** Request limits. */
  limits: RequestLimits & { maxInflightRecords: number; maxTrainRecords: number };
  /** The serving model's workflows, for GetModel with include_workflows (absent = none). */
  workflows?: () => WorkflowView[];
}

/** A running detector gRPC server. */
export interface DetectorServer {
  /** The bound port. */
  port: number;
  /** Health service (the app flips it to NOT_SERVING on shutdown). */
  health: HealthImplementation;
  /** Stops accepting calls, waits up to `graceMs` for in-flight ones, then cancels the rest. Idempotent. */
  shutdown(graceMs: number): Promise<void>;
}

/** Fully qualified name of the standard health service (grpc-health-check). */
const HEALTH_SERVICE = 'grpc.health.v1.Health';

/** HTTP/2 receive window the server grants each connection and stream. */
export const HTTP2_WINDOW_BYTES = 8 << 20;

/**
 * A 500-record Detect request is ~64 KB — exactly HTTP/2's default 64 KB window — so every
 * request would wait for a WINDOW_UPDATE round trip. grpc-js has no server option for the
 * window, so each new HTTP/2 session of the bound listeners gets a larger one (public Node
 * http2 API; the listener list is grpc-js internal, hence the defensive lookup).
 */
function widenHttp2Windows(server: grpc.Server, log: Logger): void {
  const listeners = (server as unknown as { http2Servers?: Map<import('node:events').EventEmitter, unknown> }).http2Servers;
  if (!(listeners instanceof Map)) {
    log.warn('grpc-js internals changed: HTTP/2 windows stay at their 64 KB default');
    return;
  }
  for (const http2Server of listeners.keys()) {
    http2Server.on('session', (session: import('node:http2').Http2Session) => {
      try {
        session.settings({ initialWindowSize: HTTP2_WINDOW_BYTES });
        session.setLocalWindowSize(HTTP2_WINDOW_BYTES);
      } catch (err) {
        log.warn({ err }, 'could not widen an HTTP/2 window');
      }
    });
  }
}

/** Starts the gRPC server on `opts.host:opts.port`. */
export async function startDetectorServer(engine: DetectorEngineApi, opts: DetectorServerOptions, log: Logger): Promise<DetectorServer> {
  // proto/ read once, only for server reflection (descriptors); requests are decoded by the generated codec
  const { definition } = loadDetectorProto();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': opts.maxRequestBytes,
    'grpc.max_send_message_length': Math.max(opts.maxRequestBytes, 64 << 20),
  });
  let inflightRecords = 0;
  let closing = false;

  /** Reserves capacity for n records or throws RESOURCE_EXHAUSTED / UNAVAILABLE. */
  const admit = (n: number, newCall: boolean): void => {
    if (closing && newCall) throw new DetectorError('SHUTTING_DOWN', 'the detector is shutting down');
    if (inflightRecords > 0 && inflightRecords + n > opts.limits.maxInflightRecords) {
      throw new DetectorError('RESOURCE_EXHAUSTED', `detector overloaded: ${inflightRecords} records in flight (limit ${opts.limits.maxInflightRecords}); retry later`);
    }
    inflightRecords += n;
  };

  /** Scores one request; `newCall` = a unary call (refused once shutdown began; open streams drain). */
  const detectBatch = async (msg: Decoded<wire.DetectRequest>, newCall: boolean): Promise<wire.IDetectResponse> => {
    const req = requireDecoded(msg, 'DetectRequest');
    const records = fromWireRecords(req.records);
    validateRecords(records, opts.limits);
    admit(records.length, newCall);
    try {
      const verdicts = await engine.detect(records, { dryRun: req.dry_run, explain: req.explain });
      const results = new Array<ReturnType<typeof toWireResult>>(verdicts.length);
      for (let i = 0; i < verdicts.length; i++) results[i] = toWireResult(verdicts[i]!, req.explain);
      // sessions the detector closed by itself (idle timeout) reach the client with its next live call
      const closed = req.dry_run ? [] : engine.takeClosedSessions();
      return closed.length > 0 ? { results, closed_sessions: closed.map(toWireSessionVerdict) } : { results };
    } finally {
      inflightRecords -= records.length;
    }
  };

  const handlers: DetectorHandlers = {
    Detect(call, callback) {
      detectBatch(call.request, true).then(
        (res) => callback(null, res),
        (err: unknown) => callback(toServiceError(err)),
      );
    },

    DetectStream(call) {
      // One request at a time, in order: the input is paused while a batch is scored and
      // while the client is not reading (write() returned false), so memory stays bounded.
      let chain = Promise.resolve();
      let failed = false;
      call.on('data', (req: Decoded<wire.DetectRequest>) => {
        call.pause();
        chain = chain.then(async () => {
          if (failed) return;
          try {
            const res = await detectBatch(req, false);
            const ok = call.write(res);
            if (!ok && !call.cancelled) {
              // Wait until the client reads again (or goes away).
              await new Promise<void>((resolve) => {
                const done = (): void => {
                  call.off('drain', done);
                  call.off('cancelled', done);
                  resolve();
                };
                call.once('drain', done);
                call.once('cancelled', done);
              });
            }
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
    },

    Train(call) {
      let optionsSeen = false;
      let options = fromWireTrainOptions(undefined);
      let received = 0;
      const queue: DetectRecord[][] = [];
      let ended = false;
      let inputError: unknown;
      let wake: (() => void) | undefined;
      const notify = (): void => {
        const w = wake;
        wake = undefined;
        w?.();
      };
      let firstMessage: (() => void) | undefined;
      const optionsReady = new Promise<void>((resolve) => (firstMessage = resolve));
      call.on('data', (msg: Decoded<wire.TrainRequest>) => {
        try {
          const req = requireDecoded(msg, 'TrainRequest');
          if (!optionsSeen) {
            optionsSeen = true;
            options = fromWireTrainOptions(req.options);
            firstMessage?.();
          }
          const records = fromWireRecords(req.records);
          validateRecords(records, opts.limits);
          received += records.length;
          if (received > opts.limits.maxTrainRecords) {
            throw new DetectorError('INVALID_ARGUMENT', `training stream exceeds ${opts.limits.maxTrainRecords} records (DETECTOR_TRAIN_MAX_RECORDS)`);
          }
          if (records.length > 0) queue.push(records);
          if (queue.length > 8) call.pause();
        } catch (err) {
          inputError = err;
          firstMessage?.(); // bad options fail the call now, not when the client ends its stream
        }
        notify();
      });
      call.on('end', () => {
        ended = true;
        firstMessage?.();
        notify();
      });
      call.on('error', (err) => {
        inputError = err;
        ended = true;
        notify();
      });
      async function* batches(): AsyncIterable<DetectRecord[]> {
        for (;;) {
          if (inputError) throw inputError;
          const next = queue.shift();
          if (next) {
            if (queue.length <= 2) call.resume();
            yield next;
            continue;
          }
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
      void optionsReady
        .then(() => {
          if (closing) throw new DetectorError('SHUTTING_DOWN', 'the detector is shutting down');
          return engine.train(batches(), options, (p) => {
            call.write(toWireProgress(p));
          });
        })
        .then(
          () => call.end(),
          (err: unknown) => {
            log.warn({ err }, 'training run failed');
            call.emit('error', toServiceError(err));
          },
        );
    },

    GetModel(call, callback) {
      try {
        const req = requireDecoded(call.request, 'GetModelRequest');
        const info = toWireModelInfo(engine.modelInfo());
        if (req.include_workflows) info.workflows = { types: toWireWorkflows(opts.workflows?.() ?? []) };
        callback(null, info);
      } catch (err) {
        callback(toServiceError(err));
      }
    },

    CloseSessions(call, callback) {
      const run = async () => {
        const req = requireDecoded(call.request, 'CloseSessionsRequest');
        const ids = req.session_ids;
        if (ids.length > opts.limits.maxRecordsPerRequest) {
          throw new DetectorError('INVALID_ARGUMENT', `at most ${opts.limits.maxRecordsPerRequest} session ids per CloseSessions call (got ${ids.length})`);
        }
        ids.forEach((id, i) => {
          if (!id) throw new DetectorError('INVALID_ARGUMENT', `session_ids[${i}] is empty`);
        });
        const verdicts = await engine.closeSessions(ids, { dryRun: req.dry_run });
        return { results: verdicts.map(toWireSessionVerdict) };
      };
      run().then(
        (res) => callback(null, res),
        (err: unknown) => callback(toServiceError(err)),
      );
    },

    Feedback(call, callback) {
      const run = async () => {
        const req = requireDecoded(call.request, 'FeedbackRequest');
        const records = fromWireRecords(req.records);
        validateRecords(records, opts.limits);
        if (records.length === 0) throw new DetectorError('INVALID_ARGUMENT', 'feedback needs at least one record');
        return toWireFeedback(await engine.feedback(records, req.note));
      };
      run().then(
        (res) => callback(null, res),
        (err: unknown) => callback(toServiceError(err)),
      );
    },
  };

  server.addService(detectorServiceDefinition(), guardHandlers(handlers, new KeyCheck(opts.keys ?? { apiKeys: [], adminKeys: [] })));
  const health = new HealthImplementation({ '': 'SERVING', [DETECTOR_SERVICE]: 'SERVING' });
  health.addToServer(server);
  // Reflection covers every service served here, health included, so `grpcurl list` shows both.
  addReflection(server, { ...definition, [HEALTH_SERVICE]: healthService });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${opts.host}:${opts.port}`, opts.tls ? grpc.ServerCredentials.createSsl(opts.tls.ca ?? null, [{ cert_chain: opts.tls.cert, private_key: opts.tls.key }], Boolean(opts.tls.ca)) : grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });

  widenHttp2Windows(server, log);

  let shutdownPromise: Promise<void> | undefined;
  return {
    port,
    health,
    shutdown(graceMs: number): Promise<void> {
      shutdownPromise ??= (async () => {
        closing = true;
        health.setStatus('', 'NOT_SERVING');
        health.setStatus(DETECTOR_SERVICE, 'NOT_SERVING');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            log.warn({ graceMs }, 'shutdown grace period over; cancelling remaining calls');
            server.forceShutdown();
            resolve();
          }, graceMs);
          server.tryShutdown(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      })();
      return shutdownPromise;
    },
  };
}
