/**
 * Syslog listeners (off by default): TCP (`SYSLOG_TCP_PORT`, RFC 6587 octet-counted or
 * newline-framed) and UDP (`SYSLOG_UDP_PORT`, one message per datagram). Messages feed the
 * shared intake in batches. TCP has backpressure: a connection is paused while its batch is
 * stored, and while the spool is full the batch is retried every second with the connection
 * still paused (the sender's buffer holds the rest). UDP has none: a batch the spool refuses
 * is dropped and counted as rejected. Syslog has no replies, so a frame longer than
 * `SYSLOG_MAX_MESSAGE_BYTES` or a malformed octet count closes the TCP connection (logged,
 * counted); a UDP datagram longer than that is cut to it.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { storeItems, type ShipperDeps, type ShipperItem } from './shipper-intake';
import { splitSyslogFrames, syslogFields } from './syslog-message';

/** Syslog listener settings (`SYSLOG_*`). */
export interface SyslogConfig {
  /** Interface to bind. */
  host: string;
  /** TCP port (0 = off). */
  tcpPort: number;
  /** UDP port (0 = off). */
  udpPort: number;
  /** Longest message in bytes. */
  maxMessageBytes: number;
}

/** Running syslog listeners. */
export interface SyslogListeners {
  /** Bound TCP port (0 when off). */
  tcpPort: number;
  /** Bound UDP port (0 when off). */
  udpPort: number;
  /** Stops listening and ends connections; idempotent. */
  close(): Promise<void>;
}

const UDP_BATCH_MS = 20;

function itemsOf(frames: readonly string[]): ShipperItem[] {
  const now = new Date();
  return frames.map((f) => ({ fields: syslogFields(f, now), options: { original: f } }));
}

/** Starts the configured listeners; resolves once bound. */
export async function startSyslog(cfg: SyslogConfig, deps: ShipperDeps): Promise<SyslogListeners> {
  const log = deps.log.child({ component: 'syslog' });
  const sockets = new Set<net.Socket>();
  let closed = false;
  let tcp: net.Server | undefined;
  let udp: dgram.Socket | undefined;

  const store = async (frames: string[], retryWhileFull: boolean): Promise<void> => {
    for (;;) {
      try {
        await storeItems(deps, itemsOf(frames), 'syslog');
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (!retryWhileFull || closed || code !== 'SPOOL_FULL') {
          deps.metrics.rejected.inc({ source: 'syslog' }, frames.length);
          log.error({ err: (err as Error).message, messages: frames.length }, 'syslog messages could not be stored and are lost');
          return;
        }
        await new Promise((r) => setTimeout(r, 1000).unref());
      }
    }
  };

  if (cfg.tcpPort > 0) {
    tcp = net.createServer((socket) => {
      sockets.add(socket);
      let pending: Buffer = Buffer.alloc(0);
      let chain: Promise<void> = Promise.resolve();
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        const { frames, rest, error } = splitSyslogFrames(pending, cfg.maxMessageBytes);
        pending = Buffer.from(rest);
        if (frames.length) {
          socket.pause();
          chain = chain.then(() => store(frames, true)).finally(() => socket.resume());
        }
        if (error) {
          deps.metrics.rejected.inc({ source: 'syslog' });
          log.warn({ remote: socket.remoteAddress, error }, 'syslog TCP connection closed');
          void chain.finally(() => socket.destroy());
        }
      });
      socket.on('end', () => {
        // A last line without its newline still counts as a message.
        const last = pending.toString('utf8').trim();
        if (last) chain = chain.then(() => store([last], true));
        pending = Buffer.alloc(0);
      });
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      tcp!.once('error', reject);
      tcp!.listen(cfg.tcpPort, cfg.host, () => resolve());
    });
  }

  if (cfg.udpPort > 0) {
    udp = dgram.createSocket(cfg.host.includes(':') ? 'udp6' : 'udp4');
    let batch: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      timer = undefined;
      const frames = batch;
      batch = [];
      if (frames.length) void store(frames, false);
    };
    udp.on('message', (msg: Buffer) => {
      const text = msg.subarray(0, cfg.maxMessageBytes).toString('utf8').replace(/[\r\n\0]+$/, '');
      if (!text.trim()) return;
      batch.push(text);
      if (batch.length >= 500) flush();
      else timer ??= setTimeout(flush, UDP_BATCH_MS);
    });
    udp.on('error', (err) => log.warn({ err: err.message }, 'syslog UDP socket error'));
    await new Promise<void>((resolve, reject) => {
      udp!.once('error', reject);
      udp!.bind(cfg.udpPort, cfg.host, () => resolve());
    });
  }

  let closing: Promise<void> | undefined;
  return {
    tcpPort: tcp ? (tcp.address() as net.AddressInfo).port : 0,
    udpPort: udp ? udp.address().port : 0,
    close: () =>
      (closing ??= (async () => {
        closed = true;
        const done: Array<Promise<void>> = [];
        if (tcp) done.push(new Promise((r) => tcp!.close(() => r())));
        for (const s of sockets) s.end();
        setTimeout(() => sockets.forEach((s) => s.destroy()), 2000).unref();
        if (udp) done.push(new Promise((r) => udp!.close(() => r())));
        await Promise.all(done);
      })()),
  };
}
