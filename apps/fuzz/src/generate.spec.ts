import { caseSeed, casesOfVariant, generateCase, KIND_WEIGHTS, variantNames } from './generate';

describe('seeded fuzz inputs', () => {
  it('case i of seed s is the same input whatever ran before it (re-run one with --case)', () => {
    const a = Array.from({ length: 200 }, (_, i) => generateCase(17, i)).map((c) => `${c.kind}/${c.variant}`);
    const b = Array.from({ length: 200 }, (_, i) => generateCase(17, 199 - i)).reverse().map((c) => `${c.kind}/${c.variant}`);
    expect(b).toEqual(a);
    expect(Array.from({ length: 200 }, (_, i) => generateCase(18, i)).map((c) => `${c.kind}/${c.variant}`)).not.toEqual(a);
    expect(caseSeed(17, 3)).toBe(caseSeed(17, 3));
    expect(caseSeed(17, 3)).not.toBe(caseSeed(17, 4));
  });

  it('draws the kinds in about their weights', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const k = generateCase(1, i).kind;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const [kind, weight] of KIND_WEIGHTS) expect(Math.abs(counts[kind]! / 100 - weight)).toBeLessThan(2);
  });

  it('--variant picks exactly the cases of one kind/variant, and names the choices when it is unknown', () => {
    const picked = casesOfVariant(17, 2000, 'file/truncate');
    const expected = Array.from({ length: 2000 }, (_, i) => generateCase(17, i)).filter((c) => c.kind === 'file' && c.variant === 'truncate').map((c) => c.index);
    expect(picked).toEqual(expected);
    expect(picked.length).toBeGreaterThan(5);
    expect(variantNames()).toContain('file/truncate');
    expect(() => casesOfVariant(17, 10, 'file/nope')).toThrow(/--variant must be one of .*file\/truncate.*got "file\/nope"/);
  });
});
