/**
 * `npm run bench loganomaly-cv`: the cross-validation on training data that chooses
 * LogAnomaly's two training defaults (docs/loganomaly.md, "Choosing the defaults"): the lowest
 * weight of a distinct window (`minWindowWeight`) and the rule that picks top-g from the
 * trainer's held-out validation sessions (`topGRule`: a budget per session or per transition).
 * Same data, folds, synthetic anomalies and criterion as `deeplog-cv`: `hdfs_train` (with the
 * loghub HDFS templates) and the demo's learning traffic (seeds 1–3, 6,000 records, Drain
 * templates), each split in two halves (seed 11); a model trained on one half judges the
 * other half's normal sessions (false positives) and synthetic anomalies derived from them
 * (truncations, deletions, swaps, insertions: recall per kind — the four edit kinds; the
 * repetition kind `deeplog-cv` got later is left out here so that the committed choice stays
 * reproducible). Every rule is applied to the same ranks. Criterion (fixed before the sweep, as `deeplog-cv`'s): the mean over the two
 * data sets of the F1 proxy whose recall is the mean over the four kinds and whose class sizes
 * are the HDFS test set's. `minWindowWeight` 1 (every distinct window weighted by its count
 * alone) is the plain variant. Only training data is read. Args: `--data DIR`, `--templates
 * FILE` (default the repository's loghub HDFS_templates.csv), `--threads N`, `--weights 1,10,100`
 * (the window weights to compare; default all three), `--architecture one|two` (LogAnomaly's
 * network: one LSTM, or the paper's one per pattern; default libs/loganomaly's). JSON on
 * stdout, progress on stderr.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { readKeySessions, readTemplatesFile } from '@log-sentinel/keys-workflow';
import {
  chooseTopG, LOGANOMALY_ARCHITECTURES, LOGANOMALY_DEFAULTS, LogAnomalyDetector, rankSessions, trainLogAnomaly, type KeyTemplate, type LogAnomalyArchitecture, type TopGRule,
} from '@log-sentinel/loganomaly';
import { argValue, benchDataDir, benchDataFile, repoRoot } from '../bench-data';
import { addCounts, demoKeySessions, EDIT_KINDS, emptyCounts, halves, summarise, synthetic, type Counts } from './cv/synthetic';

/** Lowest weights of a distinct window compared (1 = plain: weight = count). */
const WEIGHTS = [1, 10, 100];
/** Top-g rules compared: per-session and per-transition budgets on the trainer's validation sessions. */
const RULES: TopGRule[] = [
  ...[0, 0.002, 0.005, 0.01, 0.02].map((budget) => ({ per: 'session' as const, budget })),
  ...[1e-4, 3e-4, 1e-3, 3e-3].map((budget) => ({ per: 'transition' as const, budget })),
];
const FOLD_SEED = 11;

/** Largest rank and whether an unseen key was too far to map, per session. */
interface Judged { maxRank: number; far: boolean }

