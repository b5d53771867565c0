/**
 * Leave-one-system-out validation of the generic Drain configuration (`bench drain`, part
 * `loso`). For each of the 12 loghub_2k systems in turn, the configuration is chosen on the
 * other 11 alone and then scored on the held-out one:
 *
 * 1. threshold and depth: the grid value with the best mean GA on the 11 training systems;
 * 2. each generic rule, and the options collapseParams / parametrizeNumericTokens /
 *    splitOnValueChange, in a fixed
 *    order: flipped from its current state when that strictly raises the training mean GA.
 *
 * Two starting points: `kept` starts from the shipped defaults (a rule stays unless the
 * training systems say it hurts), `strict` starts with every rule off (a rule joins only when
 * it helps the training systems). The LOSO number is the mean held-out GA. Besides, every rule
 * is switched against the defaults on each system: a rule earns its place by helping some
 * system and hurting none.
 */
import { DEFAULT_DRAIN_OPTIONS, GENERIC_RULES, OPT_IN_RULES, TemplateMiner, groupingAccuracy, type DrainOptions, type GenericRule } from '@log-sentinel/drain';

/** One system's contents (header cut) and its ground-truth event ids. */
export interface SystemData {
  system: string;
  contents: string[];
  truth: string[];
}

/** A configuration as the search moves it: which generic rules are on, plus core options. */
interface Config {
  simThreshold: number;
  depth: number;
  rules: Set<GenericRule>;
  collapseParams: boolean;
  parametrizeNumericTokens: boolean;
  splitOnValueChange: boolean;
}

/** What one fold chose and scored. */
export interface Fold {
  heldOut: string;
  simThreshold: number;
  depth: number;
  rulesOn: string[];
  collapseParams: boolean;
  parametrizeNumericTokens: boolean;
  splitOnValueChange: boolean;
  trainingMeanGa: number;
  heldOutGa: number;
  heldOutGaDefaults: number;
}

/** Held-out effect of one rule or option against the defaults. */
export interface RuleEffect {
  rule: string;
  defaultOn: boolean;
  /** GA with the defaults minus GA with this rule flipped, per system (positive: the default state helps). */
  deltaBySystem: Record<string, number>;
  helped: string[];
  hurt: string[];
  /** Folds (of 12) whose training systems chose it on (`kept` search). */
  chosenInFolds: number;
  verdict: 'earns its place' | 'no effect on these systems' | 'rejected: hurts';
}

/** The LOSO result. */
export interface LosoResult {
  grid: { simThreshold: number[]; depth: number[] };
  kept: { meanHeldOutGa: number; folds: Fold[] };
  strict: { meanHeldOutGa: number; folds: Fold[] };
  meanGaDefaults: number;
  rules: RuleEffect[];
  configsEvaluated: number;
}

const SIM_GRID = [0.6, 0.7, 0.8, 0.9];
const DEPTH_GRID = [4, 5, 6];
/** Toggles the search may flip, in this order. */
const OPTION_TOGGLES = ['collapseParams', 'parametrizeNumericTokens', 'splitOnValueChange'] as const;
type OptionToggle = (typeof OPTION_TOGGLES)[number];
const TOGGLES: readonly string[] = [...GENERIC_RULES, ...OPTION_TOGGLES];

function isOption(t: string): t is OptionToggle {
  return (OPTION_TOGGLES as readonly string[]).includes(t);
}

function defaults(): Config {
  return {
    simThreshold: DEFAULT_DRAIN_OPTIONS.simThreshold,
    depth: DEFAULT_DRAIN_OPTIONS.depth,
    rules: new Set(GENERIC_RULES.filter((r) => !OPT_IN_RULES.includes(r))),
    collapseParams: DEFAULT_DRAIN_OPTIONS.collapseParams,
    parametrizeNumericTokens: DEFAULT_DRAIN_OPTIONS.parametrizeNumericTokens,
    splitOnValueChange: DEFAULT_DRAIN_OPTIONS.splitOnValueChange,
  };
}

function isOn(c: Config, toggle: string): boolean {
  return isOption(toggle) ? c[toggle] : c.rules.has(toggle as GenericRule);
}

function flipped(c: Config, toggle: string): Config {
  const n: Config = { ...c, rules: new Set(c.rules) };
  if (isOption(toggle)) n[toggle] = !c[toggle];
  else if (n.rules.has(toggle as GenericRule)) n.rules.delete(toggle as GenericRule);
  else n.rules.add(toggle as GenericRule);
  return n;
}

/** The miner options of a configuration. */
export function minerOptions(c: Config): Partial<DrainOptions> {
  return {
    simThreshold: c.simThreshold,
    depth: c.depth,
    collapseParams: c.collapseParams,
    parametrizeNumericTokens: c.parametrizeNumericTokens,
    splitOnValueChange: c.splitOnValueChange,
    disabledRules: GENERIC_RULES.filter((r) => !OPT_IN_RULES.includes(r) && !c.rules.has(r)),
    enabledRules: OPT_IN_RULES.filter((r) => c.rules.has(r)),
  };
}

function key(c: Config): string {
  return JSON.stringify(minerOptions(c));
}

/** Grouping accuracy of every system under a configuration, memoised per configuration. */
class Scorer {
  private readonly memo = new Map<string, Map<string, number>>();
  constructor(private readonly data: readonly SystemData[]) {}

  get evaluated(): number {
    return this.memo.size;
  }

