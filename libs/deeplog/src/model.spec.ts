import { DeepLogError } from './errors';
import { DeepLogModel } from './model';
import { initParams, paramLayout } from './params';
import { Vocabulary } from './vocabulary';

describe('DeepLogModel files: the accept probability', () => {
  const vocab = new Vocabulary(['<pad>', '<end>', '5', '22']);
  const params = initParams(paramLayout({ vocab: vocab.size, hidden: 4, layers: 1 }), 1);
  const training = { sessions: 1, validationSessions: 0, windows: 1, distinctWindows: 1, epochs: 1, bestEpoch: 1, stoppedBy: 'max-epochs' as const, trainLoss: 1, validationLoss: null, validationFpRate: null, threads: 1, options: {}, fineTuneRounds: 0 };
  const make = (acceptProbability?: number): DeepLogModel =>
    new DeepLogModel(vocab, { window: 3, topG: 2, hidden: 4, layers: 1, ...(acceptProbability !== undefined ? { acceptProbability } : {}) }, params, training);

  it('round-trips through deeplog.json and reaches the detection rule', () => {
    const m = make(3e-4);
    expect(m.toJSON().acceptProbability).toBe(3e-4);
    const back = DeepLogModel.fromFiles(m.toOnnx(), JSON.stringify(m.toJSON()));
    expect(back.config.acceptProbability).toBe(3e-4);
    expect(back.rule.acceptProbability).toBe(3e-4);
  });

  it('is absent for a pure top-g model (older files load unchanged)', () => {
    const m = make();
    expect('acceptProbability' in m.toJSON()).toBe(false);
    expect(DeepLogModel.fromFiles(m.toOnnx(), m.toJSON()).rule.acceptProbability).toBeUndefined();
  });

  it('rejects a value outside (0, 1] as an invalid model', () => {
    const j = { ...make().toJSON(), acceptProbability: 1.5 };
    expect(() => DeepLogModel.fromFiles(make().toOnnx(), j)).toThrow(DeepLogError);
    expect(() => DeepLogModel.fromFiles(make().toOnnx(), { ...j, acceptProbability: 'x' })).toThrow(/acceptProbability/);
  });
});
