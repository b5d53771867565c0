import { predictWindows } from './lstm';
import type { ParamLayout } from './params';
import { massAbove, rankOf, topIndices } from './scoring';
import { END_INDEX, END_TOKEN, PAD_INDEX, type LogKey, type Vocabulary } from './vocabulary';

/** Index marking a key the vocabulary does not know (an anomaly by itself). */
export const UNSEEN_INDEX = -1;

/** Verdict on one predicted key: its rank and probability among the model's predictions. */
export interface KeyVerdict {
  /** 0-based position of the key in the session; `session.length` is the end-of-session prediction. */
  position: number;
  /** The actual key (`"<end>"` for the end of the session). */
  key: string;
  /** 1-based rank of the actual key (null when the key is unseen). */
  rank: number | null;
  /** Predicted probability of the actual key (0 when unseen). */
  probability: number;
  /** The g most probable keys, most probable first. */
  expected: string[];
  /** Probability mass of the keys ranked above the actual one (1 when unseen): 0..1, higher = more surprising. */
  score: number;
  /** rank > g (unless accepted by the rule's `acceptProbability`), below a floor, or an unseen key. */
  isAnomaly: boolean;
  /** Why it is anomalous: an unseen key, a key outside the top g, or an end of session outside the top g. */
  reason?: 'unseen_key' | 'unexpected_key' | 'unexpected_end';
}

/** Verdict on one session. */
export interface SessionVerdict {
  /** True when any key (or the end) breaks the top-g rule or is unseen. */
  isAnomaly: boolean;
  /** Highest key score of the session (0..1). */
  score: number;
  /** Number of predictions made (keys + end). */
  predictions: number;
  /** The anomalous predictions, in order (at most `maxReported`). */
  anomalies: KeyVerdict[];
}

/**
 * The index sequence of a session for scoring: `window` padding symbols, the key indices
 * ({@link UNSEEN_INDEX} for unknown keys), then the end symbol when `withEnd`.
 */
export function indexSession(session: readonly LogKey[], vocab: Vocabulary, window: number, withEnd = true): Int32Array {
  const out = new Int32Array(window + session.length + (withEnd ? 1 : 0));
  out.fill(PAD_INDEX, 0, window);
  for (let i = 0; i < session.length; i++) out[window + i] = vocab.indexOf(session[i]!);
  if (withEnd) out[window + session.length] = END_INDEX;
  return out;
}

/** Distinct model inputs of many indexed sessions, and for every prediction the row it uses. */
export interface CollectedWindows {
  /** Distinct windows, count × window; unseen keys inside a window are read as padding. */
  inputs: Int32Array;
  /** Number of distinct windows. */
  count: number;
  /** Per session: the row of each prediction (position t uses rows[t]). */
  rows: Int32Array[];
}

/** Collects the distinct windows of indexed sessions so one batched run scores them all. */
export function collectWindows(indexed: readonly Int32Array[], window: number): CollectedWindows {
  const seen = new Map<string, number>();
  const flat: number[] = [];
  const rows = indexed.map((p) => {
    const n = p.length - window;
    const r = new Int32Array(Math.max(0, n));
    for (let t = 0; t < n; t++) {
      const w = Array.from(p.subarray(t, t + window), (x) => (x < 0 ? PAD_INDEX : x));
      const k = w.join(',');
      let id = seen.get(k);
      if (id === undefined) {
        id = seen.size;
        seen.set(k, id);
        for (const x of w) flat.push(x);
      }
      r[t] = id;
    }
    return r;
  });
  return { inputs: Int32Array.from(flat), count: seen.size, rows };
}

/** The decision rule: top-g, plus an optional probability floor. */
export interface DetectionRule {
  /** The actual key must be among the g most probable. */
  topG: number;
  /** …and have at least this probability (default 0). */
  minProbability?: number;
  /** Per vocabulary index floors (override `minProbability`). */
  floors?: readonly number[];
  /**
   * A key (not the end of a session) ranked below g is still accepted when its probability
   * is at least this (default: none, the pure top-g rule). With few candidates the top-g
   * cut alone flags keys the model gives a few percent.
   */
  acceptProbability?: number;
}

