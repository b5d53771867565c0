/** A log key as sessions carry it (numbers are read as their decimal text). */
export type LogKey = string | number;

/** Sessions as sparse count rows over the keys they hold. */
export interface SessionCounts {
  /** Column → key, in order of first appearance. */
  keys: string[];
  /** Per session, in input order: column → how often the key occurs (only keys it holds). */
  rows: Map<number, number>[];
}

/** Counts each session's keys (keys compared as strings), numbering keys by first appearance. */
export function sessionCounts(sessions: Iterable<readonly LogKey[]>): SessionCounts {
  const index = new Map<string, number>();
  const rows: Map<number, number>[] = [];
  for (const s of sessions) {
    const row = new Map<number, number>();
    for (const key of s) {
      const k = String(key);
      let i = index.get(k);
      if (i === undefined) index.set(k, (i = index.size));
      row.set(i, (row.get(i) ?? 0) + 1);
    }
    rows.push(row);
  }
  return { keys: [...index.keys()], rows };
}
