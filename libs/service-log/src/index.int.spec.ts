// A service whose output pipe nobody reads must still log without blocking and exit on
// SIGTERM (a synchronous logger spins forever on EAGAIN there).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('service-log with an output nobody drains', () => {
  it('keeps the event loop free and exits on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-log-'));
    const script = path.join(dir, 'svc.js');
    const lib = path.resolve(__dirname, '..', 'dist', 'index.js');
    fs.writeFileSync(
      script,
      `const { createServiceLogger } = require(${JSON.stringify(lib)});
       const { log, flushAndExit } = createServiceLogger({ app: 'svc', level: 'info', fd: 1 });
       const big = 'x'.repeat(4096);
       let n = 0;
       const t = setInterval(() => { for (let i = 0; i < 50; i++) log.info({ big }, 'line'); n++; }, 5);
       process.on('SIGTERM', () => { clearInterval(t); process.stderr.write('ticks ' + n + '\\n'); flushAndExit(0, 300); });`,
    );
    // stdout is a pipe this test never reads: it fills after 64 KiB.
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pause();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(-1);
      }, 5000);
      child.once('exit', (c) => {
        clearTimeout(kill);
        resolve(c);
      });
    });
    child.stdout!.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    // the timer kept firing while the pipe was full: the event loop never blocked
    expect(Number(/ticks (\d+)/.exec(stderr)?.[1])).toBeGreaterThan(50);
  });

  it('routeStopRequests: told it is supervised without an IPC channel, logs a fatal line naming the problem and exits 2', async () => {
    const lib = path.resolve(__dirname, '..', 'dist', 'index.js');
    const script = `const { createServiceLogger, routeStopRequests } = require(${JSON.stringify(lib)});
      const { log, flushAndExit } = createServiceLogger({ app: 'svc', level: 'info', fd: 1 });
      routeStopRequests({ supervised: true, stop: () => undefined, repeatedSignal: 'stop', log, flushAndExit });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(JSON.parse(stdout.split('\n')[0]!)).toMatchObject({ level: 60, msg: expect.stringMatching(/no IPC channel/) });
  });
});
