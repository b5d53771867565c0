import * as fs from 'node:fs';
import { ServiceProcess, ServiceProcessError } from './service-process';
import { cleanExit, describeExit } from './local-stack';
import { tempDirPerTest } from '../temp-dir.spec-helper';

describe('ServiceProcess', () => {
  const tmp = tempDirPerTest('svc-');

  const script = (name: string, body: string): string => {
    const p = tmp.path(name);
    fs.writeFileSync(p, body);
    return p;
  };

  /** Resolves once the service's log ends with `line` (it printed it after setting up its signal handler). */
  const printed = async (s: ServiceProcess, line: string): Promise<void> => {
    const end = Date.now() + 10_000;
    while (s.tail(1) !== line) {
      if (Date.now() > end) throw new Error(`the service never printed ${JSON.stringify(line)}: ${s.tail(5)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('logs output to its file and reports an unrequested exit with its code', async () => {
    const s = ServiceProcess.start({ name: 'x', script: script('a.js', 'console.log("hello"); console.error("boom"); process.exit(3);'), env: {}, logFile: tmp.path('x.log') });
    const exit = await s.exited;
    expect(exit).toEqual({ code: 3, signal: null, requested: false });
    expect(cleanExit(exit)).toBe(false);
    expect(describeExit(exit)).toBe('exit code 3');
    expect(s.tail(2)).toBe('hello\nboom');
    expect(s.tail(5)).toBe('hello\nboom');
    expect(fs.readFileSync(tmp.path('x.log'), 'utf8')).toMatch(/^--- x started by log-sentinel at \S+ ---\nhello\nboom\n$/);
    // A second run appends; its tail shows only its own lines.
    const again = ServiceProcess.start({ name: 'x', script: script('a2.js', 'console.log("second"); process.exit(1);'), env: {}, logFile: tmp.path('x.log') });
    await again.exited;
    expect(again.tail(5)).toBe('second');
  });

  it('ready resolves with the ports the child reports on its IPC channel', async () => {
    const body = 'process.send({ type: "ready", ports: { http: 1234 } }); process.on("disconnect", () => process.exit(0)); setInterval(() => {}, 1000);';
    const s = ServiceProcess.start({ name: 'x', script: script('r.js', body), env: {}, logFile: tmp.path('x.log') });
    expect(await Promise.race([s.ready, s.exited])).toEqual({ http: 1234 });
    expect((await s.stop(5000)).requested).toBe(true);
  });

  it('stop() sends SIGTERM and the service shuts down cleanly', async () => {
    const body = 'process.on("SIGTERM", () => { console.log("bye"); process.exit(0); }); console.log("up"); setInterval(() => {}, 1000);';
    const s = ServiceProcess.start({ name: 'x', script: script('b.js', body), env: {}, logFile: tmp.path('x.log') });
    await printed(s, 'up');
    const exit = await s.stop(5000);
    expect(exit).toEqual({ code: 0, signal: null, requested: true });
    expect(cleanExit(exit)).toBe(true);
    expect(await s.stop(5000)).toBe(exit);
    expect(s.tail(2)).toBe('up\nbye');
  });

  it('stop() escalates to SIGKILL after the grace period', async () => {
    const s = ServiceProcess.start({ name: 'x', script: script('c.js', 'process.on("SIGTERM", () => {}); console.log("deaf"); setInterval(() => {}, 1000);'), env: {}, logFile: tmp.path('x.log') });
    await printed(s, 'deaf');
    const exit = await s.stop(300);
    expect(exit.signal).toBe('SIGKILL');
    expect(cleanExit(exit)).toBe(false);
  });

  it('a missing entry point is a clear error', () => {
    expect(() => ServiceProcess.start({ name: 'detector', script: tmp.path('nope.js'), env: {}, logFile: tmp.path('x.log') })).toThrow(ServiceProcessError);
    expect(() => ServiceProcess.start({ name: 'detector', script: tmp.path('nope.js'), env: {}, logFile: tmp.path('x.log') })).toThrow(/npm run build/);
  });
});
