import { judgeKey, type DetectionRule } from './session-scoring';
import { END_INDEX, Vocabulary } from './vocabulary';

describe('judgeKey: top-g with an accept probability', () => {
  const vocab = new Vocabulary(['<pad>', '<end>', 'a', 'b', 'c', 'd']);
  // one row: pad, end, a, b, c, d — ranks: a 1, b 2, c 3, end 4, d 5
  const probs = Float32Array.from([0, 0.004, 0.9, 0.09, 0.005, 0.001]);
  const pure: DetectionRule = { topG: 2 };
  const relaxed: DetectionRule = { topG: 2, acceptProbability: 0.003 };

  it('the pure rule flags every key outside the top g', () => {
    expect(judgeKey(probs, 0, vocab, pure, 4, 3)).toMatchObject({ isAnomaly: true, rank: 3, reason: 'unexpected_key' });
    expect(judgeKey(probs, 0, vocab, pure, 3, 3)).toMatchObject({ isAnomaly: false, rank: 2 });
  });

  it('accepts a key outside the top g whose probability reaches acceptProbability, and only that', () => {
    expect(judgeKey(probs, 0, vocab, relaxed, 4, 3)).toMatchObject({ isAnomaly: false, rank: 3 });
    expect(judgeKey(probs, 0, vocab, relaxed, 5, 3)).toMatchObject({ isAnomaly: true, rank: 5, reason: 'unexpected_key' });
  });

  it('never relaxes the end of a session (truncations stay caught)', () => {
    expect(judgeKey(probs, 0, vocab, relaxed, END_INDEX, 3)).toMatchObject({ isAnomaly: true, rank: 4, reason: 'unexpected_end' });
  });

  it('probability floors still apply inside the top g', () => {
    expect(judgeKey(probs, 0, vocab, { ...relaxed, floors: [0, 0, 0, 0.1, 0, 0] }, 3, 3)).toMatchObject({ isAnomaly: true, rank: 2 });
  });
});
