/**
 * `npm run bench:collector -- --probe`: loaded into each collector process of the latency
 * part (`node --require`), it measures from inside what the bench client cannot tell apart:
 * `POST /logs` time in the server, event-loop delay, GC pauses, the main thread's time waiting
 * for a CPU (Linux schedstat), and the spool's `writev` / `fdatasync` times per spool (intake,
 * scored, pending). It writes a JSON summary to `BENCH_COLLECTOR_PROBE_OUT` at exit; without
 * that variable, or in any other process, it does nothing.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

/** p50 / p99 / max (ms, 2 decimals) and count of `ms`. */
function summary(ms: number[]): { n: number; p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number): number => +(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN).toFixed(2);
  return { n: s.length, p50: at(50), p99: at(99), max: at(100) };
}

/** Main thread: ms on a CPU and ms runnable but waiting for one (`/proc/self/task/<pid>/schedstat`); undefined off Linux. */
function schedMs(): [number, number] | undefined {
  try {
    const [run, wait] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return [Number(run) / 1e6, Number(wait) / 1e6];
  } catch {
    return undefined;
  }
}

/** Spool a file belongs to, from its path (`<SPOOL_DIR>/scored/…`, `…/pending/…`, else intake). */
function spoolOf(file: string): string {
  return file.includes('/scored/') ? 'scored' : file.includes('/pending/') ? 'pending' : 'intake';
}

function install(out: string): void {
  const requests: number[] = [];
  const io: Record<string, number[]> = {};
  const gcMs: number[] = [];
  const note = (key: string, ms: number): void => void (io[key] ??= []).push(ms);
  // POST /logs from the request event to the end of the reply, skipping the bench's 20 warm-up requests.
  let seen = 0;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]): boolean {
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if (event === 'request' && req.method === 'POST' && req.url === '/logs' && ++seen > 20) {
      const t0 = performance.now();
      res.once('finish', () => requests.push(performance.now() - t0));
    }
    return (emit as (this: http.Server, event: string, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
  // The spool's FileHandle writev / datasync, timed per spool (their prototype is reached through the first open).
  const open = fs.promises.open;
  const paths = new WeakMap<object, string>();
  let patched = false;
  fs.promises.open = async function (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) {
    const fh = await open(file, flags, mode);
    paths.set(fh, String(file));
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(fh) as Record<string, (...a: unknown[]) => Promise<unknown>>;
      for (const name of ['writev', 'datasync']) {
        const original = proto[name]!;
        proto[name] = async function (this: object, ...a: unknown[]) {
          const t0 = performance.now();
          try {
            return await original.apply(this, a);
          } finally {
            note(`${spoolOf(paths.get(this) ?? '')}.${name}`, performance.now() - t0);
          }
        };
      }
    }
    return fh;
  } as typeof open;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcMs.push(e.duration)));
  gc.observe({ entryTypes: ['gc'] });
  const elu0 = performance.eventLoopUtilization();
  const sched0 = schedMs();
  process.on('exit', () => {
    const sched = schedMs();
    const result = {
      serverMs: summary(requests),
      eventLoopDelayMs: { p50: +(loop.percentile(50) / 1e6).toFixed(2), p99: +(loop.percentile(99) / 1e6).toFixed(2), max: +(loop.max / 1e6).toFixed(2) },
      eventLoopUtilization: +performance.eventLoopUtilization(elu0).utilization.toFixed(3),
      gc: { pauses: gcMs.length, totalMs: Math.round(gcMs.reduce((a, b) => a + b, 0)), over5Ms: gcMs.filter((m) => m > 5).length, maxMs: +Math.max(0, ...gcMs).toFixed(2) },
      ...(sched && sched0 ? { mainThread: { onCpuMs: Math.round(sched[0] - sched0[0]), waitingForCpuMs: Math.round(sched[1] - sched0[1]) } } : {}),
      spoolIoMs: Object.fromEntries(Object.entries(io).sort().map(([k, v]) => [k, summary(v)])),
    };
    fs.writeFileSync(out, JSON.stringify(result));
  });
}

const target = process.env.BENCH_COLLECTOR_PROBE_OUT;
// The main thread only (intake): a worker thread (the scoring stage) shares process.argv and NODE_OPTIONS.
if (target && isMainThread && /collector[\\/]dist[\\/]main\.js$/.test(process.argv[1] ?? '')) install(target);
