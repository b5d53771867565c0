/**
 * The real detector process (`node apps/detector/dist/main.js`) for benchmarks: started on
 * a free loopback port (DETECTOR_PORT=0; the port is read from its "detector listening"
 * log line), stopped with SIGTERM as an operator would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** A running detector. */
export interface DetectorProcess {
  /** The child process. */
  proc: ChildProcess;
  /** The gRPC port it listens on (127.0.0.1). */
  port: number;
  /** Everything it wrote to stderr so far (its pino log). */
  log(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Options of {@link startDetector}. */
export interface StartDetectorOptions {
  /** Repository root (holds apps/detector/dist/main.js). */
  root: string;
  /** MODEL_DIR: the model registry to serve. */
  modelDir: string;
  /** Write a CPU profile of the detector into this directory. */
  profileDir?: string;
  /** More environment variables for the detector. */
  env?: Record<string, string>;
  /** How long to wait for "detector listening" (default 60 s). */
  timeoutMs?: number;
}

/** Starts the detector and resolves once it listens. */
export async function startDetector(opts: StartDetectorOptions): Promise<DetectorProcess> {
  const nodeArgs = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
  const proc = spawn(process.execPath, [...nodeArgs, path.join(opts.root, 'apps/detector/dist/main.js')], {
    // the benchmark's own loopback detector: keys of the caller's environment are not applied to it
    env: { ...process.env, MODEL_DIR: opts.modelDir, DETECTOR_PORT: '0', DETECTOR_HOST: '127.0.0.1', DETECTOR_METRICS_PORT: '0', LOG_LEVEL: 'info', DETECTOR_API_KEYS: '', DETECTOR_ADMIN_KEYS: '', ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let buf = '';
  proc.stderr!.on('data', (d: Buffer) => (buf += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`detector did not start within ${opts.timeoutMs ?? 60_000} ms: ${buf.slice(-2000)}`));
    }, opts.timeoutMs ?? 60_000);
    const onData = (): void => {
      const m = /"port":(\d+).*"detector listening"/.exec(buf);
      if (m) {
        clearTimeout(timer);
        proc.stderr!.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`detector exited with ${code}: ${buf.slice(-2000)}`));
    });
  });
  return {
    proc,
    port,
    log: () => buf,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill('SIGTERM');
      }),
  };
}
