/**
 * Per-model top-g calibration on the training data. DeepLog's default g (9) fits execution
 * paths that are almost deterministic (HDFS blocks); an interleaved stream (one host's log)
 * is much less predictable, and a fixed g then flags a large share of normal records. The
 * trainer therefore raises g until at most `maxMissRate` of the training transitions
 * (weighted, end-of-session targets excluded) rank beyond it — counting only those the rule
 * would flag for their rank (a key the accept probability accepts is no miss). Never below
 * the default; the test data is never consulted.
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
  /**
   * The g ranks alone would need (no transition accepted by the accept probability): how
   * predictable the sequences are, which the degenerate-data check reads.
   */
  rankOnlyTopG: number;
}

/** Smallest g ≥ `defaultG` whose training miss rate is ≤ `maxMissRate`. */
export function calibrateTopG(model: DeepLogModel, sequences: readonly (readonly string[])[], defaultG: number, maxMissRate: number): TopGCalibration {
  const set = buildWindows(sequences, model.vocabulary, model.config.window);
  const count = Math.min(set.count, TOP_G_MAX_WINDOWS);
  const probs = model.predict(set.inputs.subarray(0, count * set.window), count);
  const V = model.vocabulary.size;
  const ruleWeight = new Float64Array(V + 2);
  const rankWeight = new Float64Array(V + 2);
  const accept = model.config.acceptProbability;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const target = set.targets[i]!;
    if (target === END_INDEX) continue;
    const rank = rankOf(probs, i * V, V, target);
    // accepted whatever its rank: counts as rank 1 for the rule (never a miss)
    const ruleRank = accept !== undefined && probs[i * V + target]! >= accept ? 1 : rank;
    rankWeight[rank] = rankWeight[rank]! + set.weights[i]!;
    ruleWeight[ruleRank] = ruleWeight[ruleRank]! + set.weights[i]!;
    total += set.weights[i]!;
  }
  if (total === 0) return { topG: defaultG, missRateAtDefault: 0, missRate: 0, rankOnlyTopG: defaultG };
  const missBeyond = (w: Float64Array, g: number): number => {
    let m = 0;
    for (let r = g + 1; r < w.length; r++) m += w[r]!;
    return m / total;
  };
  const smallest = (w: Float64Array): number => {
    let g = Math.min(defaultG, V - 1);
    while (g < V - 1 && missBeyond(w, g) > maxMissRate) g++;
    return g;
  };
  const g = smallest(ruleWeight);
  return { topG: g, missRateAtDefault: missBeyond(ruleWeight, Math.min(defaultG, V - 1)), missRate: missBeyond(ruleWeight, g), rankOnlyTopG: smallest(rankWeight) };
}
