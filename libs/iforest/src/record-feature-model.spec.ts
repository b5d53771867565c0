import { codeOf } from './error-code.spec-helper';
import { RECORD_FEATURE_NAMES, levelSeverity, RecordFeatureModel, type RecordObservation, rocAuc, Xoshiro128 } from './index';

/** Synthetic service log: three templates with numeric parameters, regular gaps; planted oddities. */
function observations(seed: number, n: number): { obs: RecordObservation[]; y: number[] } {
  const rng = new Xoshiro128(seed);
  const obs: RecordObservation[] = [];
  const y: number[] = [];
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    const prev = t;
    t += 1000 + rng.nextInt(200);
    const kind = rng.nextInt(3);
    const latency = String(40 + rng.nextInt(20));
    const base: RecordObservation =
      kind === 0
        ? { templateId: 'req', params: ['GET', latency], level: 'INFO', messageLength: 40 + rng.nextInt(5) }
        : kind === 1
          ? { templateId: 'db', params: [latency], level: 'DEBUG', messageLength: 25 }
          : { templateId: 'cache', params: [], level: 'INFO', messageLength: 18 };
    obs.push({ ...base, timestampMs: t, prevTimestampMs: prev });
    y.push(0);
  }
  // Planted: a slow request, a fatal unseen template, a long silence.
  obs.push({ templateId: 'req', params: ['GET', '9000'], level: 'INFO', messageLength: 42, timestampMs: t + 1000, prevTimestampMs: t });
  obs.push({ templateId: 'oom', params: ['x', 'y', 'z', 'w'], level: 'FATAL', messageLength: 300, timestampMs: t + 2000, prevTimestampMs: t });
  obs.push({ templateId: 'db', params: ['45'], level: 'DEBUG', messageLength: 25, timestampMs: t + 3_600_000, prevTimestampMs: t });
  y.push(1, 1, 1);
  return { obs, y };
}

describe('RecordFeatureModel', () => {
  const train = observations(1, 3000).obs.slice(0, 3000);
  const model = RecordFeatureModel.fit(train, { seed: 4 });

  it('computes the documented features', () => {
    const f = model.score({ templateId: 'req', params: ['GET', '9000'], level: 'warn', messageLength: 41, timestampMs: 5000, prevTimestampMs: 3000 }).features;
    expect(Object.keys(f)).toEqual([...RECORD_FEATURE_NAMES]);
    expect(f.paramCount).toBe(2);
    expect(f.numericParamZ).toBe(10);
    expect(f.level).toBe(3);
    expect(f.messageLength).toBeCloseTo(Math.log(42), 12);
    expect(f.gapSec).toBeCloseTo(Math.log(3), 12);
    expect(f.templateRarity).toBeGreaterThan(0.8);
    const unseen = model.features({ templateId: 'never', messageLength: 3 });
    expect(unseen[0]).toBeCloseTo(-Math.log(0.5 / 3000), 12);
    expect(unseen[5]).toBe(0);
  });

  it('ranks planted odd records above normal ones (AUC ≥ 0.95) and names the isolating feature', () => {
    const test = observations(2, 1000);
    expect(rocAuc(model.scoreMany(test.obs), test.y)).toBeGreaterThanOrEqual(0.95);
    const slow = model.score(test.obs[1000]);
    expect(slow.isAnomaly).toBe(true);
    expect(slow.topFeature).toBe('numericParamZ');
    const silent = model.score(test.obs[1002]);
    expect(silent.isAnomaly).toBe(true);
    expect(silent.topFeature).toBe('gapSec');
  });

  it('without the range check, names the feature whose typical value would lower the score most', () => {
    const plain = RecordFeatureModel.fit(train, { seed: 4, rangeCheck: false });
    const slow = plain.score(observations(2, 1000).obs[1000]);
    expect(slow.outOfRange).toEqual([]);
    expect(slow.score).toBe(slow.forestScore);
    expect(slow.topFeature).toBe('numericParamZ');
  });

  it('is deterministic and round-trips through JSON', () => {
    const again = RecordFeatureModel.fit(train, { seed: 4 });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const restored = RecordFeatureModel.fromJSON(JSON.stringify(model.toJSON()));
    const test = observations(3, 200).obs;
    expect(Array.from(restored.scoreMany(test))).toEqual(Array.from(model.scoreMany(test)));
    expect(restored.score(test[0])).toEqual(model.score(test[0]));
  });

  it('rejects bad observations with stable codes', () => {
    expect(codeOf(() => RecordFeatureModel.fit([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => model.score({ templateId: 'req', messageLength: NaN }))).toBe('NON_FINITE_VALUE');
    expect(codeOf(() => model.score({ templateId: 'req', messageLength: 3, timestampMs: Infinity }))).toBe('NON_FINITE_VALUE');
    expect(codeOf(() => model.score({ templateId: 7 as unknown as string, messageLength: 3 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => RecordFeatureModel.fromJSON({}))).toBe('INVALID_MODEL');
  });
});

describe('levelSeverity (issue 17 fuzzing)', () => {
  it('a level named like an Object.prototype member is an unknown level (2), never NaN', () => {
    for (const level of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', ' Constructor ']) expect(levelSeverity(level)).toBe(2);
    expect(levelSeverity('ERROR')).toBe(4);
    expect(levelSeverity(undefined)).toBe(2);
  });
});
