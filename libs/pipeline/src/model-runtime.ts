/**
 * A loaded model version ready to score: Drain miner, DeepLog vocabulary + ONNX predictor
 * (behind a micro-batcher and a prediction cache), the per-record outlier model and the
 * feedback the operators gave. Built by ./model-loader; swapped whole on hot reload.
 */
import type { DeepLogModel, DetectionRule, SessionWorkflows, ValueDetector, Vocabulary, Workflow } from '@log-sentinel/deeplog';
import type { TemplateMiner } from '@log-sentinel/drain';
import type { RecordFeatureModel } from '@log-sentinel/iforest';
import type { CountRangeModel, InvariantsModel, PcaModel } from '@log-sentinel/count-models';
import type { KeyResolver, LogAnomalyDetector } from '@log-sentinel/loganomaly';
import type { Manifest } from '@log-sentinel/model-registry';
import { MicroBatcher, type MicroBatcherOptions } from './micro-batcher';
import { PredictionCache, type WindowPrediction } from './prediction-cache';
import type { FeedbackState } from './feedback-state';
import type { PipelineSettings } from './model-format';
import type { Preprocessor } from './preprocess';

/** Next-key probabilities for windows of key indices (a DeepLog ONNX session). */
export interface NextKeyPredictor {
  /** `inputs` holds `count` windows of `window` indices, row-major; returns count × V probabilities. */
  predict(inputs: Int32Array, count: number): Promise<Float32Array>;
  /** Releases native resources. */
  release(): Promise<void>;
}

/** Vocabulary view the scorer needs. */
export interface KeyVocabulary {
  /** Index of a template id, -1 when DeepLog never saw it. */
  indexOf(templateId: string): number;
  /** Template id at an index. */
  keyAt(index: number): string;
  /** Entries (padding and end included). */
  readonly size: number;
}

/** Constituents of a runtime. */
export interface ModelRuntimeParts {
  /** Version name. */
  version: string;
  /** Its manifest. */
  manifest: Manifest;
  /** Drain miner (learns new templates while serving unless dry-run). */
  miner: TemplateMiner;
  /** Template ids seen in training. */
  knownTemplates: Set<string>;
  /** DeepLog vocabulary. */
  vocab: KeyVocabulary;
  /** DeepLog window h. */
  window: number;
  /** DeepLog top-g. */
  topG: number;
  /** The DeepLog decision rule (deeplog.json's, with the calibrated top-g of pipeline.json). */
  rule: DetectionRule;
  /** DeepLog's own vocabulary (key text of indices, for explanations). */
  deeplogVocab: Vocabulary;
  /** False when the learning data was degenerate: DeepLog then reports but never flags. */
  deeplogFlags: boolean;
  /** Workflow check beside the LSTM (libs/deeplog workflow.ts); absent in versions written before it. */
  workflow?: Workflow | undefined;
  /** DeepLog's workflows per session type (libs/deeplog session-workflows.ts); absent in versions written before them. */
  workflows?: SessionWorkflows | undefined;
  /** Invariants Mining's count relations, checked when a session closes; absent in versions written before it. */
  invariants?: InvariantsModel | undefined;
  /** PCA on session count vectors, checked when a session closes (only in versions trained with it). */
  pca?: PcaModel | undefined;
  /** The count-range check on whole sessions, checked when a session closes (absent in versions written before it or without it). */
  counts?: CountRangeModel | undefined;
  /** LogAnomaly, ranking each session's templates as they come and judging it when it closes (only in versions trained with it). */
  loganomaly?: LogAnomalyDetector | undefined;
  /** Templates whose per-session counts the session-level models read (counted in the session state). */
  countedKeys: ReadonlySet<string>;
  /** Padding index of the vocabulary (never predicted). */
  padIndex: number;
  /** DeepLog predictor. */
  predictor: NextKeyPredictor;
  /** DeepLog's parameter-value models (values.json), absent in versions without them. */
  values?: ValueDetector | undefined;
  /** Per-record Isolation Forest (features + forest). */
  outlier: RecordFeatureModel;
  /** Operator feedback carried by the version. */
  feedback: FeedbackState;
  /** The DeepLog model (parameters, for fine-tuning). */
  deeplogModel: DeepLogModel;
  /** Raw files of the version, reused when a derived version (feedback) is written. */
  files: Map<string, Buffer>;
  /** Pipeline settings of the version (pipeline.json). */
  settings: PipelineSettings;
  /** The model's preprocessing (header, session, key), applied to every record. */
  preprocessor: Preprocessor;
}

let generations = 0;

