/**
 * What the cross-validations on training data share (`deeplog-cv`, `loganomaly-cv`): synthetic
 * anomalies derived from held-out normal sessions, the per-rule counts, the F1 proxy with the
 * HDFS test set's class sizes, and the demo's learning traffic as Drain-template sessions.
 */
import { DemoLogGenerator } from '@log-sentinel/demo-generator';
import { TemplateMiner } from '@log-sentinel/drain';
import { SeededRandom } from '@log-sentinel/seeded-random';

/** Class sizes of the HDFS test set (testdata/README.md) for the F1 proxy. */
const ABNORMAL = 16_838, NORMAL = 553_366;
/** Kinds of synthetic anomaly. */
export const KINDS = ['truncation', 'deletion', 'swap', 'insertion'] as const;
export type Kind = (typeof KINDS)[number];
/** False positives among held-out normal sessions and catches per kind, for one rule. */
export interface Counts { fp: number; normal: number; caught: Record<Kind, number>; size: Record<Kind, number> }

/**
 * Synthetic anomalies of held-out sessions: every truncation, and three each of single-key
 * deletions, adjacent swaps and insertions of a random known key (seeded); a variant equal to
 * any training session (`normal`, sessions joined by one space) is dropped.
 */
export function synthetic<K extends string | number>(heldOut: readonly K[][], normal: Set<string>, keys: readonly K[], seed: number): Record<Kind, K[][]> {
  const rnd = new SeededRandom(seed);
  const out: Record<Kind, K[][]> = { truncation: [], deletion: [], swap: [], insertion: [] };
  const add = (k: Kind, s: K[]): void => {
    if (s.length > 0 && !normal.has(s.join(' '))) out[k].push(s);
  };
  for (const s of heldOut) {
    for (let L = 1; L < s.length; L++) add('truncation', s.slice(0, L));
    for (let r = 0; r < 3; r++) {
      const p = Math.floor(rnd.next() * s.length);
      add('deletion', [...s.slice(0, p), ...s.slice(p + 1)]);
      if (s.length > 1) {
        const q = Math.floor(rnd.next() * (s.length - 1));
        const t = s.slice();
        [t[q], t[q + 1]] = [t[q + 1]!, t[q]!];
        if (t[q] !== t[q + 1]) add('swap', t);
      }
      const ip = Math.floor(rnd.next() * (s.length + 1));
      add('insertion', [...s.slice(0, ip), keys[Math.floor(rnd.next() * keys.length)]!, ...s.slice(ip)]);
    }
  }
  return out;
}

export function emptyCounts(): Counts {
  return { fp: 0, normal: 0, caught: { truncation: 0, deletion: 0, swap: 0, insertion: 0 }, size: { truncation: 0, deletion: 0, swap: 0, insertion: 0 } };
}

/** Adds `u` into `t` (folds or data-set seeds that form one data set). */
export function addCounts(t: Counts, u: Counts): Counts {
  return {
    fp: t.fp + u.fp, normal: t.normal + u.normal,
    caught: Object.fromEntries(KINDS.map((k) => [k, t.caught[k] + u.caught[k]])) as Record<Kind, number>,
    size: Object.fromEntries(KINDS.map((k) => [k, t.size[k] + u.size[k]])) as Record<Kind, number>,
  };
}

/** F1 of a detector with this recall and false-positive rate on a test set of the HDFS class sizes. */
export function f1Proxy(recall: number, fpRate: number): number {
  const tp = recall * ABNORMAL, fp = fpRate * NORMAL;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** One rule's counts as reported: held-out FP, recall per kind, macro and pooled recall, the F1 proxies. */
export function summarise(t: Counts): { held_out_fp: string; recall_by_kind: Record<string, string>; macro_recall: number; pooled_recall: number; f1_proxy: number; f1_proxy_pooled: number } {
  const macro = KINDS.reduce((a, k) => a + (t.size[k] ? t.caught[k] / t.size[k] : 1), 0) / KINDS.length;
  const pooled = KINDS.reduce((a, k) => a + t.caught[k], 0) / Math.max(1, KINDS.reduce((a, k) => a + t.size[k], 0));
  const fpRate = t.fp / t.normal;
  return {
    held_out_fp: `${t.fp}/${t.normal}`,
    recall_by_kind: Object.fromEntries(KINDS.map((k) => [k, `${t.caught[k]}/${t.size[k]}`])),
    macro_recall: Number(macro.toFixed(4)), pooled_recall: Number(pooled.toFixed(4)),
    f1_proxy: Number(f1Proxy(macro, fpRate).toFixed(4)), f1_proxy_pooled: Number(f1Proxy(pooled, fpRate).toFixed(4)),
  };
}

/** The demo's learning traffic as Drain-template sessions, and the final template text of each key. */
export function demoKeySessions(seed: number, records = 6000): { sessions: string[][]; templates: { key: string; text: string }[] } {
  const gen = new DemoLogGenerator({ seed, startMs: Date.UTC(2026, 0, 1) });
  const miner = new TemplateMiner();
  const sessions = new Map<string, string[]>();
  const recs = gen.learningPhase(records);
  const ids = recs.map((r) => miner.add(r.message).cluster.id);
  recs.forEach((r, i) => {
    let s = sessions.get(r.sessionId);
    if (!s) sessions.set(r.sessionId, (s = []));
    s.push(String(ids[i]));
  });
  return { sessions: [...sessions.values()], templates: miner.clusters().map((c) => ({ key: String(c.id), text: c.template })) };
}

/** The 2-fold split of the cross-validations: sessions shuffled with `foldSeed`, then alternated. */
export function halves<T>(sessions: readonly T[], foldSeed: number): [T[], T[]] {
  const idx = new SeededRandom(foldSeed).shuffle(Int32Array.from({ length: sessions.length }, (_, i) => i));
  const [a, b] = [0, 1].map((k) => Array.from(idx).filter((_, i) => i % 2 === k).map((i) => sessions[i]!));
  return [a!, b!];
}
