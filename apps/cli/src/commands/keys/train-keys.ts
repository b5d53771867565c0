/** `train --format keys`: DeepLog + the Isolation Forest session model, written as a model-registry version. */
import { DEEPLOG_FILES, DeepLogError, TRAIN_DEFAULTS, trainDeepLog, type DeepLogModel, type TrainOptions } from '@log-sentinel/deeplog';
import { SessionCountModel } from '@log-sentinel/iforest';
import { ModelRegistryError, writeModelVersion } from '@log-sentinel/model-registry';
import { CliError } from '../../cli-error';
import { IFOREST_FILE } from './keys-model';
import { EPOCH_LABEL, epochNote, type Progress } from './progress';

/** Default wall-time budget of DeepLog training, seconds (the HDFS target is 120 s on this machine). */
export const DEFAULT_MAX_TRAIN_SECONDS = 100;

/** Options of a keys training run (all optional but `out`). */
export interface TrainKeysOptions extends Pick<TrainOptions, 'window' | 'topG' | 'seed' | 'threads' | 'epochs' | 'acceptProbability'> {
  /** Wall-time budget of DeepLog training in seconds (default 100); the best epoch so far is kept. */
  maxTrainSeconds?: number;
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
  /** Wall time of DeepLog training, ms. */
  deeplogTrainMs: number;
  /** Wall time of the Isolation Forest fit, ms. */
  iforestTrainMs: number;
}

/** Trains both models on normal sessions and writes them as a new, current registry version. */
export async function trainKeys(sessions: number[][], opts: TrainKeysOptions, progress?: Progress): Promise<TrainKeysResult> {
  const t0 = performance.now();
  let model: DeepLogModel;
  try {
    const trainOpts: TrainOptions = {
      timeBudgetMs: (opts.maxTrainSeconds ?? DEFAULT_MAX_TRAIN_SECONDS) * 1000,
      clock: () => performance.now(),
      onEpoch: (p) => progress?.update(p.epoch, epochNote(p.trainLoss, p.validationLoss)),
    };
    for (const k of ['window', 'topG', 'seed', 'threads', 'epochs', 'acceptProbability'] as const) if (opts[k] !== undefined) trainOpts[k] = opts[k];
    progress?.start(EPOCH_LABEL, opts.epochs ?? TRAIN_DEFAULTS.epochs);
    model = await trainDeepLog(sessions, trainOpts);
  } catch (err) {
    if (err instanceof DeepLogError) throw new CliError(`cannot train DeepLog: ${err.message}`, undefined, { cause: err });
    throw err;
  } finally {
    progress?.stop();
  }
  const t1 = performance.now();
  const forest = SessionCountModel.fit(sessions, { seed: opts.seed ?? 42 });
  const t2 = performance.now();
  const t = model.training;
  try {
    const { version, dir } = await writeModelVersion(
      opts.out,
      [
        { name: DEEPLOG_FILES.onnx, data: model.toOnnx() },
        { name: DEEPLOG_FILES.json, data: JSON.stringify(model.toJSON(), null, 1) + '\n' },
        { name: IFOREST_FILE, data: JSON.stringify(forest.toJSON()) + '\n' },
      ],
      {
        kind: 'keys',
        training: { input: opts.inputName, sessions: sessions.length, windows: t.windows, distinctWindows: t.distinctWindows, deeplogTrainMs: Math.round(t1 - t0), iforestTrainMs: Math.round(t2 - t1) },
        metrics: { deeplogStoppedBy: t.stoppedBy, deeplogValidationLoss: t.validationLoss, deeplogValidationFpRate: t.validationFpRate, deeplogEpochs: t.epochs, deeplogBestEpoch: t.bestEpoch },
        config: { format: 'keys', ...t.options },
      },
    );
    return { version, dir, model, deeplogTrainMs: t1 - t0, iforestTrainMs: t2 - t1 };
  } catch (err) {
    if (err instanceof ModelRegistryError || typeof (err as NodeJS.ErrnoException).code === 'string') {
      throw new CliError(`--out: cannot write the model to ${opts.out}: ${(err as Error).message}`, undefined, { cause: err });
    }
    throw err;
  }
}
