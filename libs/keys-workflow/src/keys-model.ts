/** The models of a `--format keys` registry version: the pipeline runtime (key field, DeepLog ONNX) + the Isolation Forest session model. */
import type { DeepLogDetector } from '@log-sentinel/deeplog';
import { SessionCountModel } from '@log-sentinel/iforest';
import { ModelRegistryError, readModelVersion, resolveModelDir } from '@log-sentinel/model-registry';
import { buildRuntime, DetectorError, type ModelRuntime } from '@log-sentinel/pipeline';
import { CliError, EXIT } from '@log-sentinel/cli-kit';
import { LogAnomalyDetector, LogAnomalyError, LOGANOMALY_FILES } from '@log-sentinel/loganomaly';
import { SESSION_IFOREST_FILE } from './train-keys';

/** Loaded models of one version directory. */
export interface KeysModels {
  /** The resolved version directory. */
  dir: string;
  /** Version name from the manifest. */
  version: string;
  /** The pipeline runtime that scores the sessions (the detector's own). */
  runtime: ModelRuntime;
  /** DeepLog inference (the runtime's predictor): vocabulary, window, batched predictions. */
  deeplog: DeepLogDetector;
  /** Isolation Forest on key-count vectors (absent if the version has none). */
  iforest: SessionCountModel | undefined;
  /** LogAnomaly (absent if the version has none: `train --loganomaly-templates`). */
  loganomaly: LogAnomalyDetector | undefined;
  /** Frees the onnxruntime sessions. */
  release(): Promise<void>;
}

function modelError(err: unknown, what: string): CliError {
  const msg = err instanceof Error ? err.message : String(err);
  return new CliError(`--model: ${what}: ${msg}`, EXIT.model, { cause: err });
}

/**
 * Loads a registry root or version directory for `--format keys`: checks the manifest
 * checksums, that it was trained on keys, and builds the same runtime the detector serves.
 * Every failure is a CliError (exit 3) naming the problem.
 */
export async function loadKeysModels(modelArg: string): Promise<KeysModels> {
  let loaded;
  try {
    loaded = await readModelVersion(await resolveModelDir(modelArg));
  } catch (err) {
    if (err instanceof ModelRegistryError) throw modelError(err, err.code);
    throw err;
  }
  if (loaded.manifest.kind !== 'keys') {
    throw new CliError(`--model: ${loaded.dir} was trained on --format ${loaded.manifest.kind}, not keys`, EXIT.model);
  }
  let runtime: ModelRuntime;
  try {
    runtime = await buildRuntime(loaded, { windowMs: 0, maxBatchItems: 8192 });
  } catch (err) {
    if (err instanceof DetectorError) throw new CliError(`--model: ${err.message}`, EXIT.model, { cause: err });
    throw err;
  }
  let iforest: SessionCountModel | undefined;
  if (loaded.has(SESSION_IFOREST_FILE)) {
    try {
      iforest = SessionCountModel.fromJSON(loaded.file(SESSION_IFOREST_FILE).toString('utf8'));
    } catch (err) {
      await runtime.retire(0);
      throw modelError(err, SESSION_IFOREST_FILE);
    }
  }
  let loganomaly: LogAnomalyDetector | undefined;
  if (loaded.has(LOGANOMALY_FILES.json)) {
    try {
      if (!loaded.has(LOGANOMALY_FILES.onnx)) throw new LogAnomalyError('INVALID_MODEL', `${LOGANOMALY_FILES.onnx} is missing`);
      loganomaly = await LogAnomalyDetector.load(loaded.file(LOGANOMALY_FILES.onnx), loaded.file(LOGANOMALY_FILES.json).toString('utf8'));
    } catch (err) {
      await runtime.retire(0);
      throw modelError(err, LOGANOMALY_FILES.json);
    }
  }
  return {
    dir: loaded.dir,
    version: loaded.manifest.version,
    runtime,
    deeplog: runtime.parts.predictor as DeepLogDetector,
    iforest,
    loganomaly,
    release: async () => {
      await loganomaly?.release();
      await runtime.retire(0);
    },
  };
}
