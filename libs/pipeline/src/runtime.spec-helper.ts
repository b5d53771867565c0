/** Specs' way to a served model: train on records, write the version, load it as the detector does. */
import { readModelVersion, writeModelVersion } from '@log-sentinel/model-registry';
import type { TrainRunOptions } from './engine-types';
import { buildRuntime } from './model-loader';
import type { ModelRuntime } from './model-runtime';
import type { DetectRecord } from './record';
import type { ScoreContext } from './scorer';
import { compileSessionKey } from './session-key';
import { SessionStore } from './session-store';
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

/** A scoring context with its own session store for `rt` (sessions by `sessionRegex`, else by stream), at time 0, untimed records left untimed. */
export function scoreContext(rt: ModelRuntime, sessionRegex?: string): ScoreContext {
  return {
    sessions: new SessionStore({ maxSessions: 10_000, ttlMs: 3600_000, maxBytes: 1 << 26 }, rt.parts.window),
    sessionKey: compileSessionKey(sessionRegex === undefined ? {} : { sessionRegex }),
    nowMs: () => 0,
    untimed: 'none',
  };
}
