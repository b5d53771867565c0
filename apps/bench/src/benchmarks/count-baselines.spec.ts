import { abnormalShare, loglizerSplit } from './count-baselines';

describe('count-baselines: loglizer\'s protocol on the DeepLog files', () => {
  const normal = Array.from({ length: 4855 }, (_, i) => `n${i}`);
  const abnormal = Array.from({ length: 16838 }, (_, i) => `a${i}`);

  it('adds abnormal sessions at the HDFS anomaly rate (16,838 of 575,061) to the training data', () => {
    expect(abnormalShare(4855)).toBe(146);
    const { train, abnormalTest } = loglizerSplit(normal, abnormal, 1);
    expect(train).toHaveLength(4855 + 146);
    expect(train.filter((s) => s.startsWith('a')).length / train.length).toBeCloseTo(16838 / 575061, 3);
    expect(abnormalTest).toHaveLength(16838 - 146);
  });

  it('never tests on a session it trained on, loses none, and is fixed by the seed', () => {
    const a = loglizerSplit(normal, abnormal, 1);
    const trained = new Set(a.train);
    expect(a.abnormalTest.some((s) => trained.has(s))).toBe(false);
    expect(new Set([...a.abnormalTest, ...a.train.filter((s) => s.startsWith('a'))]).size).toBe(16838);
    expect(loglizerSplit(normal, abnormal, 1)).toEqual(a);
    expect(loglizerSplit(normal, abnormal, 2).train).not.toEqual(a.train);
  });
});
