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
    // one noisy session in 100 breaks a = b: kept only when 99 % support is enough
    const noisy = [...Array.from({ length: 99 }, () => ['a', 'b']), ['a', 'a', 'b']];
    expect(InvariantsModel.mine(noisy).invariants).toHaveLength(0);
    const lax = InvariantsModel.mine(noisy, { minSupport: 0.99 });
    expect(lax.invariants).toHaveLength(1);
    expect(lax.invariants[0]!.support).toBeCloseTo(0.99);
  });

  it('has nothing to say about too little data, and rejects bad options', () => {
    expect(InvariantsModel.mine([]).invariants).toEqual([]);
    expect(InvariantsModel.mine([['x', 'x']]).invariants).toEqual([]);
    expect(() => InvariantsModel.mine(training, { maxSize: 4 })).toThrow(/maxSize must be 2 or 3/);
    expect(() => InvariantsModel.mine(training, { minSupport: 0 })).toThrow(/minSupport/);
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

  it('refuses malformed files with a clear error', () => {
    expect(() => InvariantsModel.fromJSON('{"version":2}')).toThrow(/not an invariants model/);
    expect(() => InvariantsModel.fromJSON('{"version":1,"sessions":1,"invariants":[{"keys":["a"],"coefficients":[1]}]}')).toThrow(/as many keys/);
    expect(() => InvariantsModel.fromJSON('{"version":1,"sessions":1,"invariants":[{"keys":["a","b"],"coefficients":[1,0.5]}]}')).toThrow(/integers/);
  });
});
