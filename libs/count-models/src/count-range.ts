/**
 * The count-range check on whole sessions: for every key of the training sessions, the
 * fewest and the most times one training session held it. A closing session that holds a
 * key fewer or more times than any training session did (a key every normal session has is
 * missing; a step repeated beyond anything seen) is anomalous. Keys never seen in training
 * are left to the key model. This is the check that sat inside the session Isolation Forest
 * (libs/iforest `rangeCheck`), as a model of its own.
 */
import type { LogKey } from './invariants';

/** A key whose count lies outside its training range. */
export interface OutOfRange {
  /** The key. */
  key: string;
  /** Its count in the session. */
  count: number;
  /** Fewest in one training session. */
  min: number;
  /** Most in one training session. */
  max: number;
}

/** Serialised model (`counts.json`). */
export interface CountRangeJson {
  /** Format version. */
  version: 1;
  /** Training sessions. */
  sessions: number;
  /** Keys, with their training [min, max] per session. */
  ranges: { key: string; min: number; max: number }[];
}

/** Training count ranges per key, and the check of a session against them. */
export class CountRangeModel {
  private constructor(private readonly j: CountRangeJson) {}

  /** Keys whose counts the check reads. */
  get keys(): string[] {
    return this.j.ranges.map((r) => r.key);
  }

  /** Training sessions. */
  get sessions(): number {
    return this.j.sessions;
  }

  /** The ranges of normal sessions (each a sequence of log keys). */
  static fit(sessions: Iterable<readonly LogKey[]>): CountRangeModel {
    const rows: Map<string, number>[] = [];
    const keys = new Set<string>();
    for (const s of sessions) {
      const c = new Map<string, number>();
      for (const key of s) {
        const k = String(key);
        keys.add(k);
        c.set(k, (c.get(k) ?? 0) + 1);
      }
      rows.push(c);
    }
    const ranges = [...keys].map((key) => {
      let min = Infinity;
      let max = 0;
      for (const r of rows) {
        const n = r.get(key) ?? 0;
        if (n < min) min = n;
        if (n > max) max = n;
      }
      return { key, min, max };
    });
    return new CountRangeModel({ version: 1, sessions: rows.length, ranges });
  }

  /** The keys of a session (given the count of each) outside their training range. */
  check(counts: (key: string) => number): OutOfRange[] {
    const out: OutOfRange[] = [];
    for (const r of this.j.ranges) {
      const n = counts(r.key);
      if (n < r.min || n > r.max) out.push({ key: r.key, count: n, min: r.min, max: r.max });
    }
    return out;
  }

  /** The keys of a session (its sequence of keys) outside their training range. */
  checkSequence(keys: readonly LogKey[]): OutOfRange[] {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(String(key), (counts.get(String(key)) ?? 0) + 1);
    return this.check((k) => counts.get(k) ?? 0);
  }

  /** Serialised form (`counts.json`). */
  toJSON(): CountRangeJson {
    return this.j;
  }

  /** Reads a serialised model; throws a clear error on a malformed one. */
  static fromJSON(text: string): CountRangeModel {
    const j = JSON.parse(text) as Partial<CountRangeJson>;
    if (j.version !== 1 || typeof j.sessions !== 'number' || !Array.isArray(j.ranges)) {
      throw new Error('counts.json: not a count-range model (version 1 with sessions and ranges)');
    }
    for (const r of j.ranges) {
      if (typeof r.key !== 'string' || !Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < 0 || r.max < r.min) {
        throw new Error('counts.json: every range needs a key and integer 0 ≤ min ≤ max');
      }
    }
    return new CountRangeModel(j as CountRangeJson);
  }
}

/** A range violation as a person reads it, e.g. `"Received block <*>" 2× here; training sessions held it 3–3×`. */
export function describeOutOfRange(v: OutOfRange, name: (key: string) => string): string {
  const range = v.min === v.max ? `${v.min}` : `${v.min}–${v.max}`;
  return `"${name(v.key)}" ${v.count}× here; training sessions held it ${range}×`;
}
