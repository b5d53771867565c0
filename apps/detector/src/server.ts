/**
 * gRPC server wiring: the Detector service (./handlers map wire ↔ pipeline and errors via
 * ./grpc-errors), grpc.health.v1.Health, server reflection, and graceful shutdown.
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, service as healthService } from 'grpc-health-check';
import { DETECTOR_SERVICE, loadDetectorProto } from '@log-sentinel/proto';
import type { DetectorEngineApi, RequestLimits, WorkflowView } from '@log-sentinel/pipeline';
import type { Logger } from 'pino';
import { detectorServiceDefinition } from './codec';
import { addReflection } from './reflection';
import { guardHandlers, KeyCheck, type DetectorKeys } from './auth';
import { createHandlers, Inflight } from './handlers';

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
  const inflight = new Inflight(opts.limits.maxInflightRecords);
  const handlers = createHandlers(engine, { limits: opts.limits, ...(opts.workflows ? { workflows: opts.workflows } : {}) }, inflight, log);

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
        inflight.closing = true;
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
