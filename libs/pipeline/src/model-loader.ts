/**
 * Turns a verified registry version (model-registry `readModelVersion`) into a serving
 * {@link ModelRuntime}; anything missing, malformed or mutually inconsistent is refused
 * with MODEL_INCOMPATIBLE / MODEL_CORRUPT naming the file.
 */
import { DeepLogDetector, PAD_INDEX, SessionWorkflows, ValueDetector, Workflow } from '@log-sentinel/deeplog';
import { TemplateMiner } from '@log-sentinel/drain';
import { RecordFeatureModel } from '@log-sentinel/iforest';
import { CountRangeModel, InvariantsModel, PcaModel } from '@log-sentinel/count-models';
import { LogAnomalyDetector } from '@log-sentinel/loganomaly';
import type { LoadedModel } from '@log-sentinel/model-registry';
import { DetectorError } from './errors';
import { emptyFeedback, feedbackFromJson } from './feedback-state';
import type { MicroBatcherOptions } from './micro-batcher';
import { MODEL_FILES, REQUIRED_FILES, parsePipelineSettings } from './model-format';
import { ModelRuntime } from './model-runtime';
import { Preprocessor } from './preprocess';

/** Most windows whose predictions are cached. */
export const PREDICTION_CACHE_ENTRIES = 50_000;
/** Memory budget of the prediction cache. */
export const PREDICTION_CACHE_BYTES = 48 << 20;

function part<T>(version: string, file: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    throw new DetectorError('MODEL_INCOMPATIBLE', `model ${version}: ${file} cannot be used: ${(err as Error).message}`, { cause: err });
  }
}