/** 2-fold cross-validation of one data set at one window weight; counts per rule (order of {@link RULES}) and the g each fold chose. */
async function crossValidate(name: string, sessions: string[][], templates: readonly KeyTemplate[], minWindowWeight: number, architecture: LogAnomalyArchitecture,
  threads: number | undefined, log: (m: string) => void): Promise<{ counts: Counts[]; folds: Record<string, unknown>[] }> {
  const folds = halves(sessions, FOLD_SEED);
  const normal = new Set(sessions.map((s) => s.join(' ')));
  const keys = [...new Set(sessions.flat())];
  const counts = RULES.map(emptyCounts);
  const report: Record<string, unknown>[] = [];
  for (const k of [0, 1]) {
    const train = folds[k]!, heldOut = folds[1 - k]!;
    const t0 = performance.now();
    const model = await trainLogAnomaly(train, templates, { minWindowWeight, architecture, ...(threads ? { threads } : {}) });
    log(`${name} w=${minWindowWeight} fold ${k}: ${model.json.training.epochs} epochs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const det = await LogAnomalyDetector.load(model.toOnnx(), model.json);
    try {
      const judge = async (ss: string[][]): Promise<Judged[]> => (await rankSessions(model, ss, (x, n) => det.predict(x, n)))
        .map((r) => ({ maxRank: r.ranks.reduce((a, b) => Math.max(a, b), 1), far: r.unseen.some((u) => u.mappedTo === null) }));
      const tNormal = await judge(heldOut);
      const syn = synthetic(heldOut, normal, keys, 7 + k);
      const tSyn = Object.fromEntries(await Promise.all(EDIT_KINDS.map(async (kind) => [kind, await judge(syn[kind])] as const)));
      const gs = RULES.map((rule) => chooseTopG(model.json.calibration, rule));
      RULES.forEach((_, i) => {
        const flagged = (j: Judged): boolean => j.far || j.maxRank > gs[i]!;
        const c = counts[i]!;
        c.fp += tNormal.filter(flagged).length;
        c.normal += heldOut.length;
        for (const kind of EDIT_KINDS) {
          c.caught[kind] += tSyn[kind]!.filter(flagged).length;
          c.size[kind] += syn[kind].length;
        }
      });
      report.push({ fold: k, epochs: model.json.training.epochs, stopped_by: model.json.training.stoppedBy, g_by_rule: gs, classes: model.encoder.classes });
    } finally {
      await det.release();
    }
  }
  return { counts, folds: report };
}

const ruleName = (r: TopGRule): string => `${r.per} ≤ ${r.budget}`;

/** Runs the cross-validation and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const hdfs = readKeySessions(benchDataFile('loganomaly-cv', benchDataDir(args), ['hdfs_deeplog', 'hdfs_train'])).map((s) => s.map(String));
  const hdfsTemplates = readTemplatesFile(argValue(args, '--templates') ?? path.join(repoRoot(), 'testdata/loghub_2k/HDFS/HDFS_templates.csv'), '--templates');
  const threadsFlag = argValue(args, '--threads');
  const threads = threadsFlag === undefined ? undefined : Number(threadsFlag);
  const weights = (argValue(args, '--weights') ?? WEIGHTS.join(',')).split(',').map(Number);
  if (weights.some((w) => !(w >= 1))) throw new Error('--weights must be a comma-separated list of numbers ≥ 1');
  const architecture = (argValue(args, '--architecture') ?? LOGANOMALY_DEFAULTS.architecture) as LogAnomalyArchitecture;
  if (!LOGANOMALY_ARCHITECTURES.includes(architecture)) throw new Error(`--architecture must be one of ${LOGANOMALY_ARCHITECTURES.join(', ')} (got ${architecture})`);
  const loadBefore = os.loadavg();
  const log = (m: string): void => void process.stderr.write(`bench:loganomaly-cv ${m}\n`);
  const demos = [1, 2, 3].map((seed) => ({ seed, ...demoKeySessions(seed) }));
  const rows: Record<string, unknown>[] = [];
  const folds: Record<string, unknown>[] = [];
  for (const w of weights) {
    const h = await crossValidate('hdfs_train', hdfs, hdfsTemplates, w, architecture, threads, log);
    let demo = RULES.map(emptyCounts);
    for (const d of demos) {
      const r = await crossValidate(`demo seed ${d.seed}`, d.sessions, d.templates, w, architecture, threads, log);
      demo = demo.map((t, i) => addCounts(t, r.counts[i]!));
      folds.push({ data: `demo seed ${d.seed}`, min_window_weight: w, folds: r.folds });
    }
    folds.push({ data: 'hdfs_train', min_window_weight: w, folds: h.folds });
    RULES.forEach((rule, i) => {
      const hs = summarise(h.counts[i]!, EDIT_KINDS), ds = summarise(demo[i]!, EDIT_KINDS);
      rows.push({ min_window_weight: w, top_g_rule: ruleName(rule), hdfs_train: hs, demo: ds, criterion: Number(((hs.f1_proxy + ds.f1_proxy) / 2).toFixed(4)) });
    });
  }
  const best = rows.reduce((a, b) => ((b.criterion as number) > (a.criterion as number) ? b : a));
  const result = {
    benchmark: 'loganomaly-cv',
    loganomaly_architecture: architecture,
    data: `hdfs_train (2 folds, seed ${FOLD_SEED}, loghub HDFS templates) and the demo learning traffic (seeds 1-3, 6,000 records, Drain templates, 2 folds each); training data only`,
    criterion: 'mean over the two data sets of the F1 proxy (macro recall over truncation/deletion/swap/insertion; HDFS test class sizes)',
    chosen: { min_window_weight: best.min_window_weight, top_g_rule: best.top_g_rule, criterion: best.criterion },
    sweep: rows,
    folds,
    machine: { cpus: os.cpus().length, loadavg_before: loadBefore.map((x) => Number(x.toFixed(2))), loadavg_after: os.loadavg().map((x) => Number(x.toFixed(2))) },
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return result;
}
