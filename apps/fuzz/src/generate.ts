/**
 * The seeded sequence of inputs: case `i` of seed `s` is drawn from its own generator
 * (seeded by `s` and `i`), so any case can be re-run alone and the sequence does not
 * depend on the order in which cases finish.
 */
import { SeededRandom } from '@log-sentinel/seeded-random';
import type { CaseKind, FuzzCase } from './case';
import { FILE_VARIANTS, fileCase } from './file-cases';
import { GRPC_VARIANTS, grpcCase } from './grpc-cases';
import { BODY_VARIANTS, HEADER_VARIANTS, bodyCase, headerCase } from './http-cases';

/** Share of each input kind (out of 100). */
export const KIND_WEIGHTS: ReadonlyArray<[CaseKind, number]> = [['http-body', 40], ['http-header', 17], ['file', 10], ['grpc', 33]];

/** A 32-bit seed for case `index` of run `seed` (splitmix32 of both). */
export function caseSeed(seed: number, index: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
  return (z ^ (z >>> 15)) >>> 0;
}

function weighted<T>(rng: SeededRandom, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1]![0];
}

/** Case `index` of the run seeded `seed`. */
export function generateCase(seed: number, index: number): FuzzCase {
  const rng = new SeededRandom(caseSeed(seed, index));
  const kind = weighted(rng, KIND_WEIGHTS);
  switch (kind) {
    case 'http-body': {
      const variant = weighted(rng, BODY_VARIANTS);
      return { index, kind, variant, run: bodyCase(rng, variant) };
    }
    case 'http-header': {
      const variant = weighted(rng, HEADER_VARIANTS);
      return { index, kind, variant, run: headerCase(rng, variant) };
    }
    case 'file': {
      const variant = weighted(rng, FILE_VARIANTS);
      return { index, kind, variant, run: fileCase(rng, variant, `s${seed}-c${index}`) };
    }
    default: {
      const variant = weighted(rng, GRPC_VARIANTS);
      return { index, kind, variant, run: grpcCase(rng, variant) };
    }
  }
}

/** Every `kind/variant` name the generator draws, e.g. `file/truncate`. */
export function variantNames(): string[] {
  const of = (kind: CaseKind, variants: ReadonlyArray<[string, number]>): string[] => variants.map(([v]) => `${kind}/${v}`);
  return [...of('http-body', BODY_VARIANTS), ...of('http-header', HEADER_VARIANTS), ...of('file', FILE_VARIANTS), ...of('grpc', GRPC_VARIANTS)];
}

/**
 * The indices among cases 0 .. inputs-1 of `seed` whose `kind/variant` is `name` (one kind
 * of input run many times, e.g. `file/truncate` to hunt a race); throws on an unknown name.
 */
export function casesOfVariant(seed: number, inputs: number, name: string): number[] {
  const known = variantNames();
  if (!known.includes(name)) throw new Error(`--variant must be one of ${known.join(', ')}; got "${name}"`);
  const out: number[] = [];
  for (let i = 0; i < inputs; i++) {
    const c = generateCase(seed, i);
    if (`${c.kind}/${c.variant}` === name) out.push(i);
  }
  return out;
}
