/** A child process whose output is kept, and waits that end as soon as it exits. */
import { spawn, type ChildProcess } from 'node:child_process';

/** A running child with its stdout and stderr kept (interleaved as they arrived). */
export interface WatchedProcess {
  /** The child. */
  child: ChildProcess;
  /** Everything it wrote so far. */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) once it has exited. */
  exited: Promise<number | null>;
  /** SIGTERM (unless it has exited), then its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (unless it has exited), then waits for the exit. */
  kill9(): Promise<void>;
}

/** Spawns `command args` with exactly `env`, keeping its output. */
export function spawnWatched(command: string, args: readonly string[], env: NodeJS.ProcessEnv): WatchedProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  // 'close', not 'exit': by then all of its output has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => out,
    exited,
    stop: () => {
      if (running()) child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Polls `probe` every 100 ms until it returns a value other than `undefined` and resolves with
 * it. Rejects as soon as the child exits, or after `timeoutMs`, naming `what` and the end of
 * the child's output.
 */
export async function waitUntil<T>(proc: WatchedProcess, what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (exitCode !== undefined) throw new Error(`exited ${exitCode} before ${what}: ${proc.output().slice(-2000)}`);
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${proc.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until GET `url` answers 2xx. */
export function waitForHttpOk(proc: WatchedProcess, url: string, timeoutMs: number): Promise<true> {
  return waitUntil(proc, `GET ${url} to answer 2xx`, timeoutMs, async () => {
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok || undefined;
    } catch {
      return undefined; // not listening yet
    }
  });
}

/**
 * Waits for the first JSON log line (pino) whose `msg` is `msg` and resolves with its fields,
 * whatever other fields it carries and in whatever order.
 */
export function waitForLogLine(proc: WatchedProcess, msg: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const needle = JSON.stringify(msg);
  return waitUntil(proc, `the log line ${needle}`, timeoutMs, () => {
    for (const line of proc.output().split('\n')) {
      if (!line.includes(needle)) continue;
      try {
        const fields = JSON.parse(line) as Record<string, unknown>;
        if (fields['msg'] === msg) return fields;
      } catch {
        // not a JSON line, or not complete yet
      }
    }
    return undefined;
  });
}
