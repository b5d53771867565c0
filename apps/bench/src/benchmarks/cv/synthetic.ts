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
/** The four kinds of synthetic anomaly that edit a session's order or set of keys (the first criterion; `loganomaly-cv` still uses these). */
export const EDIT_KINDS = ['truncation', 'deletion', 'swap', 'insertion'] as const;
/**
 * Every kind of synthetic anomaly: the four edits and `repetition`, a count anomaly (added to
 * `deeplog-cv`'s criterion on 2026-12-02, issue 15; see {@link synthetic}).
 */
export const KINDS = [...EDIT_KINDS, 'repetition'] as const;
export type Kind = (typeof KINDS)[number];
/**
 * The repetition kind: `REPETITIONS_PER_SESSION` variants per held-out session, each repeating
 * the key at one uniformly drawn position r extra times in place, r uniform in
 * [`REPEAT_MIN`, `REPEAT_MAX`]; drawn from its own seeded generator so that the four edit
 * kinds are the same sessions as before it existed.
 */
const REPETITIONS_PER_SESSION = 3, REPEAT_MIN = 1, REPEAT_MAX = 3, REPETITION_SEED_OFFSET = 1000;
/** False positives among held-out normal sessions and catches per kind, for one rule. */
export interface Counts { fp: number; normal: number; caught: Record<Kind, number>; size: Record<Kind, number> }

/**
 * Synthetic anomalies of held-out sessions: every truncation, and three each of single-key
 * deletions, adjacent swaps and insertions of a random known key (seeded); a variant equal to
 * any training session (`normal`, sessions joined by one space) is dropped.
 *
 * `repetition` (defined before any run with it, from the count anomalies of Invariants Mining,
 * Lou et al. 2010, and LogAnomaly's quantitative pattern, Meng et al. 2019: a workflow in which
 * a step runs more often than the linear relations between the counts of normal runs allow —
 * a block written to four datanodes where three are allocated, a file opened twice and closed
 * once): three per session, the key at a uniformly drawn position repeated r ∈ {1, 2, 3} extra
 * times right where it is. Unlike an insertion, it adds no key the session did not hold and
 * changes no order between different keys — only how often one key occurs — so it is the kind
 * the count-range check and the invariants exist for, which the four edits judged them without.
 */
export function synthetic<K extends string | number>(heldOut: readonly K[][], normal: Set<string>, keys: readonly K[], seed: number): Record<Kind, K[][]> {
  const rnd = new SeededRandom(seed);
  const out: Record<Kind, K[][]> = { truncation: [], deletion: [], swap: [], insertion: [], repetition: [] };
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
  const rep = new SeededRandom(seed + REPETITION_SEED_OFFSET);
  for (const s of heldOut) {
    for (let i = 0; i < REPETITIONS_PER_SESSION; i++) {
      const p = Math.floor(rep.next() * s.length);
      const r = REPEAT_MIN + Math.floor(rep.next() * (REPEAT_MAX - REPEAT_MIN + 1));
      add('repetition', [...s.slice(0, p + 1), ...Array.from({ length: r }, () => s[p]!), ...s.slice(p + 1)]);
    }
  }
  return out;
}

/** Counts of nothing yet. */
export function emptyCounts(): Counts {
  const zero = (): Record<Kind, number> => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  return { fp: 0, normal: 0, caught: zero(), size: zero() };
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

/** One rule's counts as reported over `kinds` (default all): held-out FP, recall per kind, macro and pooled recall, the F1 proxies. */
export function summarise(t: Counts, kinds: readonly Kind[] = KINDS): { held_out_fp: string; recall_by_kind: Record<string, string>; macro_recall: number; pooled_recall: number; f1_proxy: number; f1_proxy_pooled: number } {
  const macro = kinds.reduce((a, k) => a + (t.size[k] ? t.caught[k] / t.size[k] : 1), 0) / kinds.length;
  const pooled = kinds.reduce((a, k) => a + t.caught[k], 0) / Math.max(1, kinds.reduce((a, k) => a + t.size[k], 0));
  const fpRate = t.fp / t.normal;
  return {
    held_out_fp: `${t.fp}/${t.normal}`,
    recall_by_kind: Object.fromEntries(kinds.map((k) => [k, `${t.caught[k]}/${t.size[k]}`])),
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
