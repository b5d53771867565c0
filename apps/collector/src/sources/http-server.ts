/**
 * The HTTP listener with slow-client limits: headers must arrive within `headersTimeoutMs`,
 * the whole request within `requestTimeoutMs`; a body that stalls for `bodyIdleTimeoutMs` is
 * cut by its intake route ({@link cutIdleBody}). Each slow client closed is counted. With
 * `tls` it serves HTTPS, and with a CA it requires client certificates signed by it (mTLS).
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { CollectorMetrics } from '../metrics';

/** PEM contents for serving HTTPS: `cert` + `key`; `ca` requires client certificates signed by it. */
export interface ServerTls {
  /** Certificate chain. */
  cert: Buffer;
  /** Private key of `cert`. */
  key: Buffer;
  /** CA of the client certificates (mTLS); unset = no client certificate asked. */
  ca?: Buffer;
}

/** Timeouts and transport of the listener. */
export interface HttpListenerOptions {
  /** Longest wait for the request line and headers. */
  headersTimeoutMs: number;
  /** Longest wait for a whole request (headers and body). */
  requestTimeoutMs: number;
  /** Serve HTTPS (unset = plain HTTP). */
  tls?: ServerTls | undefined;
}

/** Starts listening; resolves with the server once bound. */
export function listenHttp(app: RequestListener, host: string, port: number, options: HttpListenerOptions, metrics: CollectorMetrics): Promise<Server> {
  const limits = {
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    // How often expired requests are looked for: the timeouts hold to within this.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(options.headersTimeoutMs / 4))),
  };
  const tls = options.tls;
  const server: Server = tls
    ? createTlsServer({ ...limits, cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca, requestCert: true, rejectUnauthorized: true } : {}) }, app)
    : createServer(limits, app);
  const dispatched = new WeakSet<Socket>();
  server.on('request', (req: IncomingMessage) => dispatched.add(req.socket));
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      metrics.slowClientsClosed.inc({ reason: dispatched.has(socket) ? 'request' : 'headers' });
      if (socket.writable && socket.bytesWritten === 0) socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    // Node's own handling of other client errors (malformed requests).
    if (socket.writable && socket.bytesWritten === 0) socket.end(`HTTP/1.1 ${err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    socket.destroy();
  });
  server.keepAliveTimeout = 65_000;
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Closes the connection of a request whose body stays silent for `timeoutMs` (a slow client
 * must not hold an intake slot), counted as `body_idle`. Every HTTP intake route (`POST
 * /logs`, `_bulk`, OTLP, Loki) arms it before reading the body.
 */
export function cutIdleBody(req: IncomingMessage, timeoutMs: number, metrics: CollectorMetrics): void {
  req.setTimeout(timeoutMs, () => {
    metrics.slowClientsClosed.inc({ reason: 'body_idle' });
    req.socket.destroy();
  });
}
