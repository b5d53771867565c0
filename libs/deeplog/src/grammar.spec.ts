import { fineTuneDeepLog } from './fine-tune';
import { indexSession, scoreIndexedSessions } from './session-scoring';
import { trainDeepLog } from './trainer';
import { DeepLogModel } from './model';

// A tiny sequence grammar: after the first key every next key is determined by the last 3 keys.
const grammar = [
  ['a', 'b', 'c', 'd', 'e'],
  ['x', 'y', 'c', 'd', 'z', 'z'],
];

function probsOf(model: DeepLogModel, session: string[]) {
  const v = scoreIndexedSessions(model, [indexSession(session, model.vocabulary, model.config.window)])[0]!;
  return v;
}

describe('DeepLog training on a tiny grammar', () => {
  let model: DeepLogModel;
  beforeAll(async () => {
    model = await trainDeepLog(grammar, { window: 3, topG: 2, hidden: 16, epochs: 150, batchSize: 4, learningRate: 0.02, validationFraction: 0, threads: 1, seed: 3, acceptProbability: 0 });
  });

  it('learns every deterministic transition exactly (rank 1, p > 0.9) and the end of each session', () => {
    for (const s of grammar) {
      const ix = indexSession(s, model.vocabulary, 3);
      const probs = model.predict(
        Int32Array.from({ length: s.length * 3 }, (_, k) => ix[Math.floor(k / 3) + 1 + (k % 3)]!),
        s.length,
      );
      // windows starting at t=1: predict s[1..] and the end
      for (let t = 1; t <= s.length; t++) {
        const target = t < s.length ? model.vocabulary.indexOf(s[t]!) : 1;
        expect(probs[(t - 1) * model.vocabulary.size + target]!).toBeGreaterThan(0.9);
      }
      expect(probsOf(model, s).isAnomaly).toBe(false);
    }
  });

  it('flags a substituted key, a truncated session and an unseen key (top-1 after the ambiguous first key)', () => {
    const strict = new DeepLogModel(model.vocabulary, { ...model.config, topG: 1 }, model.params, model.training);
    const first = (s: string[]) => probsOf(strict, s).anomalies.filter((a) => a.position > 0)[0];
    expect(first(['a', 'b', 'c', 'd', 'e'])).toBeUndefined();
    expect(first(['a', 'b', 'c', 'd', 'z'])).toMatchObject({ position: 4, key: 'z', reason: 'unexpected_key' });
    expect(first(['x', 'y', 'c', 'd'])).toMatchObject({ position: 4, key: '<end>', reason: 'unexpected_end' });
    expect(first(['a', 'b', 'q', 'd', 'e'])).toMatchObject({ position: 2, reason: 'unseen_key' });
  });

  it('online update: fine-tuning on a new normal session (with a new key) makes it normal and keeps the old ones', async () => {
    const fresh = ['a', 'b', 'c', 'w', 'e'];
    expect(probsOf(model, fresh).isAnomaly).toBe(true);
    const tuned = await fineTuneDeepLog(model, { sessions: [fresh, ...grammar] }, { epochs: 80, learningRate: 0.01, batchSize: 4 });
    expect(tuned.vocabulary.indexOf('w')).toBeGreaterThan(0);
    expect(tuned.training.fineTuneRounds).toBe(1);
    expect(probsOf(tuned, fresh).isAnomaly).toBe(false);
    for (const s of grammar) expect(probsOf(tuned, s).isAnomaly).toBe(false);
    const strict = new DeepLogModel(tuned.vocabulary, { ...tuned.config, topG: 1 }, tuned.params, tuned.training);
    expect(probsOf(strict, ['a', 'b', 'c', 'd', 'z']).anomalies.some((a) => a.position === 4 && a.key === 'z')).toBe(true);
  });
});
