/**
 * The benchmarks' own detector: the real process (`apps/detector/dist/main.js`, started by
 * libs/loopback-process on a free loopback port) serving one model, stopped with SIGTERM as
 * an operator would.
 */
import * as path from 'node:path';
import { startDetectorProcess, type DetectorProcess } from '@log-sentinel/loopback-process';

/** Starts the detector serving the registry `modelDir`; with `profileDir`, it writes a CPU profile there. */
export function startBenchDetector(root: string, modelDir: string, profileDir?: string): Promise<DetectorProcess> {
  return startDetectorProcess({
    root,
    // the benchmark's own loopback detector: keys of the caller's environment are not applied to it
    env: { MODEL_DIR: modelDir, DETECTOR_API_KEYS: '', DETECTOR_ADMIN_KEYS: '' },
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
  });
}
