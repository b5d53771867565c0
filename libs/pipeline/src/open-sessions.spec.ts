import { openSessionsAtCut, type CutPoint } from './open-sessions';

/** Sessions of `len` records `step` ms apart, a new one starting every `every` ms, cut at `cut` ms. */
function stream(len: number, step: number, every: number, cut: number): CutPoint[] {
  const pts: CutPoint[] = [];
  for (let s = 0; s * every < cut; s++) for (let i = 0; i < len; i++) pts.push({ session: `s${s}`, stream: 'web', at: s * every + i * step });
  return pts.filter((p) => p.at <= cut).sort((a, b) => a.at - b.at);
}

describe('openSessionsAtCut', () => {
  it('calls open every session cut short, and only those silent for at most one ordinary pause', () => {
    // 4 records 100 ms apart, one session starting every 50 ms, cut at 10 s: s195–s199 are cut
    // short; s192–s194 ended within 100 ms of the cut, which no rule can tell from a pause.
    const open = openSessionsAtCut(stream(4, 100, 50, 10_000));
    expect([...open].sort()).toEqual(['s192', 's193', 's194', 's195', 's196', 's197', 's198', 's199']);
  });

  it('leaves finished sessions out even when they ended just before the cut', () => {
    const pts: CutPoint[] = (
      [['a', 0], ['a', 10], ['a', 20], ['b', 100], ['b', 110], ['b', 120], ['c', 200], ['c', 210]] as const
    ).map(([session, at]) => ({ session, stream: 'web', at }));
    // the longest pause inside a session is 10 ms: b (silent for 90 ms) has ended, c (silent for 0) has not
    expect([...openSessionsAtCut(pts)]).toEqual(['c']);
  });

  it('works on arrival positions when records carry no time, and finds nothing without a gap to learn from', () => {
    expect(openSessionsAtCut([{ session: 'a', stream: 'x', at: 0 }, { session: 'b', stream: 'x', at: 1 }])).toEqual(new Set());
    const pts = ['a', 'b', 'a', 'b', 'c', 'd', 'c', 'e'].map((session, at) => ({ session, stream: 'x', at }));
    // within-session gaps 2, 2, 2: d (silent 2) and e, c (silent 1, 0) may continue; a and b (silent 5, 4) ended
    expect([...openSessionsAtCut(pts)].sort()).toEqual(['c', 'd', 'e']);
  });

  it('judges each stream against its own newest record: a lagging channel is cut earlier in time', () => {
    // HTTP sessions run up to 10 s; the tailed file's records have only arrived up to 7 s.
    const web = stream(4, 100, 50, 10_000);
    const file = stream(3, 200, 400, 7_000).map((p) => ({ ...p, session: `f${p.session}`, stream: 'file' }));
    const open = openSessionsAtCut([...web, ...file].sort((a, b) => a.at - b.at));
    // file sessions started at 6,800 (records 6,800, 7,000) is cut; at one global end (10 s) it would look long finished
    expect(open.has('fs17')).toBe(true);
    expect(open.has('fs15')).toBe(false);
    expect(open.has('s199')).toBe(true);
  });
});
