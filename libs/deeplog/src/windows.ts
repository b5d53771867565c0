import { DeepLogError } from './errors';
import { END_INDEX, PAD_INDEX, type LogKey, type Vocabulary } from './vocabulary';

/** Distinct training windows with their multiplicities (duplicates merged). */
export interface WindowSet {
  /** Window length h. */
  window: number;
  /** Number of distinct windows. */
  count: number;
  /** Input indices, `count × window`, row-major. */
  inputs: Int32Array;
  /** Index of the key that follows each window. */
  targets: Int32Array;
  /** How many times each distinct window occurred. */
  weights: Float32Array;
  /** Total number of windows before merging. */
  totalWindows: number;
}

/**
 * The padded index sequence of a session: `window` padding symbols, the keys, then the end
 * symbol. Every key and the end of the session is a prediction target, so sessions shorter
 * than the window (and truncated sessions) are scored like any other.
 */
export function paddedSession(session: readonly LogKey[], vocab: Vocabulary, window: number): Int32Array {
  const out = new Int32Array(window + session.length + 1);
  out.fill(PAD_INDEX, 0, window);
  for (let i = 0; i < session.length; i++) {
    const idx = vocab.indexOf(session[i]!);
    if (idx < 0) throw new DeepLogError('INVALID_SESSION', `key "${String(session[i])}" is not in the vocabulary`);
    out[window + i] = idx;
  }
  out[window + session.length] = END_INDEX;
  return out;
}

/** Cuts sessions into windows of `window` indices → next index and merges duplicates. */
export function buildWindows(sessions: readonly (readonly LogKey[])[], vocab: Vocabulary, window: number): WindowSet {
  const counts = new Map<string, { row: number[]; n: number }>();
  let total = 0;
  for (const s of sessions) {
    const p = paddedSession(s, vocab, window);
    for (let t = 0; t + window < p.length; t++) {
      const row = Array.from(p.subarray(t, t + window + 1));
      const key = row.join(',');
      const e = counts.get(key);
      if (e) e.n++;
      else counts.set(key, { row, n: 1 });
      total++;
    }
  }
  const count = counts.size;
  const inputs = new Int32Array(count * window);
  const targets = new Int32Array(count);
  const weights = new Float32Array(count);
  let i = 0;
  for (const { row, n } of counts.values()) {
    for (let j = 0; j < window; j++) inputs[i * window + j] = row[j]!;
    targets[i] = row[window]!;
    weights[i] = n;
    i++;
  }
  return { window, count, inputs, targets, weights, totalWindows: total };
}
