/** Accuracy of a log parser against ground truth: grouping (GA, as logparser's evaluator), parsing (PA) and template accuracy (FTA); and the CSV reader for loghub's ground-truth files. */

/**
 * Fraction of messages whose predicted group holds exactly the messages of their true group.
 * `predicted[i]` and `truth[i]` are group labels of message i (any comparable values).
 */
export function groupingAccuracy(predicted: ArrayLike<unknown>, truth: ArrayLike<unknown>): number {
  if (predicted.length !== truth.length) throw new RangeError(`label counts differ: ${predicted.length} vs ${truth.length}`);
  const n = predicted.length;
  if (n === 0) return 1;
  const truthSize = new Map<unknown, number>();
  for (let i = 0; i < n; i++) truthSize.set(truth[i], (truthSize.get(truth[i]) ?? 0) + 1);
  // For each predicted group: its size and the single truth label it holds (or a conflict marker).
  const groups = new Map<unknown, { size: number; label: unknown; mixed: boolean }>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(predicted[i]);
    if (g === undefined) groups.set(predicted[i], { size: 1, label: truth[i], mixed: false });
    else {
      g.size++;
      if (g.label !== truth[i]) g.mixed = true;
    }
  }
  let correct = 0;
  for (const g of groups.values()) if (!g.mixed && truthSize.get(g.label) === g.size) correct += g.size;
  return correct / n;
}

/**
 * A template in a comparable form: whitespace runs become one space, and a run of parameters
 * separated only by spaces becomes one `<*>` (parsers differ in how many parameters a
 * variable-length value gets).
 */
export function normalizeTemplate(template: string): string {
  return template.trim().replace(/\s+/g, ' ').replace(/<\*>(?: <\*>)+/g, '<*>');
}

/**
 * Parsing accuracy (PA, Dai et al.): fraction of messages whose template equals the true one
 * (after {@link normalizeTemplate}).
 */
export function parsingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  if (predicted.length !== truth.length) throw new RangeError(`template counts differ: ${predicted.length} vs ${truth.length}`);
  if (predicted.length === 0) return 1;
  let ok = 0;
  for (let i = 0; i < predicted.length; i++) if (normalizeTemplate(predicted[i]!) === normalizeTemplate(truth[i]!)) ok++;
  return ok / predicted.length;
}

/** Template accuracy (Khan et al., ICSE'22): precision PTA, recall RTA and their harmonic mean FTA. */
export interface TemplateAccuracy {
  /** Correct templates / templates found. */
  pta: number;
  /** Correct templates / true templates. */
  rta: number;
  /** Harmonic mean of PTA and RTA. */
  fta: number;
}

/**
 * Template accuracy: a found group is correct when it holds exactly the messages of one true
 * template and every message's template equals that true template (after normalising).
 * `groups[i]` is message i's group, `predicted[i]` its template, `truth[i]` its true template.
 */
export function templateAccuracy(groups: ArrayLike<unknown>, predicted: readonly string[], truth: readonly string[]): TemplateAccuracy {
  const n = groups.length;
  if (predicted.length !== n || truth.length !== n) throw new RangeError('groups, predicted and truth must have one entry per message');
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(normalizeTemplate(t), (truthSize.get(normalizeTemplate(t)) ?? 0) + 1);
  const found = new Map<unknown, { size: number; truth: string; ok: boolean }>();
  for (let i = 0; i < n; i++) {
    const t = normalizeTemplate(truth[i]!);
    const same = normalizeTemplate(predicted[i]!) === t;
    const g = found.get(groups[i]);
    if (g === undefined) found.set(groups[i], { size: 1, truth: t, ok: same });
    else {
      g.size++;
      if (g.truth !== t || !same) g.ok = false;
    }
  }
  let correct = 0;
  for (const g of found.values()) if (g.ok && truthSize.get(g.truth) === g.size) correct++;
  const pta = found.size === 0 ? 1 : correct / found.size;
  const rta = truthSize.size === 0 ? 1 : correct / truthSize.size;
  return { pta, rta, fta: pta + rta === 0 ? 0 : (2 * pta * rta) / (pta + rta) };
}
