/**
 * Checks, before `npm start` spawns anything, that every port the services will bind is
 * free: a port still held by a left-over service (or anything else) is a one-line error
 * naming the port and the variable that moves it, instead of a child crashing with
 * EADDRINUSE while the old process answers the status probes.
 */
import * as net from 'node:net';
import { CodedError } from '@log-sentinel/coded-error';

/** A port a service of the stack will listen on. */
export interface PortClaim {
  /** What listens there, e.g. `collector HTTP`. */
  what: string;
  /** Variable that sets the port, e.g. `COLLECTOR_PORT`. */
  variable: string;
  /** Interface the service binds. */
  host: string;
  /** The port (0 = any free port: never checked). */
  port: number;
}

/** Error when a port of the stack cannot be bound: `PORT_IN_USE`, or `PORT_UNAVAILABLE` for other bind failures (EACCES, EADDRNOTAVAIL…). */
export class PortCheckError extends CodedError<'PORT_IN_USE' | 'PORT_UNAVAILABLE'> {}

/** Binds and releases `host:port`; resolves with the bind error code, or undefined when it was free. */
function tryBind(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(undefined)));
  });
}

/** Rejects with {@link PortCheckError} for the first claim whose port cannot be bound now. */
export async function checkPortsFree(claims: PortClaim[]): Promise<void> {
  for (const c of claims) {
    if (c.port === 0) continue;
    const err = await tryBind(c.host, c.port);
    if (!err) continue;
    if (err.code === 'EADDRINUSE') {
      throw new PortCheckError(
        'PORT_IN_USE',
        `${c.what} port ${c.port} on ${c.host} is already in use (a Log Sentinel still running, or another program); stop it, or pick another port: ${c.variable}=<port> npm start`,
        { cause: err },
      );
    }
    throw new PortCheckError('PORT_UNAVAILABLE', `${c.what} cannot listen on ${c.host}:${c.port} (${err.code ?? err.message}); set ${c.variable} to another port`, { cause: err });
  }
}
