import { IsolationForestError } from './errors';

/**
 * How a model turns scores into a yes/no (score ≥ threshold ⇒ outlier):
 * - `auto`: 0.5, scikit-learn's `contamination='auto'` (offset −0.5);
 * - `contamination`: the training-score percentile 100·(1 − fraction) with linear
 *   interpolation, scikit-learn's `contamination=fraction` (training data with outliers);
 * - `training-max`: for normal-only training data: the highest training score plus
 *   `margin` (default 0), moved up to the next double so every training row is an inlier;
 * - `fixed`: the given value.
 */
export type ThresholdRule =
  | { kind: 'auto' }
  | { kind: 'contamination'; fraction: number }
  | { kind: 'training-max'; margin?: number }
  | { kind: 'fixed'; value: number };

/** Linear-interpolation percentile (numpy's default `linear` method) of unsorted values; p in [0, 100]. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) throw new IsolationForestError('EMPTY_INPUT', 'percentile of zero values');
  const sorted = Float64Array.from(values).sort();
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Checks a rule's parameters; throws INVALID_OPTION naming the bad one. */
export function checkThresholdRule(rule: ThresholdRule): void {
  switch (rule.kind) {
    case 'auto':
      return;
    case 'contamination':
      if (!(typeof rule.fraction === 'number' && rule.fraction > 0 && rule.fraction <= 0.5)) {
        throw new IsolationForestError('INVALID_OPTION', `contamination must be in (0, 0.5], got ${String(rule.fraction)}`);
      }
      return;
    case 'training-max':
      if (rule.margin !== undefined && !(Number.isFinite(rule.margin) && rule.margin >= 0)) {
        throw new IsolationForestError('INVALID_OPTION', `training-max margin must be a finite number ≥ 0, got ${String(rule.margin)}`);
      }
      return;
    case 'fixed':
      if (!Number.isFinite(rule.value)) {
        throw new IsolationForestError('INVALID_OPTION', `fixed threshold must be finite, got ${String(rule.value)}`);
      }
      return;
    default:
      throw new IsolationForestError('INVALID_OPTION', `unknown threshold rule ${JSON.stringify(rule)}`);
  }
}

/** True when the rule needs the training scores. */
export function needsTrainingScores(rule: ThresholdRule): boolean {
  return rule.kind === 'contamination' || rule.kind === 'training-max';
}

/** Applies a rule to the training scores (ignored by `auto` and `fixed`). */
export function thresholdFromRule(rule: ThresholdRule, trainingScores: ArrayLike<number>): number {
  checkThresholdRule(rule);
  switch (rule.kind) {
    case 'auto':
      return 0.5;
    case 'fixed':
      return rule.value;
    case 'contamination':
      return percentile(trainingScores, 100 * (1 - rule.fraction));
    case 'training-max': {
      let max = -Infinity;
      for (let i = 0; i < trainingScores.length; i++) if (trainingScores[i] > max) max = trainingScores[i];
      if (max === -Infinity) throw new IsolationForestError('EMPTY_INPUT', 'training-max needs training scores');
      return nextUp(max + (rule.margin ?? 0));
    }
  }
}

/** The smallest double greater than the finite number x. */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}
