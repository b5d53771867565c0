// Real child processes (node -e scripts) and real sockets on loopback.
import * as net from 'node:net';
import { freePort, spawnWatched, waitForHttpOk, waitForLogLine, waitUntil } from './index';

const node = (script: string) => spawnWatched(process.execPath, ['-e', script], process.env);

describe('loopback-process', () => {
  it('freePort gives a port that can be listened on', async () => {
    const port = await freePort();
    const srv = net.createServer();
    await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((r) => srv.close(r));
  });

  it('waitForLogLine resolves with the fields of the JSON line whose msg matches, whatever their order, and not on lookalikes', async () => {
    const p = node(`
      console.log('starting: "ready" soon');
      console.log(JSON.stringify({ level: 30, note: 'ready' }));
      setTimeout(() => console.error(JSON.stringify({ level: 30, tls: 'off', port: 4711, msg: 'ready' })), 300);
      setInterval(() => {}, 1000);`);
    try {
      await expect(waitForLogLine(p, 'ready', 10_000)).resolves.toMatchObject({ port: 4711, tls: 'off', msg: 'ready' });
    } finally {
      expect(await p.stop()).toBeNull(); // ended by SIGTERM
    }
  });

  it('a wait fails as soon as the child exits, with its output, long before the timeout', async () => {
    const p = node(`console.error('bad setting: FOO'); process.exit(2);`);
    const started = Date.now();
    await expect(waitForLogLine(p, 'ready', 30_000)).rejects.toThrow(/exited 2 before the log line "ready": bad setting: FOO/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a wait fails after its timeout, naming what it waited for', async () => {
    const p = node('setInterval(() => {}, 1000);');
    try {
      await expect(waitUntil(p, 'never', 300, () => undefined)).rejects.toThrow(/timed out after 300 ms waiting for never/);
    } finally {
      await p.kill9();
    }
  });

  it('waitForHttpOk resolves once the child serves 2xx, not while nothing listens', async () => {
    const port = await freePort();
    const p = node(`setTimeout(() => require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'), 500);`);
    try {
      const started = Date.now();
      await waitForHttpOk(p, `http://127.0.0.1:${port}/`, 10_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    } finally {
      await p.stop();
    }
  });
});
