/**
 * Per-model top-g calibration on the training data. DeepLog's default g (9) fits execution
 * paths that are almost deterministic (HDFS blocks); an interleaved stream (one host's log)
 * is much less predictable, and a fixed g then flags a large share of normal records. The
 * trainer therefore raises g until at most `maxMissRate` of the training transitions
 * (weighted, end-of-session targets excluded) rank beyond it. Never below the default; the
 * test data is never consulted.
 */
import { buildWindows, END_INDEX, rankOf, type DeepLogModel } from '@log-sentinel/deeplog';

/** Largest number of distinct windows evaluated (a seeded-free prefix; distinct windows are few in practice). */
export const TOP_G_MAX_WINDOWS = 50_000;

/** Result of {@link calibrateTopG}. */
export interface TopGCalibration {
  /** Chosen g. */
  topG: number;
  /** Share of training transitions ranked beyond the default g. */
  missRateAtDefault: number;
  /** Share ranked beyond the chosen g. */
  missRate: number;
}

/** Smallest g ≥ `defaultG` whose training miss rate is ≤ `maxMissRate`. */
export function calibrateTopG(model: DeepLogModel, sequences: readonly (readonly string[])[], defaultG: number, maxMissRate: number): TopGCalibration {
  const set = buildWindows(sequences, model.vocabulary, model.config.window);
  const count = Math.min(set.count, TOP_G_MAX_WINDOWS);
  const probs = model.predict(set.inputs.subarray(0, count * set.window), count);
  const V = model.vocabulary.size;
  const rankWeight = new Float64Array(V + 2);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const target = set.targets[i]!;
    if (target === END_INDEX) continue;
    const rank = rankOf(probs, i * V, V, target);
    rankWeight[rank] = rankWeight[rank]! + set.weights[i]!;
    total += set.weights[i]!;
  }
  if (total === 0) return { topG: defaultG, missRateAtDefault: 0, missRate: 0 };
  const missBeyond = (g: number): number => {
    let w = 0;
    for (let r = g + 1; r < rankWeight.length; r++) w += rankWeight[r]!;
    return w / total;
  };
  let g = Math.min(defaultG, V - 1);
  const atDefault = missBeyond(g);
  while (g < V - 1 && missBeyond(g) > maxMissRate) g++;
  return { topG: g, missRateAtDefault: atDefault, missRate: missBeyond(g) };
}
