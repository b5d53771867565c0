/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
import { DeepLogDetector } from './detector';
import { DeepLogModel } from './model';
import { explain, indexSession, scoreIndexedSessions } from './session-scoring';
import { trainDeepLog } from './trainer';

describe('DeepLogDetector', () => {
  const sessions = [
    ['5', '22', '11', '9', '26'],
    ['22', '5', '11', '9', '26'],
    ['5', '22', '11', '9', '11', '9', '26'],
  ];
  let model: DeepLogModel;
  let detector: DeepLogDetector;
  beforeAll(async () => {
    const trained = await trainDeepLog(sessions, { window: 4, topG: 2, hidden: 12, epochs: 120, batchSize: 8, learningRate: 0.02, validationFraction: 0, threads: 1, acceptProbability: 0 });
    model = DeepLogModel.fromFiles(trained.toOnnx(), JSON.stringify(trained.toJSON()));
    detector = await DeepLogDetector.load(trained.toOnnx(), trained.toJSON());
  });
  afterAll(async () => {
    await detector.release();
  });

  it('scores whole sessions like the TypeScript path, with explanations', async () => {
    const test = [...sessions, ['5', '22', '11'], ['5', '22', '11', '9', '26', '26'], ['5', '7', '11']];
    const onnx = await detector.scoreSessions(test);
    const ts = scoreIndexedSessions(model, test.map((s) => indexSession(s, model.vocabulary, 4)));
    expect(onnx.map((v) => v.isAnomaly)).toEqual(ts.map((v) => v.isAnomaly));
    expect(onnx.slice(0, 3).map((v) => v.isAnomaly)).toEqual([false, false, false]);
    expect(onnx[3]!.anomalies[0]).toMatchObject({ position: 3, key: '<end>', reason: 'unexpected_end' });
    expect(onnx[5]!.anomalies[0]).toMatchObject({ position: 1, key: '7', reason: 'unseen_key', rank: null });
    expect(explain(onnx[3]!.anomalies[0]!)).toMatch(/^expected one of \[\S+ \S+\], saw the end of the session \(rank \d+, p=/);
    for (const v of onnx) expect(v.score).toBeGreaterThanOrEqual(0);
  });

  it('answers many streaming (history → next) queries in one batch, consistent with session scoring', async () => {
    const s = ['5', '22', '11', '9', '26'];
    const queries = [...s.map((k, i) => ({ history: s.slice(0, i), next: k })), { history: s, next: null }];
    const verdicts = await detector.scoreNext(queries);
    const session = (await detector.scoreSessions([s]))[0]!;
    expect(verdicts).toHaveLength(6);
    expect(verdicts.every((v) => !v.isAnomaly)).toBe(true);
    expect(Math.max(...verdicts.map((v) => v.score))).toBeCloseTo(session.score, 5);
    const [bad] = await detector.scoreNext([{ history: ['5', '22'], next: '26' }]);
    expect(bad).toMatchObject({ isAnomaly: true, reason: 'unexpected_key', key: '26' });
    expect(bad!.expected).toHaveLength(2);
    expect(bad!.rank).toBeGreaterThan(2);
  });
});
