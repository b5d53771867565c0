/**
 * `train --format keys`: an input adapter of the one pipeline. Each line is a session of
 * pre-parsed events (its integer log keys), trained by libs/pipeline exactly as raw lines
 * are (key field instead of Drain), plus the Isolation Forest session-count model reported
 * beside DeepLog. Written as a model-registry version of kind `keys`.
 */
import { DeepLogModel, DeepLogError, DEEPLOG_FILES, TRAIN_DEFAULTS, type TrainOptions } from '@log-sentinel/deeplog';
import { SessionCountModel } from '@log-sentinel/iforest';
import { ModelRegistryError, writeModelVersion } from '@log-sentinel/model-registry';
import { definedOnly, DetectorError, trainModelFiles, type DetectRecord, type TrainRunOptions } from '@log-sentinel/pipeline';
import { CliError } from '@log-sentinel/cli-kit';
import type { KeyTemplate, LogAnomalyArchitecture, LogAnomalyModel } from '@log-sentinel/loganomaly';
import { trainKeysLogAnomaly } from './loganomaly-keys';
import { EPOCH_LABEL, epochNote, type Progress } from './progress';

/** File of the Isolation Forest session-count model in a keys version (beside the pipeline's files). */
export const SESSION_IFOREST_FILE = 'session-iforest.json';

/** Label carrying the log key of a keys record (the model's key field). */
export const KEY_FIELD = 'key';

/** Options of a keys training run (all optional but `out`). */
export interface TrainKeysOptions extends Pick<TrainOptions, 'window' | 'topG' | 'seed' | 'threads' | 'epochs' | 'acceptProbability'> {
  /** Workflow check threshold (default: the pipeline's; 0 = off). */
  workflowThreshold?: number;
  invariantsSupport?: number;
  pca?: boolean;
  countRange?: boolean;
  /** DeepLog key floor factor (default: libs/deeplog's; 0 = none). */
  keyFloorFactor?: number;
  /** Wall-time budget of DeepLog training in seconds (default: none, as for raw input); the best epoch so far is kept. */
  maxTrainSeconds?: number;
  /** Template text of every key: also train LogAnomaly (libs/loganomaly) and store it beside DeepLog. */
  loganomalyTemplates?: readonly KeyTemplate[];
  /** LogAnomaly's network, 'one' LSTM or the paper's 'two' (default: libs/loganomaly's). */
  loganomalyArchitecture?: LogAnomalyArchitecture;
  /** Registry root to write (created if missing). */
  out: string;
  /** Input file name, recorded in the manifest. */
  inputName?: string;
}

/** What a keys training run produced. */
export interface TrainKeysResult {
  /** The new version name. */
  version: string;
  /** Its directory. */
  dir: string;
  /** The trained DeepLog model. */
  model: DeepLogModel;
  /** Wall time of the pipeline training (DeepLog and the record forest), ms. */
  deeplogTrainMs: number;
  /** Wall time of the session-count forest fit, ms. */
  iforestTrainMs: number;
  /** The trained LogAnomaly model (with `loganomalyTemplates`). */
  loganomaly?: LogAnomalyModel;
  /** Wall time of LogAnomaly training, ms (0 without it). */
  loganomalyTrainMs: number;
}

/** The records of key sessions: session = 1-based line number, the key in the key field. */
export function keyRecords(sessions: readonly (readonly number[])[], from = 0): DetectRecord[] {
  const out: DetectRecord[] = [];
  sessions.forEach((s, i) => {
    const sessionId = String(from + i + 1);
    s.forEach((k, j) => {
      const key = String(k);
      out.push({ id: `${sessionId}:${j}`, message: key, sessionId, labels: { [KEY_FIELD]: key } });
    });
  });
  return out;
}

/** Trains the pipeline on normal key sessions and writes a new, current registry version. */
export async function trainKeys(sessions: number[][], opts: TrainKeysOptions, progress?: Progress): Promise<TrainKeysResult> {
  const t0 = performance.now();
  const run: TrainRunOptions = {
    keyField: KEY_FIELD,
    ...definedOnly({
      window: opts.window,
      topG: opts.topG,
      seed: opts.seed,
      threads: opts.threads,
      maxEpochs: opts.epochs,
      acceptProbability: opts.acceptProbability,
      workflowThreshold: opts.workflowThreshold,
      invariantsSupport: opts.invariantsSupport,
      pca: opts.pca || undefined,
      countRange: opts.countRange,
      keyFloorFactor: opts.keyFloorFactor,
      timeBudgetMs: opts.maxTrainSeconds !== undefined ? opts.maxTrainSeconds * 1000 : undefined,
    }),
  };
  let trained;
  try {
    let started = false;
    trained = await trainModelFiles(keyRecords(sessions), run, (p) => {
      if (p.epoch === undefined || p.epochs === undefined) return;
      if (!started) progress?.start(EPOCH_LABEL, p.epochs || opts.epochs || TRAIN_DEFAULTS.epochs);
      started = true;
      progress?.update(p.epoch, epochNote(p.loss, p.validationLoss));
    });
  } catch (err) {
    if (err instanceof DeepLogError || err instanceof DetectorError) throw new CliError(`cannot train DeepLog: ${err.message}`, undefined, { cause: err });
    throw err;
  } finally {
    progress?.stop();
  }
  const t1 = performance.now();
  const forest = SessionCountModel.fit(sessions, { seed: opts.seed ?? 42 });
  const t2 = performance.now();
  const la = opts.loganomalyTemplates === undefined ? undefined
    : await trainKeysLogAnomaly(sessions, opts.loganomalyTemplates, { seed: opts.seed ?? 1, ...(opts.threads !== undefined ? { threads: opts.threads } : {}), ...(opts.window !== undefined ? { window: opts.window } : {}), ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}), ...(opts.loganomalyArchitecture !== undefined ? { architecture: opts.loganomalyArchitecture } : {}) });
  const t3 = performance.now();
  const file = (name: string): Uint8Array | string => trained.files.find((f) => f.name === name)!.data;
  const model = DeepLogModel.fromFiles(file(DEEPLOG_FILES.onnx) as Uint8Array, String(file(DEEPLOG_FILES.json)));
  try {
    const { version, dir } = await writeModelVersion(opts.out, [...trained.files, { name: SESSION_IFOREST_FILE, data: JSON.stringify(forest.toJSON()) + '\n' }, ...(la?.files ?? [])], {
      ...trained.meta,
      kind: 'keys',
      training: { ...trained.meta.training, input: opts.inputName, iforestTrainMs: Math.round(t2 - t1), ...(la ? { loganomalyTrainMs: Math.round(t3 - t2) } : {}) },
    });
    return { version, dir, model, deeplogTrainMs: t1 - t0, iforestTrainMs: t2 - t1, ...(la ? { loganomaly: la.model } : {}), loganomalyTrainMs: t3 - t2 };
  } catch (err) {
    if (err instanceof ModelRegistryError || typeof (err as NodeJS.ErrnoException).code === 'string') {
      throw new CliError(`--out: cannot write the model to ${opts.out}: ${(err as Error).message}`, undefined, { cause: err });
    }
    throw err;
  }
}