  ga(c: Config): Map<string, number> {
    const k = key(c);
    let m = this.memo.get(k);
    if (m === undefined) {
      m = new Map();
      for (const s of this.data) {
        const miner = new TemplateMiner(minerOptions(c));
        m.set(s.system, groupingAccuracy(s.contents.map((x) => miner.add(x).cluster.groupId), s.truth));
      }
      this.memo.set(k, m);
    }
    return m;
  }

  mean(c: Config, systems: readonly string[]): number {
    const m = this.ga(c);
    return systems.reduce((a, s) => a + m.get(s)!, 0) / systems.length;
  }
}

/** Chooses a configuration on `training` from `start` (grid, then one pass of toggles). */
function choose(scorer: Scorer, start: Config, training: readonly string[]): Config {
  let best = start;
  let bestMean = -1;
  for (const simThreshold of SIM_GRID) {
    for (const depth of DEPTH_GRID) {
      const c = { ...start, simThreshold, depth };
      const m = scorer.mean(c, training);
      if (m > bestMean + 1e-12) {
        best = c;
        bestMean = m;
      }
    }
  }
  for (const t of TOGGLES) {
    const c = flipped(best, t);
    const m = scorer.mean(c, training);
    if (m > bestMean + 1e-12) {
      best = c;
      bestMean = m;
    }
  }
  return best;
}

function folds(scorer: Scorer, systems: readonly string[], start: Config): { meanHeldOutGa: number; folds: Fold[] } {
  const out: Fold[] = [];
  for (const h of systems) {
    const training = systems.filter((s) => s !== h);
    const c = choose(scorer, start, training);
    out.push({
      heldOut: h,
      simThreshold: c.simThreshold,
      depth: c.depth,
      rulesOn: GENERIC_RULES.filter((r) => c.rules.has(r)),
      collapseParams: c.collapseParams,
      parametrizeNumericTokens: c.parametrizeNumericTokens,
      splitOnValueChange: c.splitOnValueChange,
      trainingMeanGa: scorer.mean(c, training),
      heldOutGa: scorer.ga(c).get(h)!,
      heldOutGaDefaults: scorer.ga(defaults()).get(h)!,
    });
  }
  return { meanHeldOutGa: out.reduce((a, f) => a + f.heldOutGa, 0) / out.length, folds: out };
}

/** Runs the whole leave-one-system-out procedure on the given systems. */
export function leaveOneSystemOut(data: readonly SystemData[]): LosoResult {
  const scorer = new Scorer(data);
  const systems = data.map((d) => d.system);
  const base = defaults();
  const kept = folds(scorer, systems, base);
  const none: Config = { ...base, rules: new Set(), collapseParams: false, parametrizeNumericTokens: false, splitOnValueChange: false };
  const strict = folds(scorer, systems, none);
  const baseGa = scorer.ga(base);
  const rules: RuleEffect[] = TOGGLES.map((t) => {
    const other = scorer.ga(flipped(base, t));
    const deltaBySystem: Record<string, number> = {};
    const helped: string[] = [];
    const hurt: string[] = [];
    const on = isOn(base, t);
    for (const s of systems) {
      // Effect of having the rule ON rather than off, whatever the default is.
      const d = on ? baseGa.get(s)! - other.get(s)! : other.get(s)! - baseGa.get(s)!;
      deltaBySystem[s] = d;
      if (d > 1e-9) helped.push(s);
      else if (d < -1e-9) hurt.push(s);
    }
    const chosenInFolds = kept.folds.filter((f) => (isOption(t) ? f[t] : f.rulesOn.includes(t))).length;
    const verdict: RuleEffect['verdict'] = hurt.length > 0 ? 'rejected: hurts' : helped.length > 0 ? 'earns its place' : 'no effect on these systems';
    return { rule: t, defaultOn: on, deltaBySystem, helped, hurt, chosenInFolds, verdict };
  });
  return {
    grid: { simThreshold: SIM_GRID, depth: DEPTH_GRID },
    kept,
    strict,
    meanGaDefaults: systems.reduce((a, s) => a + baseGa.get(s)!, 0) / systems.length,
    rules,
    configsEvaluated: scorer.evaluated,
  };
}

/** The LOSO result as a table for stderr. */
export function losoTable(r: LosoResult): string {
  const f3 = (x: number): string => x.toFixed(3);
  const foldRows = r.kept.folds.map((f, i) => {
    const s = r.strict.folds[i]!;
    return `${f.heldOut.padEnd(10)} ${f3(f.heldOutGaDefaults)}  ${f3(f.heldOut === s.heldOut ? f.heldOutGa : NaN)} (st ${f.simThreshold}, d ${f.depth})  ${f3(s.heldOutGa)}`;
  });
  const ruleRows = r.rules.map((e) => `${e.rule.padEnd(24)} ${e.defaultOn ? 'on ' : 'off'}  helps ${e.helped.join(',') || '-'}; hurts ${e.hurt.join(',') || '-'}; chosen in ${e.chosenInFolds}/12 folds: ${e.verdict}`);
  return [
    'leave-one-system-out (configuration chosen on the other 11 systems)',
    'held out   defaults  kept-search          strict-search',
    ...foldRows,
    `mean       ${f3(r.meanGaDefaults)}  ${f3(r.kept.meanHeldOutGa)}                ${f3(r.strict.meanHeldOutGa)}`,
    'rule effects against the defaults (GA with the rule on minus off, per system):',
    ...ruleRows,
    '',
  ].join('\n');
}
