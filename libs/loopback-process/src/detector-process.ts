/** The built detector (`apps/detector/dist/main.js`) as a real process on a loopback port. */
import * as path from 'node:path';
import { spawnWatched, waitForLogLine, type WatchedProcess } from './watched-process';

/** The `msg` of the line the detector logs once it serves gRPC (with `port`, `metricsPort`, …). */
export const DETECTOR_LISTENING = 'detector listening';

/** Options of {@link startDetectorProcess}. */
export interface StartDetectorOptions {
  /** Repository root (holds apps/detector/dist/main.js). */
  root: string;
  /** Detector variables (MODEL_DIR, …) over the defaults: any free port on 127.0.0.1, no metrics port, info logs. */
  env?: Record<string, string>;
  /** The caller's environment under `env` (default `process.env`). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Node options before the script, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
  /** How long to wait for the listening line (default 60 s). */
  timeoutMs?: number;
}

/** A detector that listens. */
export interface DetectorProcess extends WatchedProcess {
  /** Its gRPC port on 127.0.0.1. */
  port: number;
  /** Its Prometheus port, or null when off. */
  metricsPort: number | null;
}

/**
 * Starts the detector and resolves once its "detector listening" line names the port; rejects
 * (after SIGKILL) if it exits first or does not listen in time, with the end of its log.
 */
export async function startDetectorProcess(opts: StartDetectorOptions): Promise<DetectorProcess> {
  const proc = spawnWatched(process.execPath, [...(opts.nodeArgs ?? []), path.join(opts.root, 'apps', 'detector', 'dist', 'main.js')], {
    ...(opts.baseEnv ?? process.env),
    DETECTOR_PORT: '0',
    DETECTOR_HOST: '127.0.0.1',
    DETECTOR_METRICS_PORT: '0',
    LOG_LEVEL: 'info', // the listening line is an info line
    ...opts.env,
  });
  try {
    const line = await waitForLogLine(proc, DETECTOR_LISTENING, opts.timeoutMs ?? 60_000);
    return { ...proc, port: Number(line['port']), metricsPort: typeof line['metricsPort'] === 'number' ? line['metricsPort'] : null };
  } catch (err) {
    await proc.kill9();
    throw new Error(`detector did not start: ${(err as Error).message}`, { cause: err });
  }
}
