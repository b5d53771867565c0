/**
 * The detector's Prometheus endpoint: a plain HTTP server on its own port
 * (DETECTOR_METRICS_PORT) answering `GET /metrics`; gRPC stays on its port.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodedError } from '@log-sentinel/coded-error';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/** Error when the metrics port cannot be bound. */
export class MetricsServerError extends CodedError<'METRICS_PORT_IN_USE' | 'METRICS_LISTEN_FAILED'> {}

/** A running metrics endpoint. */
export interface MetricsServer {
  /** The bound port. */
  port: number;
  /** Stops listening and closes idle connections; idempotent. */
  close(): Promise<void>;
}

/** Serves `registry` on `http://host:port/metrics`; rejects with {@link MetricsServerError} when it cannot bind. */
export function startMetricsServer(opts: { host: string; port: number; registry: Registry; log: Logger }): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the detector serves GET /metrics here\n');
      return;
    }
    opts.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': opts.registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      (err: unknown) => {
        opts.log.warn({ err }, 'collecting metrics failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('collecting metrics failed\n');
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const where = `${opts.host}:${opts.port}`;
      reject(
        err.code === 'EADDRINUSE'
          ? new MetricsServerError('METRICS_PORT_IN_USE', `metrics port ${where} is already in use (set DETECTOR_METRICS_PORT to another port, or 0 to turn /metrics off)`, { cause: err })
          : new MetricsServerError('METRICS_LISTEN_FAILED', `cannot listen on ${where} for /metrics: ${err.message}`, { cause: err }),
      );
    });
    server.listen(opts.port, opts.host, () => {
      let closing: Promise<void> | undefined;
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          })),
      });
    });
  });
}
