/** Grouping accuracy (GA) of a log parser against ground truth, as in logparser's evaluator, and the CSV reader for loghub's ground-truth files. */

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

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
