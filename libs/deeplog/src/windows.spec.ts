import { buildWindows, paddedSession } from './windows';
import { END_INDEX, PAD_INDEX, Vocabulary } from './vocabulary';

describe('windows', () => {
  const vocab = Vocabulary.fromSessions([[5, 22, 11], [9, 5]]);

  it('numbers keys after the padding and end tokens, most frequent first, ties in order of first appearance (never by name)', () => {
    expect(vocab.tokens).toEqual(['<pad>', '<end>', '5', '22', '11', '9']);
    const renamed = Vocabulary.fromSessions([['a', 'x', 'q'], ['b', 'a']]);
    expect(renamed.tokens.slice(2).map((t) => vocab.tokens[renamed.indexOf(t)])).toEqual(['5', '22', '11', '9']);
    expect(vocab.indexOf(7)).toBe(-1);
    expect(vocab.indexOf('<end>')).toBe(-1);
  });

  it('pads the start and appends the end key so every key and the end are predicted', () => {
    expect(Array.from(paddedSession([5, 22], vocab, 3))).toEqual([PAD_INDEX, PAD_INDEX, PAD_INDEX, 2, 3, END_INDEX]);
  });

  it('merges duplicate windows and keeps their counts as weights', () => {
    const set = buildWindows([[5, 22], [5, 22], [9]], vocab, 2);
    expect(set.totalWindows).toBe(3 + 3 + 2);
    const rows = Array.from({ length: set.count }, (_, i) => `${set.inputs[2 * i]},${set.inputs[2 * i + 1]}>${set.targets[i]}:${set.weights[i]}`);
    expect(rows.sort()).toEqual(['0,0>2:2', '0,0>5:1', '0,2>3:2', '0,5>1:1', '2,3>1:2'].sort());
  });

  it('rejects keys outside the vocabulary', () => {
    expect(() => paddedSession([7], vocab, 2)).toThrow(/not in the vocabulary/);
  });
});
