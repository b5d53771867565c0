import * as ort from 'onnxruntime-node';
import { DeepLogError } from './errors';
import { DeepLogModel } from './model';
import {
  collectWindows, indexSession, judgeKey, judgeSessions, UNSEEN_INDEX,
  type DetectionRule, type KeyVerdict, type SessionVerdict,
} from './session-scoring';
import { END_INDEX, PAD_INDEX, type LogKey, type Vocabulary } from './vocabulary';

/** One streaming query: the keys of a session so far, and the key that came next. */
export interface NextKeyQuery {
  /** Earlier keys of the session, oldest first (any length; the last `window` are used, start-padded when shorter). */
  history: readonly LogKey[];
  /** The key that followed, or null for "the session ended here". */
  next: LogKey | null;
}

/** Default windows per onnxruntime run of {@link DeepLogDetector}. */
export const DEFAULT_BATCH_SIZE = 128;

/** Options of {@link DeepLogDetector}. */
export interface DetectorOptions {
  /** onnxruntime intra-op threads (default 1: callers parallelise across sessions). */
  intraOpThreads?: number;
  /** Windows per onnxruntime run (default 128: the best median of 3 rounds in bench:deeplog; 64–256 are within a few per cent). */
  batchSize?: number;
}

/**
 * DeepLog inference with onnxruntime-node: scores many (window → next key) queries or
 * whole sessions in batched runs, and returns rank, probability and the top-g keys.
 */
export class DeepLogDetector {
  private constructor(
    /** The model (vocabulary, configuration, parameters for fine-tuning). */
    readonly model: DeepLogModel,
    private readonly session: ort.InferenceSession,
    private readonly batchSize: number,
  ) {
    this.io = model.toJSON().onnx;
    this.rule = model.rule;
  }

  private readonly io: { input: string; output: string };
  /** The detection rule (top-g and probability floors). */
  readonly rule: DetectionRule;

  /** Loads `deeplog.onnx` bytes + `deeplog.json`; checks the two agree (DeepLogError 'INVALID_MODEL'). */
  static async load(onnxBytes: Uint8Array, json: unknown, opts: DetectorOptions = {}): Promise<DeepLogDetector> {
    const model = DeepLogModel.fromFiles(onnxBytes, json);
    return DeepLogDetector.create(model, opts, onnxBytes);
  }

  /** Creates a detector for an in-memory model (e.g. after {@link fineTuneDeepLog}). */
  static async create(model: DeepLogModel, opts: DetectorOptions = {}, onnxBytes?: Uint8Array): Promise<DeepLogDetector> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(onnxBytes ?? model.toOnnx(), {
        intraOpNumThreads: opts.intraOpThreads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (e) {
      throw new DeepLogError('INVALID_MODEL', `onnxruntime cannot load deeplog.onnx: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const json = model.toJSON();
    if (!session.inputNames.includes(json.onnx.input) || !session.outputNames.includes(json.onnx.output)) {
      await session.release();
      throw new DeepLogError('INVALID_MODEL', `deeplog.onnx lacks input "${json.onnx.input}" or output "${json.onnx.output}"`);
    }
    return new DeepLogDetector(model, session, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  /** Vocabulary of the model. */
  get vocabulary(): Vocabulary {
    return this.model.vocabulary;
  }

  /** Window length h. */
  get window(): number {
    return this.model.config.window;
  }

  /** Top-g rule. */
  get topG(): number {
    return this.model.config.topG;
  }

  /** Next-key probabilities of `count` windows (key indices, count × window), batched; count × V. */
  async predict(inputs: Int32Array, count: number): Promise<Float32Array> {
    const V = this.vocabulary.size;
    const T = this.window;
    const out = new Float32Array(count * V);
    const json = this.io;
    for (let s = 0; s < count; s += this.batchSize) {
      const n = Math.min(this.batchSize, count - s);
      const keys = inputs.slice(s * T, (s + n) * T);
      const res = await this.session.run({ [json.input]: new ort.Tensor('int32', keys, [n, T]) });
      const probs = res[json.output];
      if (!probs) throw new DeepLogError('INVALID_MODEL', `deeplog.onnx produced no "${json.output}"`);
      out.set(probs.data as Float32Array, s * V);
    }
    return out;
  }

  /** Scores many streaming queries in one batched run; one verdict per query, in order. */
  async scoreNext(queries: readonly NextKeyQuery[]): Promise<KeyVerdict[]> {
    const T = this.window;
    const vocab = this.vocabulary;
    const inputs = new Int32Array(queries.length * T).fill(PAD_INDEX);
    const actual = queries.map((q, i) => {
      const h = q.history;
      const from = Math.max(0, h.length - T);
      const pad = T - (h.length - from);
      for (let j = from; j < h.length; j++) {
        const idx = vocab.indexOf(h[j]!);
        inputs[i * T + pad + (j - from)] = idx < 0 ? PAD_INDEX : idx;
      }
      return q.next === null ? END_INDEX : vocab.indexOf(q.next);
    });
    const probs = await this.predict(inputs, queries.length);
    return queries.map((q, i) => {
      const v = judgeKey(probs, i, vocab, this.rule, actual[i]!, q.history.length);
      if (actual[i] === UNSEEN_INDEX) v.key = String(q.next);
      return v;
    });
  }

  /** Scores whole sessions (every key and the end of each session), batching all their windows. */
  async scoreSessions(sessions: readonly (readonly LogKey[])[], opts: { maxReported?: number } = {}): Promise<SessionVerdict[]> {
    const indexed = sessions.map((s) => indexSession(s, this.vocabulary, this.window));
    const c = collectWindows(indexed, this.window);
    const probs = await this.predict(c.inputs, c.count);
    return judgeSessions(indexed, c, probs, this.vocabulary, this.window, this.rule, opts.maxReported ?? 5, sessions);
  }

  /** Frees the onnxruntime session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
