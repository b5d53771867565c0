/**
 * service-log: what every service process sets up first — its root pino logger (here)
 * and its link to the `npm start` supervisor (./supervisor-link). The logger is written so that logging can
 * never stall the service. A pipe or socket output is written through the event loop
 * (non-blocking) with a bounded queue: when nobody drains it, lines beyond
 * `maxBufferBytes` are dropped and counted instead of blocking — a synchronous write
 * would spin on EAGAIN (or block a thread) and keep SIGTERM from ever being handled.
 * Files and terminals are written asynchronously with SonicBoom. On exit, queued lines
 * get a bounded wait.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import pino, { type DestinationStream, type Logger } from 'pino';
import SonicBoom from 'sonic-boom';

/** Options of {@link createServiceLogger}. */
export interface ServiceLoggerOptions {
  /** Value of the `app` field on every line (e.g. "detector"). */
  app: string;
  /** pino level name (trace, debug, info, warn, error, fatal, silent). */
  level: string;
  /** File descriptor to write to: 1 (stdout) or 2 (stderr). */
  fd: 1 | 2;
  /** Most bytes queued while the output does not drain (default 16 MiB). */
  maxBufferBytes?: number;
}

/** A service's root logger and its exit path. */
export interface ServiceLogger {
  /** The root logger; components take `log.child({ component })`. */
  log: Logger;
  /** Log lines dropped because the output did not drain (or failed). */
  dropped(): number;
  /** Writes out queued lines (waiting at most `flushWaitMs`, default 1 s), then exits with `code`. */
  flushAndExit(code: number, flushWaitMs?: number): void;
}

interface Output {
  dest: DestinationStream;
  /** Calls `done` once queued bytes are written (or at once when nothing is queued). */
  drain(done: () => void): void;
}

function isPipeOrSocket(fd: number): boolean {
  try {
    const st = fs.fstatSync(fd);
    return st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}

/** Creates the root logger of a service process. */
export function createServiceLogger(opts: ServiceLoggerOptions): ServiceLogger {
  const maxBytes = opts.maxBufferBytes ?? 16 * 1024 * 1024;
  let droppedLines = 0;
  let broken = false;
  let out: Output;
  if (isPipeOrSocket(opts.fd)) {
    const sock = new net.Socket({ fd: opts.fd, readable: false, writable: true });
    sock.on('error', () => {
      broken = true; // EPIPE and the like: the reader is gone; keep running, stop logging.
    });
    out = {
      dest: {
        write(line: string) {
          if (broken || sock.writableLength > maxBytes) droppedLines++;
          else sock.write(line);
        },
      },
      drain: (done) => (sock.writableLength === 0 || broken ? done() : sock.once('drain', done)),
    };
  } else {
    // Our own SonicBoom rather than pino.destination(): the latter registers an exit hook
    // that flushes synchronously and retries EAGAIN forever.
    const boom = new SonicBoom({ fd: opts.fd, sync: false, maxLength: maxBytes });
    boom.on('drop', () => droppedLines++);
    boom.on('error', () => {
      broken = true;
    });
    boom.flushSync = () => undefined; // pino calls it after a fatal line
    out = {
      dest: boom,
      drain: (done) => {
        boom.once('close', done);
        boom.end();
      },
    };
  }
  const log = pino({ level: opts.level, base: { app: opts.app } }, out.dest);
  let exiting = false;
  return {
    log,
    dropped: () => droppedLines,
    flushAndExit(code, flushWaitMs = 1000) {
      if (exiting) return;
      exiting = true;
      setTimeout(() => process.exit(code), flushWaitMs);
      out.drain(() => process.exit(code));
    },
  };
}

export { linkToSupervisor, SupervisorLinkError, type SupervisorLink, type SupervisorReadyMessage } from './supervisor-link';
export { routeStopRequests, STOP_SIGNALS, type StopRequestOptions } from './stop-requests';
