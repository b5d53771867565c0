/**
 * DeepLog next-key predictions per distinct window, with the top-g computed once. The model
 * is deterministic for a window, and real logs repeat a small set of windows (HDFS: 46,575
 * training windows, 4,092 distinct), so most records are answered without onnxruntime.
 * A cache belongs to one model generation; fine-tuning or a reload starts a fresh one.
 */

/** One window's prediction: probabilities and the top-g indices (most probable first). */
export interface WindowPrediction {
  /** Next-key probabilities over the vocabulary. */
  probs: Float32Array;
  /** The g most probable indices, most probable first (padding excluded). */
  top: Int32Array;
}

/** Bounded map window-key → prediction (cleared wholesale when full: cheap, no per-hit bookkeeping). */
export class PredictionCache {
  private readonly map = new Map<string, WindowPrediction>();
  /** Lookups answered from the cache. */
  hits = 0;
  /** Lookups that needed the model. */
  misses = 0;

  constructor(private readonly maxEntries: number) {}

  /** The cached prediction of a window key. */
  get(key: string): WindowPrediction | undefined {
    const p = this.map.get(key);
    if (p) this.hits++;
    else this.misses++;
    return p;
  }

  /** Stores a prediction. */
  set(key: string, p: WindowPrediction): void {
    if (this.map.size >= this.maxEntries) this.map.clear();
    this.map.set(key, p);
  }

  /** Entries held. */
  get size(): number {
    return this.map.size;
  }
}

/** Cache key of a session window: its recent key indices (fewer than the window = start-padded). */
export function windowCacheKey(keys: readonly number[]): string {
  return keys.join(',');
}

/** Indices of the g largest entries of `probs`, largest first, never `exclude` (the padding symbol). */
export function topIndices(probs: Float32Array, g: number, exclude: number): Int32Array {
  const n = Math.min(g, probs.length - 1);
  const top = new Int32Array(n).fill(-1);
  const val = new Float64Array(n).fill(-Infinity);
  for (let v = 0; v < probs.length; v++) {
    if (v === exclude) continue;
    const p = probs[v]!;
    if (p <= val[n - 1]!) continue;
    let j = n - 1;
    while (j > 0 && val[j - 1]! < p) {
      val[j] = val[j - 1]!;
      top[j] = top[j - 1]!;
      j--;
    }
    val[j] = p;
    top[j] = v;
  }
  return top;
}

/** 1-based rank of `actual` (1 = most probable) and the probability mass ranked above it. */
export function rankOf(probs: Float32Array, actual: number): { rank: number; massAbove: number } {
  const pa = probs[actual]!;
  let rank = 1;
  let massAbove = 0;
  for (let v = 0; v < probs.length; v++) {
    const p = probs[v]!;
    if (p > pa) {
      rank++;
      massAbove += p;
    }
  }
  return { rank, massAbove: Math.min(1, massAbove) };
}
