import { degenerateReasons, wilsonLower, type LearningStats } from './trainer';

const ok: LearningStats = { sessions: 400, medianSessionLength: 9, topG: 9, defaultTopG: 9, vocabulary: 25, validation: { flagged: 0, sessions: 40 } };

describe('degenerate learning data', () => {
  it('reports nothing for usable statistics', () => {
    expect(degenerateReasons(ok)).toEqual([]);
  });

  it('names each problem: few sessions, one-record sessions, an unpredictable top-g, false alarms beyond doubt', () => {
    expect(degenerateReasons({ ...ok, sessions: 3 })).toEqual([expect.stringMatching(/only 3 sessions/)]);
    expect(degenerateReasons({ ...ok, medianSessionLength: 1 })).toEqual([expect.stringMatching(/sessions of one record/)]);
    expect(degenerateReasons({ ...ok, topG: 14 })).toEqual([expect.stringMatching(/top-g calibrated to 14 of 25 keys/)]);
    expect(degenerateReasons({ ...ok, validation: { flagged: 5, sessions: 40 } })).toEqual([expect.stringMatching(/12\.5% \(5 of 40 held-out sessions; max 1%\)/)]);
  });

  it('does not call one false alarm among a few dozen held-out sessions degenerate', () => {
    expect(degenerateReasons({ ...ok, validation: { flagged: 1, sessions: 36 } })).toEqual([]);
    expect(degenerateReasons({ ...ok, validation: { flagged: 30, sessions: 1000 } })).toHaveLength(1);
    expect(degenerateReasons({ ...ok, validation: null })).toEqual([]);
  });

  it('the Wilson lower bound is below the rate and tightens with n', () => {
    expect(wilsonLower(0, 50)).toBe(0);
    expect(wilsonLower(1, 36)).toBeLessThan(0.01);
    expect(wilsonLower(10, 100)).toBeGreaterThan(0.05);
    expect(wilsonLower(10, 100)).toBeLessThan(0.1);
    expect(wilsonLower(100, 1000)).toBeGreaterThan(wilsonLower(10, 100));
    expect(wilsonLower(3, 0)).toBe(0);
  });
});
