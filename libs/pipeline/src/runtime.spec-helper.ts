/** Specs' way to a served model: train on records, write the version, load it as the detector does. */
import { readModelVersion, writeModelVersion } from '@log-sentinel/model-registry';
import type { TrainRunOptions } from './engine-types';
import { buildRuntime } from './model-loader';
import type { ModelRuntime } from './model-runtime';
import type { DetectRecord } from './record';
import { trainModelFiles } from './trainer';

/** Trains on `records` with `options`, writes the version under the registry `dir` and loads it (no batching delay); `files` names what was written. */
export async function trainedRuntime(records: DetectRecord[], options: TrainRunOptions, dir: string): Promise<{ rt: ModelRuntime; files: string[] }> {
  const trained = await trainModelFiles(records, options, () => undefined);
  const written = await writeModelVersion(dir, trained.files, trained.meta);
  return { rt: await loadedRuntime(written.dir), files: trained.files.map((f) => f.name) };
}

/** Loads a written version as the detector does (no batching delay). */
export async function loadedRuntime(versionDir: string): Promise<ModelRuntime> {
  return buildRuntime(await readModelVersion(versionDir), { windowMs: 0, maxBatchItems: 1024 });
}
