/**
 * HTTP over a bare TCP socket, for requests no HTTP client would send (broken framing,
 * header injection, stalls). Reads one response: status line, headers, and a body framed
 * by Content-Length (what the collector sends), or whatever arrives before the close.
 */
import * as net from 'node:net';

/** What came back on the socket. */
export interface RawResponse {
  /** HTTP status, or 0 when the connection closed (or timed out) without a status line. */
  status: number;
  /** Response body (possibly partial). */
  body: string;
  /** True when our own deadline cut the exchange. */
  timedOut: boolean;
}

/** Writes `chunks` (with `gapMs` between them) to 127.0.0.1:`port` and reads one response within `timeoutMs`. */
export function rawRequest(port: number, chunks: readonly Buffer[], timeoutMs: number, gapMs = 0): Promise<RawResponse> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (timedOut: boolean): void => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      sock.destroy();
      resolve({ ...parse(got), timedOut });
    };
    timers.push(setTimeout(() => finish(true), timeoutMs));
    sock.on('connect', () => {
      chunks.forEach((c, i) => {
        const write = (): void => {
          if (!sock.destroyed && sock.writable) sock.write(c);
        };
        if (gapMs > 0 && i > 0) timers.push(setTimeout(write, gapMs * i));
        else write();
      });
    });
    sock.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (complete(got)) finish(false);
    });
    sock.on('error', () => finish(false));
    sock.on('close', () => finish(false));
  });
}

/** Drops interim 1xx responses (100 Continue) in front of the final one. */
function finalResponse(buf: Buffer): Buffer {
  while (/^HTTP\/1\.[01] 1\d\d /.test(buf.subarray(0, 16).toString('latin1'))) {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return buf;
    buf = buf.subarray(end + 4);
  }
  return buf;
}

/** True once a whole Content-Length-framed response is in. */
function complete(all: Buffer): boolean {
  const buf = finalResponse(all);
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(buf.subarray(0, end).toString('latin1'));
  return m ? buf.length - (end + 4) >= Number(m[1]) : false;
}

function parse(all: Buffer): { status: number; body: string } {
  const buf = finalResponse(all);
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(buf.subarray(0, 16).toString('latin1'));
  const end = buf.indexOf('\r\n\r\n');
  return { status: m ? Number(m[1]) : 0, body: end >= 0 ? buf.subarray(end + 4).toString('utf8') : '' };
}
