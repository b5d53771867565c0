/**
 * The shipper protocols on the collector's HTTP port: the Elasticsearch-compatible API under
 * `/es`, OTLP/HTTP `POST /v1/logs` and Loki `POST /loki/api/v1/push`; and the app of the
 * optional dedicated Elasticsearch port (`ES_COMPAT_PORT`), which serves the same API at `/`.
 * All of them share one {@link Admission} and the intake of `POST /logs`.
 */
import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CollectorConfig } from '../config';
import { listenHttp, type HttpListenerOptions } from './http-server';
import { startSyslog, type SyslogListeners } from './syslog';
import { createEsCompatRouter } from './es-compat';
import { createLokiRouter } from './loki';
import { createOtlpRouter } from './otlp';
import { Admission, type ShipperDeps } from './shipper-intake';

/** Mounts the shipper protocols on `app`; returns the admission they share. */
export function mountShipperRoutes(app: Express, deps: ShipperDeps, admission = new Admission(deps)): Admission {
  app.use('/es', createEsCompatRouter(deps, admission));
  app.use(createOtlpRouter(deps, admission));
  app.use(createLokiRouter(deps, admission));
  return admission;
}

/** The app of `ES_COMPAT_PORT`: the Elasticsearch-compatible API at the root, for clients that cannot set a path. */
export function createEsCompatApp(deps: ShipperDeps, admission: Admission): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(createEsCompatRouter(deps, admission));
  return app;
}

/** The listeners of the shipper protocols besides the HTTP port. */
export interface ShipperListeners {
  /** Bound dedicated Elasticsearch port (0 = off). */
  esCompatPort: number;
  /** Syslog listeners, when configured. */
  syslog: SyslogListeners | undefined;
  /** Stops them; idempotent. */
  close(): Promise<void>;
}

/** Starts `ES_COMPAT_PORT` and the syslog listeners that are configured (none by default). */
export async function startShipperListeners(
  cfg: CollectorConfig['shippers'],
  host: string,
  listener: HttpListenerOptions,
  deps: ShipperDeps,
  admission: Admission,
): Promise<ShipperListeners> {
  let server: Server | undefined;
  let syslog: SyslogListeners | undefined;
  try {
    if (cfg.esCompatPort > 0) server = await listenHttp(createEsCompatApp(deps, admission), host, cfg.esCompatPort, listener, deps.metrics);
    if (cfg.syslog.tcpPort > 0 || cfg.syslog.udpPort > 0) syslog = await startSyslog(cfg.syslog, deps);
  } catch (err) {
    server?.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    esCompatPort: server ? (server.address() as AddressInfo).port : 0,
    syslog,
    close: () =>
      (closing ??= (async () => {
        const done: Array<Promise<void>> = [];
        if (server) {
          done.push(new Promise((r) => server!.close(() => r())));
          server.closeIdleConnections();
          // Requests in progress get 2 s, like on the main port; then their sockets are cut.
          setTimeout(() => server?.closeAllConnections(), 2000).unref();
        }
        if (syslog) done.push(syslog.close());
        await Promise.all(done);
      })()),
  };
}
