import { describeViolation, InvariantsModel } from './invariants';

/** A block's life: allocated once, then per replica: receiving, received, stored (all equal counts). */
function block(replicas: number, extra: string[] = []): string[] {
  const s = ['alloc'];
  for (let r = 0; r < replicas; r++) s.push('receiving');
  for (let r = 0; r < replicas; r++) s.push('received', 'stored');
  return [...s, ...extra];
}

const training = [...Array.from({ length: 40 }, (_, i) => block(1 + (i % 3))), ...Array.from({ length: 20 }, (_, i) => block(2 + (i % 2), ['deleted']))];

describe('InvariantsModel.mine', () => {
  it('finds the count relations every training session satisfies, and no implied duplicates', () => {
    const m = InvariantsModel.mine(training);
    const rels = m.invariants.map((i) => i.keys.map((k, j) => `${i.coefficients[j]}*${k}`).join(' '));
    // receiving = received = stored: two independent relations among three keys
    expect(rels).toEqual(expect.arrayContaining(['1*receiving -1*received', '1*receiving -1*stored']));
    expect(rels).not.toContain('1*received -1*stored'); // implied by the two above
    for (const s of training) expect(m.checkSequence(s)).toEqual([]);
    expect(m.invariants.every((i) => i.support === 1)).toBe(true);
  });

  it('flags a session that lost one step in the middle, and names the broken relation', () => {
    const m = InvariantsModel.mine(training);
    const broken = block(3).filter((_, i) => i !== 4); // one "received" missing
    const v = m.checkSequence(broken);
    expect(v.length).toBeGreaterThan(0);
    const text = describeViolation(v[0]!, (k) => `${k} block <*>`, m.sessions);
    expect(text).toMatch(/count\("receiving block <\*>"\) = count\("received block <\*>"\) held in 60 of 60 training sessions; here 3 and 2/);
  });

  it('finds relations with coefficients other than one', () => {
    const s = Array.from({ length: 30 }, (_, i) => {
      const n = 1 + (i % 4);
      return [...Array<string>(n).fill('open'), ...Array<string>(2 * n).fill('chunk')];
    });
    const m = InvariantsModel.mine(s);
    expect(m.invariants).toHaveLength(1);
    expect(m.invariants[0]).toMatchObject({ keys: ['open', 'chunk'], coefficients: [2, -1] });
    expect(m.checkSequence(['open', 'chunk', 'chunk', 'chunk'])).toHaveLength(1);
  });

  it('does not take a relation between rare keys for a law (minEvidence) and honours minSupport', () => {
    const rare = [...Array.from({ length: 50 }, () => ['a', 'b']), ['c', 'd'], ['c', 'd']];
    expect(InvariantsModel.mine(rare).invariants.map((i) => i.keys)).toEqual([['a', 'b']]);
    // one noisy session in 100 breaks a = b: kept at the default support (0.98, Lou et al.'s), not when every session must hold it
    const noisy = [...Array.from({ length: 99 }, () => ['a', 'b']), ['a', 'a', 'b']];
    expect(InvariantsModel.mine(noisy, { minSupport: 1 }).invariants).toHaveLength(0);
    const lax = InvariantsModel.mine(noisy);
    expect(lax.options.minSupport).toBe(0.98);
    expect(lax.invariants).toHaveLength(1);
    expect(lax.invariants[0]!.support).toBeCloseTo(0.99);
    // three noisy sessions in 100: below 0.98
    const noisier = [...Array.from({ length: 97 }, () => ['a', 'b']), ...Array.from({ length: 3 }, () => ['a', 'a', 'b'])];
    expect(InvariantsModel.mine(noisier).invariants).toHaveLength(0);
  });

  it('has nothing to say about too little data, and rejects bad options', () => {
    expect(InvariantsModel.mine([]).invariants).toEqual([]);
    expect(InvariantsModel.mine([['x', 'x']]).invariants).toEqual([]);
    expect(() => InvariantsModel.mine(training, { maxSize: 5 })).toThrow(/maxSize must be 2, 3 or 4/);
    expect(() => InvariantsModel.mine(training, { minSupport: 0 })).toThrow(/minSupport/);
    expect(() => InvariantsModel.mine(training, { epsilon: 0 })).toThrow(/epsilon/);
    expect(() => InvariantsModel.mine(training, { maxCoefficient: 1.5 })).toThrow(/maxCoefficient/);
  });
});

describe('InvariantsModel.mine: the invariant space (Lou et al. step 1)', () => {
  it('estimates its dimension from the count matrix and stops the search after that many invariants', () => {
    // keys: alloc, receiving, received, stored, deleted; the sessions span 3 directions
    // (alloc, replicas, deleted), so the invariant space has dimension 5 - 3 = 2
    const m = InvariantsModel.mine(training);
    expect(m.dimension).toBe(2);
    expect(m.invariants).toHaveLength(2);
  });

  it('finds a relation whose smallest coefficient needs the scale 2 (2·count(a) = 3·count(b))', () => {
    // the direction is ∝ (1, -1.5): scale 1 rounds -1.5 to an integer the sessions break; scale 2 gives (2, -3)
    const s = Array.from({ length: 40 }, (_, i) => [...Array<string>(3 * (1 + (i % 4))).fill('a'), ...Array<string>(2 * (1 + (i % 4))).fill('b')]);
    const m = InvariantsModel.mine(s);
    expect(m.invariants.map((i) => [i.keys, i.coefficients])).toEqual([[['a', 'b'], [2, -3]]]);
    expect(m.checkSequence(['a', 'a', 'a', 'b', 'b'])).toEqual([]);
    expect(m.checkSequence(['a', 'a', 'b', 'b'])).toHaveLength(1);
  });
});

describe('InvariantsModel JSON', () => {
  it('round-trips and checks the same', () => {
    const m = InvariantsModel.mine(training);
    const back = InvariantsModel.fromJSON(JSON.stringify(m.toJSON()));
    expect(back.invariants).toEqual(m.invariants);
    expect(back.sessions).toBe(60);
    expect(back.checkSequence(block(2).slice(0, -1))).toEqual(m.checkSequence(block(2).slice(0, -1)));
  });

  it('loads files written before the dimension was stored', () => {
    const j = InvariantsModel.mine(training).toJSON();
    const { dimension: _dimension, ...old } = j;
    const back = InvariantsModel.fromJSON(JSON.stringify(old));
    expect(back.dimension).toBe(j.invariants.length);
    expect(back.invariants).toEqual(j.invariants);
  });

  it('refuses malformed files with a clear error', () => {
    expect(() => InvariantsModel.fromJSON('{"version":2}')).toThrow(/not an invariants model/);
    expect(() => InvariantsModel.fromJSON('{"version":1,"sessions":1,"invariants":[{"keys":["a"],"coefficients":[1]}]}')).toThrow(/as many keys/);
    expect(() => InvariantsModel.fromJSON('{"version":1,"sessions":1,"invariants":[{"keys":["a","b"],"coefficients":[1,0.5]}]}')).toThrow(/integers/);
  });
});
