import { CountRangeModel, describeOutOfRange } from './count-range';

const train = [
  ['alloc', 'recv', 'recv', 'ack', 'ack'],
  ['alloc', 'recv', 'recv', 'recv', 'ack', 'ack', 'ack', 'delete'],
  ['alloc', 'recv', 'ack'],
];

describe('CountRangeModel', () => {
  const m = CountRangeModel.fit(train);

  it('passes every training session and sessions inside the ranges', () => {
    for (const s of train) expect(m.checkSequence(s)).toEqual([]);
    expect(m.checkSequence(['alloc', 'recv', 'recv', 'ack', 'ack', 'delete'])).toEqual([]);
  });

  it('flags a key every training session had that is missing, and a count beyond the most seen', () => {
    expect(m.checkSequence(['recv', 'ack'])).toEqual([{ key: 'alloc', count: 0, min: 1, max: 1 }]);
    expect(m.checkSequence(['alloc', 'recv', 'recv', 'recv', 'recv', 'ack'])).toEqual([{ key: 'recv', count: 4, min: 1, max: 3 }]);
    // keys never seen are the key model's business
    expect(m.checkSequence(['alloc', 'recv', 'ack', 'mystery'])).toEqual([]);
  });

  it('reads as a sentence and round-trips through JSON', () => {
    expect(describeOutOfRange({ key: 'recv', count: 4, min: 1, max: 3 }, (k) => `${k} <*>`)).toBe('"recv <*>" 4× here; training sessions held it 1–3×');
    expect(describeOutOfRange({ key: 'alloc', count: 0, min: 1, max: 1 }, (k) => k)).toBe('"alloc" 0× here; training sessions held it 1×');
    const back = CountRangeModel.fromJSON(JSON.stringify(m.toJSON()));
    expect(back.checkSequence(['recv'])).toEqual(m.checkSequence(['recv']));
    expect(back.sessions).toBe(3);
    expect(() => CountRangeModel.fromJSON('{"version":1,"sessions":1,"ranges":[{"key":"a","min":2,"max":1}]}')).toThrow(/min ≤ max/);
    expect(() => CountRangeModel.fromJSON('[]')).toThrow(/not a count-range model/);
  });
});
