import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeOf } from './error-code.spec-helper';
import { SessionCountModel } from './index';

const DATA = path.resolve(__dirname, '../../../testdata/hdfs_deeplog');

function readSessions(file: string, limit: number): number[][] {
  return fs
    .readFileSync(path.join(DATA, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, limit)
    .map((l) => l.trim().split(/\s+/).map(Number));
}

describe('SessionCountModel (HDFS DeepLog keys)', () => {
  const train = readSessions('hdfs_train', 2000);
  const abnormal = readSessions('hdfs_test_abnormal', 500);
  const normal = readSessions('hdfs_test_normal_subset', 500);
  const model = SessionCountModel.fit(train, { seed: 1 });

  it('flags most abnormal sessions and few normal ones', () => {
    const tpr = abnormal.filter((s) => model.score(s).isAnomaly).length / abnormal.length;
    const fpr = model.scoreMany(normal).filter((r) => r.isAnomaly).length / normal.length;
    expect(tpr).toBeGreaterThan(0.9);
    expect(fpr).toBeLessThan(0.01);
  });

  it('treats training sessions as normal (training-max threshold)', () => {
    expect(model.scoreMany(train).some((r) => r.isAnomaly)).toBe(false);
  });

  it('reports unseen keys and out-of-range counts, scoring them 1', () => {
    const r = model.score([5, 5, 22, 99]);
    expect(r.unseenKeys).toEqual([99]);
    expect(r.score).toBe(1);
    expect(r.isAnomaly).toBe(true);
    const big = model.score(Array.from({ length: 200 }, () => 5));
    expect(big.outOfRangeKeys).toContain(5);
    const off = SessionCountModel.fit(train, { seed: 1, rangeCheck: false }).score([5, 5, 22, 99]);
    expect(off.unseenKeys).toEqual([]);
    expect(off.score).toBe(off.forestScore);
  });

  it('is deterministic and round-trips through JSON (plain and tf-idf)', () => {
    for (const tfidf of [false, true]) {
      const a = SessionCountModel.fit(train, { seed: 5, tfidf });
      const b = SessionCountModel.fit(train, { seed: 5, tfidf });
      expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
      const c = SessionCountModel.fromJSON(JSON.stringify(a.toJSON()));
      expect(c.scoreMany(abnormal.slice(0, 50))).toEqual(a.scoreMany(abnormal.slice(0, 50)));
      expect(c.threshold).toBe(a.threshold);
    }
  });

  it('rejects bad input with stable codes', () => {
    expect(codeOf(() => SessionCountModel.fit([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => SessionCountModel.fit([[], []]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => SessionCountModel.fit([[1, NaN]]))).toBe('NON_FINITE_VALUE');
    expect(codeOf(() => SessionCountModel.fit([[1, 2.5]]))).toBe('INVALID_INPUT');
    expect(codeOf(() => model.score([Infinity]))).toBe('NON_FINITE_VALUE');
    expect(codeOf(() => SessionCountModel.fromJSON({ format: 'nope' }))).toBe('INVALID_MODEL');
  });
});
