/**
 * `npm run bench deeplog-cv`: the 2-fold cross-validation on `hdfs_train` that chose
 * DeepLog's accept probability (docs/deeplog.md). Each half trains a model with the
 * defaults (pure top-g for the sweep); the other half's normal sessions give the
 * false-positive rate, and synthetic anomalies derived from them (truncations, single-key
 * deletions, adjacent swaps, insertions of a random known key; a variant equal to any
 * training session is dropped) give recall per kind. Only training data is read.
 * Args: `--data DIR` (default `<repo root>/testdata`). JSON on stdout, progress on stderr.
 */
import * as os from 'node:os';
import {
  collectWindows, DeepLogDetector, END_INDEX, indexSession, SeededRandom, trainDeepLog,
} from '@log-sentinel/deeplog';
import { benchDataDir, benchDataFile } from '../bench-data';
import { readKeySessions } from '../commands/keys/sessions-file';

/** Accept probabilities compared (0 = pure top-g). */
const SWEEP = [0, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5];
/** Class sizes of the HDFS test set (testdata/README.md) for the F1 proxy. */
const ABNORMAL = 16_838, NORMAL = 553_366;
const KINDS = ['truncation', 'deletion', 'swap', 'insertion'] as const;
type Kind = (typeof KINDS)[number];

interface Transition { unseen: boolean; end: boolean; rank: number; p: number }

function synthetic(heldOut: number[][], normal: Set<string>, keys: number[], seed: number): Record<Kind, number[][]> {
  const rnd = new SeededRandom(seed);
  const out: Record<Kind, number[][]> = { truncation: [], deletion: [], swap: [], insertion: [] };
  const add = (k: Kind, s: number[]): void => {
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

async function transitions(det: DeepLogDetector, sessions: number[][]): Promise<Transition[][]> {
  const W = det.window, V = det.vocabulary.size;
  const ind = sessions.map((s) => indexSession(s, det.vocabulary, W));
  const c = collectWindows(ind, W);
  const probs = await det.predict(c.inputs, c.count);
  return ind.map((p, si) => Array.from(c.rows[si]!, (row, t) => {
    const a = p[W + t]!;
    if (a < 0) return { unseen: true, end: false, rank: 0, p: 0 };
    const off = row * V, pa = probs[off + a]!;
    let rank = 1;
    for (let v = 0; v < V; v++) if (v !== a && probs[off + v]! > pa) rank++;
    return { unseen: false, end: a === END_INDEX, rank, p: pa };
  }));
}

/** Runs the cross-validation on training sessions; returns the sweep table. */
export async function crossValidate(train: number[][], log: (m: string) => void): Promise<unknown> {
  const idx = new SeededRandom(11).shuffle(Int32Array.from({ length: train.length }, (_, i) => i));
  const halves = [0, 1].map((k) => Array.from(idx).filter((_, i) => i % 2 === k).map((i) => train[i]!));
  const normal = new Set(train.map((s) => s.join(' ')));
  const keys = [...new Set(train.flat())];
  const totals = SWEEP.map(() => ({ fp: 0, normal: 0, caught: { truncation: 0, deletion: 0, swap: 0, insertion: 0 } as Record<Kind, number>, size: { truncation: 0, deletion: 0, swap: 0, insertion: 0 } as Record<Kind, number> }));
  for (const k of [0, 1]) {
    const heldOut = halves[1 - k]!;
    log(`cv fold ${k}: training on ${halves[k]!.length} sessions …`);
    const t0 = performance.now();
    const model = await trainDeepLog(halves[k]!, { acceptProbability: 0, timeBudgetMs: 100_000, clock: () => performance.now() });
    log(`cv fold ${k}: ${model.training.epochs} epochs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const det = await DeepLogDetector.create(model);
    try {
      const g = det.topG, endFloor = model.config.keyMinProbability?.['<end>'] ?? 0;
      const tNormal = await transitions(det, heldOut);
      const syn = synthetic(heldOut, normal, keys, 7 + k);
      const tSyn = {} as Record<Kind, Transition[][]>;
      for (const kind of KINDS) tSyn[kind] = await transitions(det, syn[kind]);
      SWEEP.forEach((accept, r) => {
        const flagged = (ts: Transition[]): boolean => ts.some((x) => x.unseen || (x.end ? x.rank > g || x.p < endFloor : x.rank > g && !(accept > 0 && x.p >= accept)));
        const tot = totals[r]!;
        tot.fp += tNormal.filter(flagged).length;
        tot.normal += heldOut.length;
        for (const kind of KINDS) {
          tot.caught[kind] += tSyn[kind].filter(flagged).length;
          tot.size[kind] += syn[kind].length;
        }
      });
    } finally {
      await det.release();
    }
  }
  return SWEEP.map((accept, r) => {
    const t = totals[r]!;
    const caught = KINDS.reduce((a, k) => a + t.caught[k], 0), size = KINDS.reduce((a, k) => a + t.size[k], 0);
    const recall = caught / size, fpRate = t.fp / t.normal;
    const tp = recall * ABNORMAL, fp = fpRate * NORMAL, precision = tp / (tp + fp);
    return {
      accept_probability: accept, held_out_fp: t.fp, held_out_normal: t.normal,
      recall_by_kind: Object.fromEntries(KINDS.map((k) => [k, `${t.caught[k]}/${t.size[k]}`])),
      pooled_recall: Number(recall.toFixed(4)), f1_proxy: Number((2 * precision * recall / (precision + recall)).toFixed(4)),
    };
  });
}

/** Runs the cross-validation on `hdfs_train` and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const train = readKeySessions(benchDataFile('deeplog-cv', benchDataDir(args), ['hdfs_deeplog', 'hdfs_train']));
  const loadBefore = os.loadavg();
  const sweep = await crossValidate(train, (m) => process.stderr.write(`bench:deeplog-cv ${m}\n`));
  const result = {
    benchmark: 'deeplog-cv', data: 'hdfs_train only (2 folds, seed 11)', sweep,
    machine: { cpus: os.cpus().length, loadavg_before: loadBefore.map((x) => Number(x.toFixed(2))), loadavg_after: os.loadavg().map((x) => Number(x.toFixed(2))) },
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return result;
}
