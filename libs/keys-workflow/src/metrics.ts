/** Precision / recall / F1 of session verdicts, optionally with the normal side scaled to a full test set. */

/** Counts and scores of one evaluation. */
export interface EvalMetrics {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Metrics from verdicts on abnormal and normal sessions; with `scaleNormal`, FP and TN are scaled to that many normal sessions. */
export function evalMetrics(abnormalFlags: readonly boolean[], normalFlags: readonly boolean[], scaleNormal?: number): EvalMetrics {
  const tp = abnormalFlags.filter(Boolean).length;
  const fn = abnormalFlags.length - tp;
  let fp = normalFlags.filter(Boolean).length;
  let tn = normalFlags.length - fp;
  if (scaleNormal !== undefined && normalFlags.length > 0) {
    const rate = fp / normalFlags.length;
    fp = Math.round(rate * scaleNormal);
    tn = scaleNormal - fp;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (x: number) => Number(x.toFixed(4));
  return { precision: r(precision), recall: r(recall), f1: r(f1), tp, fp, fn, tn };
}