/** A model version serving requests. */
export class ModelRuntime {
  /** Unique per runtime (sessions remember the generation their keys belong to). */
  readonly generation = ++generations;
  /** Predictions per window of this generation. */
  cache: PredictionCache;
  private batcher: MicroBatcher<Int32Array, WindowPrediction>;
  /** The runtime this one replaced (its generation and vocabulary), for carrying session windows over. */
  previous: { generation: number; vocab: KeyVocabulary } | undefined;
  /** Calls currently scoring with this runtime. */
  inflight = 0;
  /**
   * The parameter-value model's history: per log key, its last `window` normalised vectors in
   * arrival order (DeepLog §3.2 models each key's values as one time series, across sessions).
   */
  valueHistory = new Map<string, Float32Array[]>();
  /** LogAnomaly's resolver of template ids to its classes (./loganomaly-scoring), made on first use. */
  loganomalyResolver: KeyResolver | undefined;
  /** LogAnomaly's scores per window of template ids (./loganomaly-scoring), made on first use. */
  loganomalyCache: PredictionCache | undefined;
  private drained: (() => void) | undefined;

  constructor(
    readonly parts: ModelRuntimeParts,
    private readonly batchOptions: MicroBatcherOptions,
    cacheEntries = 50_000,
  ) {
    this.cache = new PredictionCache(cacheEntries);
    this.batcher = this.makeBatcher();
  }

  /** Version name. */
  get version(): string {
    return this.parts.version;
  }

  /** Readable text of a template id (its Drain template, or the id itself for pre-parsed keys). */
  templateText(templateId: string): string {
    const n = Number(templateId);
    const c = Number.isInteger(n) && String(n) === templateId ? this.parts.miner.get(n) : undefined;
    return c?.template ?? templateId;
  }

  /** Remembers the replaced runtime so sessions keep their windows across a reload (keys remapped by template id). */
  adoptSessionsFrom(old: ModelRuntime | undefined): void {
    this.previous = old ? { generation: old.generation, vocab: old.parts.vocab } : undefined;
    // the value history carries over to a version with the same value model of a key (e.g. after feedback)
    const mine = this.parts.values?.models;
    const theirs = old?.parts.values?.models;
    if (!mine || !theirs || mine.json.window !== theirs.json.window) return;
    for (const [key, h] of old!.valueHistory) {
      const a = mine.model(key), b = theirs.model(key);
      if (a && b && JSON.stringify([a.dims, a.mean, a.std]) === JSON.stringify([b.dims, b.mean, b.std])) this.valueHistory.set(key, h.slice());
    }
  }

  /** Predictions for windows the cache missed: duplicates are merged, the rest go to onnxruntime in one batched run. */
  async predictWindows(windows: Int32Array[], keys: string[]): Promise<WindowPrediction[]> {
    const out = new Array<WindowPrediction>(windows.length);
    const unique: Int32Array[] = [];
    const slot = new Map<string, number>();
    const which = new Array<number>(windows.length);
    for (let i = 0; i < windows.length; i++) {
      let j = slot.get(keys[i]!);
      if (j === undefined) {
        j = unique.length;
        slot.set(keys[i]!, j);
        unique.push(windows[i]!);
      }
      which[i] = j;
    }
    const preds = await this.batcher.submit(unique);
    const cache = this.cache;
    for (const [k, j] of slot) cache.set(k, preds[j]!);
    for (let i = 0; i < windows.length; i++) out[i] = preds[which[i]!]!;
    return out;
  }

  /** Batcher counters. */
  batchStats() {
    return { ...this.batcher.stats(), cacheHits: this.cache.hits, cacheMisses: this.cache.misses, cacheEntries: this.cache.size };
  }

  /** Marks the start of a call using this runtime. */
  acquire(): void {
    this.inflight++;
  }

  /** Marks the end of a call. */
  releaseCall(): void {
    this.inflight--;
    if (this.inflight === 0 && this.drained) this.drained();
  }

  /** Waits for in-flight calls (up to `timeoutMs`), then frees native resources. */
  async retire(timeoutMs = 30_000): Promise<void> {
    if (this.inflight > 0) {
      await new Promise<void>((resolve) => {
        this.drained = resolve;
        setTimeout(resolve, timeoutMs).unref();
      });
    }
    await this.parts.predictor.release();
    await this.parts.values?.release();
    await this.parts.loganomaly?.release();
  }

  private makeBatcher(): MicroBatcher<Int32Array, WindowPrediction> {
    const { window } = this.parts;
    const predictor = this.parts.predictor;
    return new MicroBatcher<Int32Array, WindowPrediction>(async (wins) => {
      const n = wins.length;
      const inputs = new Int32Array(n * window);
      for (let i = 0; i < n; i++) inputs.set(wins[i]!, i * window);
      const probs = await predictor.predict(inputs, n);
      const V = probs.length / n;
      const out = new Array<WindowPrediction>(n);
      for (let i = 0; i < n; i++) {
        out[i] = { probs: probs.slice(i * V, (i + 1) * V) };
      }
      return out;
    }, this.batchOptions);
  }
}
