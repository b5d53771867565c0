/**
 * The syslog listeners through the built collector, fed by util-linux `logger` (a real syslog
 * client: RFC 5424 and RFC 3164, TCP octet-counted and newline-framed, UDP) and by raw
 * sockets, checked in the real Elasticsearch (docs/api.md, "Syslog").
 */
import { execFile } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { freePort } from '../testing/harness';
import { byMessage, field, shipperCollectorForSuite, waitForHits } from '../testing/shipper-clients';

jest.setTimeout(120_000);

let tcpPort: number;
let udpPort: number;
beforeAll(async () => {
  tcpPort = await freePort();
  udpPort = await freePort();
});
const suite = shipperCollectorForSuite('syslog', () => ({ SYSLOG_HOST: '127.0.0.1', SYSLOG_TCP_PORT: String(tcpPort), SYSLOG_UDP_PORT: String(udpPort), SYSLOG_MAX_MESSAGE_BYTES: '2048' }));

const N = 100;
let expected = 0;

/** Sends `lines` (one message each) with util-linux logger. */
async function logger(args: string[], lines: string[]): Promise<void> {
  const child = execFile('logger', ['-n', '127.0.0.1', ...args]);
  child.stdin!.end(lines.join('\n') + '\n');
  await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`logger exited ${code}`)))));
}

describe('syslog listeners', () => {
  it('logger --rfc5424 --octet-count over TCP: each message once, with host, app, pid, severity, msgid and structured data', async () => {
    const lines = Array.from({ length: N }, (_, i) => `tcp5424 record ${i}`);
    await logger(['-T', '-P', String(tcpPort), '--rfc5424', '--octet-count', '-t', 'billing', '-p', 'local3.warning', '--msgid', 'BILL', '--sd-id', 'meta@32473', '--sd-param', 'session_id="sess-42"', '--sd-param', 'tier="gold"', '--id=4321'], lines);
    expected += N;
    const m = byMessage(await waitForHits(suite.prefix, expected));
    const mine = [...m.keys()].filter((k) => k.startsWith('tcp5424 record '));
    expect(mine).toHaveLength(N);
    for (const k of mine) expect(m.get(k)).toHaveLength(1);
    const d = m.get('tcp5424 record 7')![0].source;
    expect(d).toMatchObject({ service: { name: 'billing' }, log: { level: 'warning' }, session: { id: 'sess-42' } });
    expect(typeof field(d, 'host.name')).toBe('string');
    expect(field(d, 'labels')).toMatchObject({ 'syslog.facility': 'local3', 'syslog.msgid': 'BILL', 'process.pid': '4321', 'meta@32473.tier': 'gold' });
  });

  it('logger --rfc3164 over TCP (newline-framed) and over UDP: each message once with host, tag and severity', async () => {
    await logger(['-T', '-P', String(tcpPort), '--rfc3164', '-t', 'cron', '-p', 'user.err'], Array.from({ length: N }, (_, i) => `tcp3164 record ${i}`));
    for (let i = 0; i < 20; i++) await logger(['-d', '-P', String(udpPort), '--rfc3164', '-t', 'udpapp', '-p', 'daemon.info'], [`udp3164 record ${i}`]);
    expected += N + 20;
    const m = byMessage(await waitForHits(suite.prefix, expected));
    for (const [tag, n] of [['tcp3164', N], ['udp3164', 20]] as const) {
      const mine = [...m.keys()].filter((k) => k.startsWith(`${tag} record `));
      expect(mine).toHaveLength(n);
      for (const k of mine) expect(m.get(k)).toHaveLength(1);
    }
    expect(m.get('tcp3164 record 3')![0].source).toMatchObject({ service: { name: 'cron' }, log: { level: 'err' } });
    expect(m.get('udp3164 record 3')![0].source).toMatchObject({ service: { name: 'udpapp' }, log: { level: 'info' } });
    expect(field(m.get('udp3164 record 3')![0].source, 'labels')).toMatchObject({ 'syslog.facility': 'daemon' });
  });

  it('mixed framing on one connection, a line without <PRI> kept whole; an oversized octet count closes the connection and stores nothing of it', async () => {
    const msg = '<165>1 2026-12-01T10:00:00.000Z h9 app9 - - - framed one';
    await new Promise<void>((resolve, reject) => {
      const s = net.connect(tcpPort, '127.0.0.1', () => s.end(`${Buffer.byteLength(msg)} ${msg}no pri header line\n<13>Dec  1 10:00:00 h9 tagged: newline two\n`));
      s.on('close', () => resolve());
      s.on('error', reject);
    });
    const closed = await new Promise<boolean>((resolve) => {
      const s = net.connect(tcpPort, '127.0.0.1', () => s.write('99999 <13>1 - - - - - - too long'));
      s.on('close', () => resolve(true));
      s.on('error', () => resolve(true));
      setTimeout(() => resolve(false), 5000);
    });
    expect(closed).toBe(true);
    const u = dgram.createSocket('udp4');
    await new Promise<void>((r) => u.send('<14>1 - udp-host udpraw - - - datagram line', udpPort, '127.0.0.1', () => r()));
    u.close();
    expected += 4;
    const m = byMessage(await waitForHits(suite.prefix, expected));
    expect(m.get('framed one')![0].source).toMatchObject({ host: { name: 'h9' }, service: { name: 'app9' }, log: { level: 'notice' } });
    expect(m.get('no pri header line')).toHaveLength(1);
    expect(m.get('newline two')![0].source).toMatchObject({ service: { name: 'tagged' } });
    expect(m.get('datagram line')![0].source).toMatchObject({ host: { name: 'udp-host' } });
    expect([...m.keys()].some((k) => k.includes('too long'))).toBe(false);
  });
});
