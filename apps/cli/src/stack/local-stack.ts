/**
 * The local stack of `npm start` / `npm run demo`: the detector and the collector as child
 * processes sharing one data directory, with embedded defaults (no Elasticsearch unless
 * ELASTIC_ADDR is set: the collector keeps records in its spool and serves `/anomalies`
 * from its local store). Both are linked to this process (LOG_SENTINEL_SUPERVISED=on):
 * they say when they listen and stop themselves when this process is gone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PortClaim } from './port-check';
import { ServiceProcess, type ServiceExit, type ServicePorts } from './service-process';
import type { StackDirs } from './stack-config';

/** Options of {@link LocalStack.start}. */
export interface LocalStackOptions {
  /** Data directories (created when missing). */
  dirs: StackDirs;
  /** Detector gRPC port. */
  detectorPort: number;
  /** Detector Prometheus port (0 = off). */
  detectorMetricsPort: number;
  /** Collector HTTP port. */
  collectorPort: number;
  /** Environment the services inherit (the user's settings pass through). */
  baseEnv: NodeJS.ProcessEnv;
  /** Variables forced on the detector (e.g. a smaller learning target for the demo). */
  detectorEnv?: Record<string, string>;
  /** Variables forced on the collector. */
  collectorEnv?: Record<string, string>;
  /** Time each service gets to stop before SIGKILL. */
  stopGraceMs: number;
}

/** Which service ended first, and how. */
export interface FirstExit {
  name: 'detector' | 'collector';
  exit: ServiceExit;
}

/** Directory of the compiled apps (…/apps), found from this file's location in apps/cli/dist/stack. */
const APPS_DIR = path.resolve(__dirname, '..', '..', '..');

/** Entry point of the detector process. */
export const DETECTOR_ENTRY = path.join(APPS_DIR, 'detector', 'dist', 'main.js');
/** Entry point of the collector process. */
export const COLLECTOR_ENTRY = path.join(APPS_DIR, 'collector', 'dist', 'main.js');

/** Sets `key` to `value` unless the user already set it. */
function withDefault(env: NodeJS.ProcessEnv, key: string, value: string): void {
  if (env[key] === undefined || env[key] === '') env[key] = value;
}

/** Builds the detector's environment: user settings first, local defaults for the rest. */
export function detectorEnvironment(opts: LocalStackOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...opts.baseEnv };
  withDefault(env, 'MODEL_DIR', opts.dirs.models);
  env.DETECTOR_PORT = String(opts.detectorPort);
  env.DETECTOR_METRICS_PORT = String(opts.detectorMetricsPort);
  withDefault(env, 'DETECTOR_HOST', '127.0.0.1');
  return { ...env, ...opts.detectorEnv, LOG_SENTINEL_SUPERVISED: 'on' };
}

/** Builds the collector's environment: user settings first, local defaults for the rest. */
export function collectorEnvironment(opts: LocalStackOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...opts.baseEnv };
  withDefault(env, 'SPOOL_DIR', opts.dirs.spool);
  withDefault(env, 'LOG_SENTINEL_DIR', opts.dirs.watch);
  withDefault(env, 'COLLECTOR_STATE_DIR', opts.dirs.state);
  withDefault(env, 'COLLECTOR_HOST', '127.0.0.1');
  env.COLLECTOR_PORT = String(opts.collectorPort);
  env.DETECTOR_ADDR = `127.0.0.1:${opts.detectorPort}`;
  // No ELASTIC_ADDR: local store only. The collector's own default (127.0.0.1:9200) would
  // try a node the user never asked for, and replay the spool into whatever appears there.
  withDefault(env, 'ELASTIC_ADDR', 'off');
  return { ...env, ...opts.collectorEnv, LOG_SENTINEL_SUPERVISED: 'on' };
}