/** The decision on one prediction, without the expected keys (the hot path of the detector). */
export interface RankDecision {
  /** 1-based rank of the actual key (null when unseen). */
  rank: number | null;
  /** Its probability (0 when unseen). */
  probability: number;
  /** Probability mass ranked above it (1 when unseen). */
  score: number;
  /** Whether the rule flags it. */
  isAnomaly: boolean;
  /** Why, when flagged. */
  reason?: KeyVerdict['reason'];
}

/**
 * The DeepLog decision rule — the one every path runs (keys CLI, raw CLI, detector):
 * an unseen key is anomalous; otherwise the actual key (or the end of the session) must
 * rank within the top g, unless a key (never the end) has at least `acceptProbability`;
 * and it must reach its probability floor.
 */
export function decideKey(probs: ArrayLike<number>, row: number, size: number, rule: DetectionRule, actual: number): RankDecision {
  if (actual < 0) return { rank: null, probability: 0, score: 1, isAnomaly: true, reason: 'unseen_key' };
  const off = row * size;
  const rank = rankOf(probs, off, size, actual);
  const pa = probs[off + actual]!;
  const outsideTopG = rank > rule.topG && !(actual !== END_INDEX && rule.acceptProbability !== undefined && pa >= rule.acceptProbability);
  const isAnomaly = outsideTopG || pa < (rule.floors?.[actual] ?? rule.minProbability ?? 0);
  const d: RankDecision = { rank, probability: pa, score: massAbove(probs, off, size, actual), isAnomaly };
  if (isAnomaly) d.reason = actual === END_INDEX ? 'unexpected_end' : 'unexpected_key';
  return d;
}

/** Judges one prediction: `probs` row `row` (width V) against the actual index. */
export function judgeKey(probs: ArrayLike<number>, row: number, vocab: Vocabulary, rule: DetectionRule, actual: number, position: number): KeyVerdict {
  const V = vocab.size;
  const expected = topIndices(probs, row * V, V, rule.topG, PAD_INDEX).map((i) => vocab.keyAt(i));
  const d = decideKey(probs, row, V, rule, actual);
  const v: KeyVerdict = { position, key: actual < 0 ? '?' : vocab.keyAt(actual), rank: d.rank, probability: d.probability, expected, score: d.score, isAnomaly: d.isAnomaly };
  if (d.reason) v.reason = d.reason;
  return v;
}

/** Judges indexed sessions from the probabilities of their collected windows. */
export function judgeSessions(
  indexed: readonly Int32Array[], collected: CollectedWindows, probs: ArrayLike<number>,
  vocab: Vocabulary, window: number, rule: DetectionRule, maxReported = 5, originals?: readonly (readonly LogKey[])[],
): SessionVerdict[] {
  return indexed.map((p, s) => {
    const rows = collected.rows[s]!;
    let score = 0;
    const anomalies: KeyVerdict[] = [];
    let isAnomaly = false;
    for (let t = 0; t < rows.length; t++) {
      const v = judgeKey(probs, rows[t]!, vocab, rule, p[window + t]!, t);
      if (v.reason === 'unseen_key') v.key = originals ? String(originals[s]![t]) : '?';
      if (v.score > score) score = v.score;
      if (v.isAnomaly) {
        isAnomaly = true;
        if (anomalies.length < maxReported) anomalies.push(v);
      }
    }
    return { isAnomaly, score, predictions: rows.length, anomalies };
  });
}

/** Scores indexed sessions with the TypeScript forward pass (training-time validation, tests). */
export function scoreIndexedSessions(model: { layout: ParamLayout; params: Float32Array; vocabulary: Vocabulary; config: { window: number }; rule: DetectionRule }, indexed: readonly Int32Array[]): SessionVerdict[] {
  const { window } = model.config;
  const c = collectWindows(indexed, window);
  const probs = predictWindows(model.layout, window, model.params, c.inputs, c.count);
  return judgeSessions(indexed, c, probs, model.vocabulary, window, model.rule);
}

/** One-line explanation of a verdict: "expected one of [k1 … kg], saw k". */
export function explain(v: KeyVerdict): string {
  const saw = v.key === END_TOKEN ? 'the end of the session' : v.key;
  if (v.reason === 'unseen_key') return `key ${v.key} was never seen in training (expected one of [${v.expected.join(' ')}])`;
  return `expected one of [${v.expected.join(' ')}], saw ${saw} (rank ${v.rank ?? '-'}, p=${v.probability.toPrecision(3)})`;
}
