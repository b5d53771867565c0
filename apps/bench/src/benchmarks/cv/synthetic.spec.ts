/** The synthetic anomalies of the cross-validations (cv/synthetic.ts): the repetition kind, and the four edit kinds unchanged by it. */
import { EDIT_KINDS, KINDS, emptyCounts, summarise, synthetic } from './synthetic';

const HELD_OUT = [[5, 22, 11, 9, 11, 9, 26, 26, 23, 21], [5, 5, 22, 3, 4, 4, 2], [7]];
const NORMAL = new Set(['5 22 11 9 11 9 26 26 23 21']);
const KEYS = [5, 22, 11, 9, 26, 23, 21, 3, 4, 2, 7];

/** Key → occurrences. */
function counts(s: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const k of s) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Runs of equal keys: [key, length][]. */
function runs(s: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const k of s) {
    const last = out[out.length - 1];
    if (last && last[0] === k) last[1]++;
    else out.push([k, 1]);
  }
  return out;
}

describe('synthetic anomalies', () => {
  const out = synthetic(HELD_OUT, NORMAL, KEYS, 7);

  it('repetition: one key of the session repeated 1 to 3 extra times in place — the same keys in the same order, only one key\'s count higher', () => {
    expect(out.repetition).toHaveLength(3 * HELD_OUT.length);
    const extra: number[] = [];
    out.repetition.forEach((v, i) => {
      const s = HELD_OUT[Math.floor(i / 3)]!;
      const [cs, cv] = [counts(s), counts(v)];
      expect([...cv.keys()].sort()).toEqual([...cs.keys()].sort());
      const changed = [...cv].filter(([k, n]) => n !== cs.get(k));
      expect(changed).toHaveLength(1);
      const [key, n] = changed[0]!;
      extra.push(n - cs.get(key)!);
      // one run of that key got longer; every other run is as it was
      const [rs, rv] = [runs(s), runs(v)];
      expect(rv.map(([k]) => k)).toEqual(rs.map(([k]) => k));
      expect(rv.filter(([, len], j) => len !== rs[j]![1])).toHaveLength(1);
    });
    for (const r of extra) expect([1, 2, 3]).toContain(r);
    expect(new Set(extra).size).toBeGreaterThan(1);
  });

  it('drops a repetition equal to a training session', () => {
    // [3, 3] repeats [3] once, twice or three times; the first two are normal sessions
    const kept = Array.from({ length: 10 }, (_, seed) => synthetic([[3]], new Set(['3 3', '3 3 3']), [3], seed + 1).repetition).flat();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(30);
    for (const v of kept) expect(v).toEqual([3, 3, 3, 3]);
  });

  it('leaves the four edit kinds as they were before the repetition kind (seed 7, recorded from the code before it)', () => {
    expect(out.truncation).toHaveLength(15);
    expect(out.deletion).toEqual([[22, 11, 9, 11, 9, 26, 26, 23, 21], [5, 22, 11, 9, 11, 26, 26, 23, 21], [5, 22, 11, 9, 11, 26, 26, 23, 21], [5, 5, 22, 3, 4, 2], [5, 5, 3, 4, 4, 2], [5, 22, 3, 4, 4, 2]]);
    expect(out.swap).toEqual([[22, 5, 11, 9, 11, 9, 26, 26, 23, 21], [5, 22, 11, 11, 9, 9, 26, 26, 23, 21], [5, 5, 22, 4, 3, 4, 2], [5, 5, 22, 4, 3, 4, 2], [5, 5, 22, 3, 4, 2, 4]]);
    expect(out.insertion).toEqual([[5, 22, 11, 9, 11, 9, 26, 26, 23, 21, 3], [5, 22, 11, 9, 11, 11, 9, 26, 26, 23, 21], [5, 22, 22, 11, 9, 11, 9, 26, 26, 23, 21], [5, 26, 5, 22, 3, 4, 4, 2], [5, 5, 7, 22, 3, 4, 4, 2], [5, 22, 5, 22, 3, 4, 4, 2], [21, 7], [7, 7], [7, 3]]);
  });

  it('the macro recall is the mean over every kind by default, over the four edits when asked (loganomaly-cv)', () => {
    const c = emptyCounts();
    c.normal = 100;
    for (const k of KINDS) c.size[k] = 10;
    for (const k of EDIT_KINDS) c.caught[k] = 10;
    expect(summarise(c).macro_recall).toBe(0.8);
    expect(summarise(c, EDIT_KINDS).macro_recall).toBe(1);
    expect(Object.keys(summarise(c).recall_by_kind)).toEqual([...KINDS]);
  });
});