/** The ports the stack's services will bind, for a check before starting them. */
export function stackPortClaims(opts: LocalStackOptions): PortClaim[] {
  const d = detectorEnvironment(opts);
  const c = collectorEnvironment(opts);
  return [
    { what: 'detector gRPC', variable: 'DETECTOR_PORT', host: d.DETECTOR_HOST as string, port: opts.detectorPort },
    { what: 'detector metrics', variable: 'DETECTOR_METRICS_PORT', host: d.DETECTOR_HOST as string, port: opts.detectorMetricsPort },
    { what: 'collector HTTP', variable: 'COLLECTOR_PORT', host: c.COLLECTOR_HOST as string, port: opts.collectorPort },
  ];
}

/** Detector and collector running as children of this process. */
export class LocalStack {
  /** Resolves when the first of the two services exits. */
  readonly firstExit: Promise<FirstExit>;
  /** Resolves when both services said (over their IPC channel) that they listen; never if one exits first. */
  readonly ready: Promise<{ detector: ServicePorts; collector: ServicePorts }>;
  private stopping: Promise<{ detector: ServiceExit; collector: ServiceExit }> | undefined;
  private readonly onExit = (): void => {
    // Last resort when this process dies without a clean stop: do not leave orphans.
    for (const s of [this.collector, this.detector]) {
      if (s.exit) continue;
      try {
        process.kill(s.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };

  private constructor(
    readonly opts: LocalStackOptions,
    readonly detector: ServiceProcess,
    readonly collector: ServiceProcess,
  ) {
    this.firstExit = Promise.race([
      detector.exited.then((exit): FirstExit => ({ name: 'detector', exit })),
      collector.exited.then((exit): FirstExit => ({ name: 'collector', exit })),
    ]);
    this.ready = Promise.all([detector.ready, collector.ready]).then(([d, c]) => ({ detector: d, collector: c }));
    process.once('exit', this.onExit);
  }

  /** Creates the data directories and spawns both services. */
  static start(opts: LocalStackOptions): LocalStack {
    const d = opts.dirs;
    for (const dir of [d.home, d.models, d.spool, d.watch, d.logs, d.state]) fs.mkdirSync(dir, { recursive: true });
    const detector = ServiceProcess.start({
      name: 'detector',
      script: DETECTOR_ENTRY,
      env: detectorEnvironment(opts),
      logFile: path.join(d.logs, 'detector.log'),
    });
    let collector: ServiceProcess;
    try {
      collector = ServiceProcess.start({
        name: 'collector',
        script: COLLECTOR_ENTRY,
        env: collectorEnvironment(opts),
        logFile: path.join(d.logs, 'collector.log'),
      });
    } catch (err) {
      void detector.stop(opts.stopGraceMs);
      throw err;
    }
    return new LocalStack(opts, detector, collector);
  }

  /** Collector base URL. */
  get collectorUrl(): string {
    return `http://127.0.0.1:${this.opts.collectorPort}`;
  }

  /** Detector gRPC address. */
  get detectorAddr(): string {
    return `127.0.0.1:${this.opts.detectorPort}`;
  }

  /** Stops the collector first (it flushes to the detector and its spool), then the detector. Idempotent. */
  stop(): Promise<{ detector: ServiceExit; collector: ServiceExit }> {
    this.stopping ??= (async () => {
      const collector = await this.collector.stop(this.opts.stopGraceMs);
      const detector = await this.detector.stop(this.opts.stopGraceMs);
      process.removeListener('exit', this.onExit);
      return { detector, collector };
    })();
    return this.stopping;
  }
}

/** True when a service ended the way a clean shutdown should: asked to, exit code 0 (or SIGTERM). */
export function cleanExit(exit: ServiceExit): boolean {
  return exit.requested && (exit.code === 0 || exit.signal === 'SIGTERM');
}

/** One-line description of an exit, e.g. `exit code 1` or `signal SIGKILL`. */
export function describeExit(exit: ServiceExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? '?'}`;
}
