import { pathScore, scoreDelta, SessionFlags } from './session-score';

describe('SessionFlags', () => {
  // sessions 0, 1 abnormal; 2, 3 normal
  const labels = [true, true, false, false];

  it('flags a session when any record is flagged; session verdicts add to it under the sessions rule only', () => {
    const f = new SessionFlags(labels);
    f.record(0, 'blk_1', false);
    f.record(0, 'blk_1', true);
    f.record(1, 'blk_2', false);
    f.record(2, 'blk_3', false);
    f.record(3, 'blk_4', false);
    f.sessionVerdict('blk_2', true);
    f.sessionVerdict('blk_3', false);
    f.sessionVerdict('blk_9', true);
    expect(f.score('records')).toMatchObject({ tp: 1, fn: 1, fp: 0, abnormal_sessions: 2, normal_sessions: 2 });
    expect(f.score('sessions')).toMatchObject({ tp: 2, fn: 0, fp: 0, recall: 1 });
    expect(f.sessionsWithVerdict()).toBe(2);
    expect(f.unmatchedVerdicts).toBe(1);
    expect(f.flaggedOnlyByVerdict()).toEqual({ abnormal: 1, normal: 0 });
    expect(f.sessionIds().sort()).toEqual(['blk_1', 'blk_2', 'blk_3', 'blk_4']);
  });

  it('counts a session id shared by lines of two source sessions and ignores its verdict', () => {
    const f = new SessionFlags(labels);
    f.record(0, 'host-a', false);
    f.record(2, 'host-a', false);
    f.sessionVerdict('host-a', true);
    expect(f.conflictingIds).toBe(1);
    expect(f.unmatchedVerdicts).toBe(1);
    expect(f.score('sessions').tp).toBe(0);
  });
});

describe('pathScore', () => {
  it('scales the normal false-positive rate to 553,366 sessions', () => {
    // 1 of 4 normal sessions flagged → 138,342 estimated false positives
    const s = pathScore([true, true, false], [true, false, false, false]);
    expect(s).toMatchObject({ tp: 2, fn: 1, fp: 1, fp_est: 138_342, fp_rate: 0.25, recall: 0.6667 });
    expect(s.precision).toBeCloseTo(2 / 138_344, 4);
    // with its 95 % bootstrap interval, which brackets the estimate
    expect(s.f1_ci95.low).toBeLessThanOrEqual(s.f1_est);
    expect(s.f1_ci95.high).toBeGreaterThanOrEqual(s.f1_est);
  });

  it('subtracts headline numbers', () => {
    const a = pathScore([true, true], [false]);
    const b = pathScore([true, false], [false]);
    expect(scoreDelta(a, b)).toMatchObject({ recall: 0.5, tp: 1, fp: 0 });
  });
});
