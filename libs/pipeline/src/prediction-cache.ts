/**
 * DeepLog next-key predictions per distinct window. The model
 * is deterministic for a window, and real logs repeat a small set of windows (HDFS: 46,575
 * training windows, 4,092 distinct), so most records are answered without onnxruntime.
 * A cache belongs to one model generation; fine-tuning or a reload starts a fresh one.
 */

import { LRUCache } from 'lru-cache';

/** One window's prediction: the next-key probabilities over the vocabulary. */
export interface WindowPrediction {
  /** Next-key probabilities over the vocabulary. */
  probs: Float32Array;
}

/** Bounded map window-key → prediction; the least recently used window goes when full. */
export class PredictionCache {
  private readonly lru: LRUCache<string, WindowPrediction>;
  /** Lookups answered from the cache. */
  hits = 0;
  /** Lookups that needed the model. */
  misses = 0;

  constructor(maxEntries: number) {
    this.lru = new LRUCache({ max: maxEntries });
  }

  /** The cached prediction of a window key (marks it most recently used). */
  get(key: string): WindowPrediction | undefined {
    const p = this.lru.get(key);
    if (p) this.hits++;
    else this.misses++;
    return p;
  }

  /** Stores a prediction. */
  set(key: string, p: WindowPrediction): void {
    this.lru.set(key, p);
  }

  /** Entries held. */
  get size(): number {
    return this.lru.size;
  }
}

/** Cache key of a session window: its recent key indices (fewer than the window = start-padded). */
export function windowCacheKey(keys: readonly number[]): string {
  return keys.join(',');
}
