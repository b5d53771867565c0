import { IsolationForestError } from './errors';

/**
 * Area under the ROC curve of `scores` (higher = more positive) against 0/1 `labels`,
 * with ties counted half (Mann–Whitney U).
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  if (scores.length !== labels.length) {
    throw new IsolationForestError('FEATURE_COUNT_MISMATCH', `${scores.length} scores but ${labels.length} labels`);
  }
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let nPos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]]) {
        nPos++;
        rankSumPos += midRank;
      }
    }
    i = j + 1;
  }
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) throw new IsolationForestError('INVALID_INPUT', 'AUC needs both positive and negative labels');
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
