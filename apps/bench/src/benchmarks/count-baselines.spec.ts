import { abnormalShare, loglizerSplit, loglizerUniformSplit, run, trainingSessions, uniformNormalCopies } from './count-baselines';

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

describe('count-baselines: loglizer\'s uniform split (train_ratio 0.5)', () => {
  const normal = Array.from({ length: 4855 }, (_, i) => `n${i}`);
  const abnormal = Array.from({ length: 16838 }, (_, i) => `a${i}`);

  it('trains on the first half of the abnormal sessions in file order and tests on the rest', () => {
    const { trainAbnormal, testAbnormal } = loglizerUniformSplit(abnormal);
    expect(trainAbnormal).toEqual(abnormal.slice(0, 8419));
    expect(testAbnormal).toEqual(abnormal.slice(8419));
    const odd = loglizerUniformSplit(['a', 'b', 'c']); // int(0.5 * 3) = 1, as loglizer's int()
    expect(odd).toEqual({ trainAbnormal: ['a'], testAbnormal: ['b', 'c'] });
  });

  it('with a seed, halves in a seeded random order that loses and repeats nothing', () => {
    const s = loglizerUniformSplit(abnormal, 1);
    expect(s.trainAbnormal).toHaveLength(8419);
    expect(new Set([...s.trainAbnormal, ...s.testAbnormal]).size).toBe(16838);
    expect(s.trainAbnormal).not.toEqual(abnormal.slice(0, 8419));
    expect(loglizerUniformSplit(abnormal, 1)).toEqual(s);
  });

  it('counts each normal training session often enough to hold the abnormal half at the HDFS rate', () => {
    const copies = uniformNormalCopies(4855, 8419);
    expect(copies).toBe(57); // 8,419 × 558,223 / 16,838 / 4,855 = 57.49
    const share = 8419 / (copies * 4855 + 8419);
    expect(share).toBeCloseTo(16838 / 575061, 3);
    expect(uniformNormalCopies(1_000_000, 1)).toBe(1); // never fewer than one copy
    const train = trainingSessions(['x', 'y'], 3, ['z']);
    expect(train).toEqual(['x', 'y', 'x', 'y', 'x', 'y', 'z']);
    expect(trainingSessions(normal, 1, [])).toEqual(normal);
  });
});

describe('count-baselines: bad flags', () => {
  it('names --write-splits when it has no directory, and a bad --seeds list', async () => {
    await expect(run(['--write-splits'])).rejects.toThrow(/--write-splits needs a directory/);
    await expect(run(['--write-splits', '--seeds', '1'])).rejects.toThrow(/--write-splits needs a directory/);
    await expect(run(['--seeds', '1,x'])).rejects.toThrow(/--seeds needs integers/);
  });
});
