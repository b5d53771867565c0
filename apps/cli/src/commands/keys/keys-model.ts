/** The models of a `--format keys` registry version: DeepLog (ONNX) + the Isolation Forest session model. */
import { DEEPLOG_FILES, DeepLogDetector, DeepLogError } from '@log-sentinel/deeplog';
import { SessionCountModel } from '@log-sentinel/iforest';
import { ModelRegistryError, readModelVersion, resolveModelDir } from '@log-sentinel/model-registry';
import { CliError, EXIT } from '../../cli-error';

/** File name of the Isolation Forest session-count model in a version directory. */
export const IFOREST_FILE = 'iforest.json';

/** Loaded models of one version directory. */
export interface KeysModels {
  /** The resolved version directory. */
  dir: string;
  /** Version name from the manifest. */
  version: string;
  /** DeepLog inference. */
  deeplog: DeepLogDetector;
  /** Isolation Forest on key-count vectors (absent if the version has no iforest.json). */
  iforest: SessionCountModel | undefined;
}

function modelError(err: unknown, what: string): CliError {
  const msg = err instanceof Error ? err.message : String(err);
  return new CliError(`--model: ${what}: ${msg}`, EXIT.model, { cause: err });
}

/**
 * Loads a registry root or version directory for `--format keys`: checks the manifest
 * checksums, that it was trained on keys, that deeplog.onnx matches deeplog.json, and that
 * the two models share one vocabulary. Every failure is a CliError (exit 3) naming the problem.
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
  for (const f of [DEEPLOG_FILES.onnx, DEEPLOG_FILES.json]) {
    if (!loaded.has(f)) throw new CliError(`--model: ${loaded.dir} has no ${f}`, EXIT.model);
  }
  let deeplog: DeepLogDetector;
  try {
    deeplog = await DeepLogDetector.load(loaded.file(DEEPLOG_FILES.onnx), loaded.file(DEEPLOG_FILES.json).toString('utf8'));
  } catch (err) {
    if (err instanceof DeepLogError) throw modelError(err, 'DeepLog model');
    throw err;
  }
  let iforest: SessionCountModel | undefined;
  if (loaded.has(IFOREST_FILE)) {
    try {
      iforest = SessionCountModel.fromJSON(loaded.file(IFOREST_FILE).toString('utf8'));
    } catch (err) {
      await deeplog.release();
      throw modelError(err, IFOREST_FILE);
    }
    const dl = new Set(deeplog.vocabulary.tokens.slice(2));
    const forestKeys = iforest.vocabulary.map(String);
    if (forestKeys.length !== dl.size || !forestKeys.every((k) => dl.has(k))) {
      await deeplog.release();
      throw new CliError(`--model: ${IFOREST_FILE} and deeplog.json have different vocabularies (files from different trainings?)`, EXIT.model);
    }
  }
  return { dir: loaded.dir, version: loaded.manifest.version, deeplog, iforest };
}
