/**
 * One service of the local stack (detector or collector) run as a child Node process:
 * its output goes straight to a log file (so it survives this process), it is linked to
 * this process by an IPC channel (it says "ready" on it once it listens, and shuts itself
 * down when the channel closes, i.e. when this process dies, even by SIGKILL), its exit is
 * observed, and `stop()` asks it to shut down with SIGTERM, escalating to SIGKILL after a
 * grace period.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { CodedError } from '@log-sentinel/coded-error';

/** How a child process ended. */
export interface ServiceExit {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  /** Signal that ended it, or null. */
  signal: NodeJS.Signals | null;
  /** True when `stop()` had been called before it ended. */
  requested: boolean;
}

/** What to run. */
export interface ServiceSpec {
  /** Short name used in messages (`detector`, `collector`). */
  name: string;
  /** Absolute path of the compiled entry point. */
  script: string;
  /** Full environment of the child (the stack sets `LOG_SENTINEL_SUPERVISED=on` in it). */
  env: NodeJS.ProcessEnv;
  /** File that receives the child's stdout and stderr. */
  logFile: string;
}

/** Error when a service cannot be started or stopped. */
export class ServiceProcessError extends CodedError<'SERVICE_NOT_BUILT' | 'SERVICE_SPAWN_FAILED'> {}

/** Ports a service reported on its IPC channel once it listened (e.g. `{ http: 8080 }`). */
export type ServicePorts = Record<string, number>;

function readyPorts(msg: unknown): ServicePorts | undefined {
  if (typeof msg !== 'object' || msg === null) return undefined;
  const m = msg as { type?: unknown; ports?: unknown };
  return m.type === 'ready' && typeof m.ports === 'object' && m.ports !== null ? (m.ports as ServicePorts) : undefined;
}

/** A running child service. */
export class ServiceProcess {
  /** Resolves once, when the child has exited. */
  readonly exited: Promise<ServiceExit>;
  /** Resolves when the child says it listens (never, if it exits first: race it with `exited`). */
  readonly ready: Promise<ServicePorts>;
  private readonly child: ChildProcess;
  private stopRequested = false;
  private done: ServiceExit | undefined;

  private constructor(
    readonly spec: ServiceSpec,
    child: ChildProcess,
  ) {
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.done = { code, signal, requested: this.stopRequested };
        resolve(this.done);
      });
    });
    this.ready = new Promise((resolve) => {
      const onMessage = (msg: unknown): void => {
        const ports = readyPorts(msg);
        if (!ports) return;
        child.off('message', onMessage);
        resolve(ports);
      };
      child.on('message', onMessage);
    });
  }

  /** Spawns the service; throws ServiceProcessError when the entry point is missing. */
  static start(spec: ServiceSpec): ServiceProcess {
    if (!fs.existsSync(spec.script)) {
      throw new ServiceProcessError('SERVICE_NOT_BUILT', `${spec.name}: ${spec.script} does not exist (run \`npm run build\`)`);
    }
    // The child writes its log file itself: its last lines are kept even when this
    // process is gone (no pipe through us that would break).
    const logFd = fs.openSync(spec.logFile, 'a');
    let child: ChildProcess;
    try {
      fs.writeSync(logFd, `--- ${spec.name} started by log-sentinel at ${new Date().toISOString()} ---\n`);
      // Own session and process group: a terminal's Ctrl-C or hang-up reaches only the
      // supervisor, which then stops the services in order (collector first, so it can
      // flush to the detector). The IPC channel is the lifeline: when this process dies
      // in any way, the channel closes and the service stops itself.
      child = spawn(process.execPath, [spec.script], { env: spec.env, stdio: ['ignore', logFd, logFd, 'ipc'], detached: true });
    } finally {
      fs.closeSync(logFd);
    }
    child.on('error', () => undefined); // a failed spawn is reported below / by 'exit'
    if (child.pid === undefined) {
      throw new ServiceProcessError('SERVICE_SPAWN_FAILED', `${spec.name}: could not spawn ${process.execPath}`);
    }
    return new ServiceProcess(spec, child);
  }

  /** Process id of the child. */
  get pid(): number {
    return this.child.pid as number;
  }

  /** The exit, once it happened. */
  get exit(): ServiceExit | undefined {
    return this.done;
  }

  /** Sends SIGTERM, waits up to `graceMs`, then SIGKILL; idempotent; resolves with the exit. */
  async stop(graceMs: number): Promise<ServiceExit> {
    if (this.done) return this.done;
    if (!this.stopRequested) {
      this.stopRequested = true;
      this.child.kill('SIGTERM');
    }
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (!this.done) this.child.kill('SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([this.exited, killed]);
    clearTimeout(timer);
    return this.exited;
  }

  /** Last `lines` lines this run wrote to the service's log file (for error messages). */
  tail(lines: number): string {
    try {
      const all = fs.readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n');
      const marker = `--- ${this.spec.name} started by log-sentinel at `;
      let from = 0;
      for (let i = all.length - 1; i >= 0; i--) {
        if (all[i]!.startsWith(marker)) {
          from = i + 1;
          break;
        }
      }
      return all.slice(Math.max(from, all.length - lines)).join('\n');
    } catch {
      return '';
    }
  }
}