/** Loads every part of a version and checks they agree; the onnxruntime session is created here. */
export async function buildRuntime(loaded: LoadedModel, batch: MicroBatcherOptions): Promise<ModelRuntime> {
  const { manifest } = loaded;
  const version = manifest.version;
  // `raw` (raw/ndjson records) and `keys` (key sequences, pre-parsed events) are both pipeline
  // models; a keys version without pipeline.json predates the one pipeline.
  if ((manifest.kind !== 'raw' && manifest.kind !== 'keys') || !loaded.has(MODEL_FILES.pipeline)) {
    throw new DetectorError(
      'MODEL_INCOMPATIBLE',
      `model ${version} (${manifest.kind}) has no ${MODEL_FILES.pipeline}: it was written by an older log-sentinel; retrain it with log-sentinel train`,
    );
  }
  for (const f of REQUIRED_FILES) {
    if (!loaded.has(f)) throw new DetectorError('MODEL_INCOMPATIBLE', `model ${version} has no ${f}`);
  }
  const settings = part(version, MODEL_FILES.pipeline, () => parsePipelineSettings(loaded.file(MODEL_FILES.pipeline).toString('utf8')));
  const preprocessor = part(version, MODEL_FILES.pipeline, () => Preprocessor.compile(settings.preprocess));
  const miner = part(version, MODEL_FILES.drain, () => TemplateMiner.restore(loaded.file(MODEL_FILES.drain).toString('utf8')));
  const outlier = part(version, MODEL_FILES.iforest, () => RecordFeatureModel.fromJSON(loaded.file(MODEL_FILES.iforest).toString('utf8')));
  const feedback = loaded.has(MODEL_FILES.feedback)
    ? part(version, MODEL_FILES.feedback, () => feedbackFromJson(loaded.file(MODEL_FILES.feedback).toString('utf8')))
    : emptyFeedback();
  const workflow = loaded.has(MODEL_FILES.workflow) ? part(version, MODEL_FILES.workflow, () => Workflow.fromJSON(loaded.file(MODEL_FILES.workflow).toString('utf8'))) : undefined;
  const workflows = loaded.has(MODEL_FILES.workflows) ? part(version, MODEL_FILES.workflows, () => SessionWorkflows.fromJSON(loaded.file(MODEL_FILES.workflows).toString('utf8'))) : undefined;
  const invariants = loaded.has(MODEL_FILES.invariants)
    ? part(version, MODEL_FILES.invariants, () => InvariantsModel.fromJSON(loaded.file(MODEL_FILES.invariants).toString('utf8')))
    : undefined;
  const counts = loaded.has(MODEL_FILES.counts) ? part(version, MODEL_FILES.counts, () => CountRangeModel.fromJSON(loaded.file(MODEL_FILES.counts).toString('utf8'))) : undefined;
  const pca = loaded.has(MODEL_FILES.pca) ? part(version, MODEL_FILES.pca, () => PcaModel.fromJSON(loaded.file(MODEL_FILES.pca).toString('utf8'))) : undefined;
  let deeplog: DeepLogDetector;
  try {
    deeplog = await DeepLogDetector.load(loaded.file(MODEL_FILES.deeplogOnnx), loaded.file(MODEL_FILES.deeplogJson).toString('utf8'), {
      intraOpThreads: 1,
      batchSize: 2048,
    });
  } catch (err) {
    throw new DetectorError('MODEL_INCOMPATIBLE', `model ${version}: deeplog.onnx/deeplog.json cannot be used: ${(err as Error).message}`, { cause: err });
  }
  let values: ValueDetector | undefined;
  if (loaded.has(MODEL_FILES.values)) {
    try {
      values = await ValueDetector.load(loaded.file(MODEL_FILES.values).toString('utf8'), (name) => (loaded.has(name) ? loaded.file(name) : undefined));
    } catch (err) {
      await deeplog.release();
      throw new DetectorError('MODEL_INCOMPATIBLE', `model ${version}: ${MODEL_FILES.values} cannot be used: ${(err as Error).message}`, { cause: err });
    }
  }
  let loganomaly: LogAnomalyDetector | undefined;
  if (loaded.has(MODEL_FILES.loganomalyJson)) {
    try {
      if (!loaded.has(MODEL_FILES.loganomalyOnnx)) throw new Error(`${MODEL_FILES.loganomalyOnnx} is missing`);
      loganomaly = await LogAnomalyDetector.load(loaded.file(MODEL_FILES.loganomalyOnnx), loaded.file(MODEL_FILES.loganomalyJson).toString('utf8'));
    } catch (err) {
      await deeplog.release();
      await values?.release();
      throw new DetectorError('MODEL_INCOMPATIBLE', `model ${version}: ${MODEL_FILES.loganomalyJson} cannot be used: ${(err as Error).message}`, { cause: err });
    }
  }
  const vocab = deeplog.vocabulary;
  // Pre-parsed keys (keyField) are not Drain templates; every other DeepLog key must be one.
  for (const t of settings.preprocess.keyField ? [] : vocab.tokens.slice(2)) {
    if (!miner.get(Number(t)) && !feedback.normalTemplates.has(t)) {
      await deeplog.release();
      await values?.release();
      await loganomaly?.release();
      throw new DetectorError('MODEL_INCOMPATIBLE', `model ${version}: DeepLog key ${t} is not a template of drain.json (files from different trainings?)`);
    }
  }
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(manifest.files)) files.set(name, loaded.file(name));
  return new ModelRuntime(
    {
      version,
      manifest,
      miner,
      knownTemplates: new Set(settings.knownTemplates),
      vocab: { indexOf: (id) => vocab.indexOf(id), keyAt: (i) => vocab.keyAt(i), size: vocab.size },
      window: deeplog.window,
      topG: settings.topG ?? deeplog.topG,
      rule: { ...deeplog.rule, topG: settings.topG ?? deeplog.topG },
      deeplogVocab: vocab,
      deeplogFlags: (settings.degenerate ?? []).length === 0,
      workflow,
      workflows,
      invariants,
      pca,
      counts,
      loganomaly,
      countedKeys: new Set([...(invariants?.involved ?? []), ...(pca?.keys ?? []), ...(counts?.keys ?? [])]),
      padIndex: PAD_INDEX,
      predictor: deeplog,
      values,
      outlier,
      feedback,
      deeplogModel: deeplog.model,
      files,
      settings,
      preprocessor,
    },
    batch,
    // Bounded by memory too: each entry holds V probabilities (4 bytes each).
    Math.max(1024, Math.min(PREDICTION_CACHE_ENTRIES, Math.floor(PREDICTION_CACHE_BYTES / (vocab.size * 4 + 64)))),
  );
}
