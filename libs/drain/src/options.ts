/** Options of the template miner, their defaults and their validation. */
import { DrainError } from './errors';

/** A user-supplied mask: every match of `pattern` in a message becomes one parameter. */
export interface ExtraMask {
  /** Regular expression source (JavaScript syntax). */
  pattern: string;
  /** Regular expression flags other than `g` (added automatically), e.g. `i`. */
  flags?: string;
}

/** Options of {@link TemplateMiner}. The defaults are one generic configuration for every log source. */
export interface DrainOptions {
  /** Depth of the prefix tree counting the root and the leaf; `depth - 2` leading tokens route a message. */
  depth: number;
  /** Minimum fraction of equal constant tokens for a message to join a cluster (0..1]. */
  simThreshold: number;
  /** Maximum children of an inner tree node; further tokens share the `<*>` child. */
  maxChildren: number;
  /** Maximum number of clusters kept; the least recently used one is evicted beyond it. */
  maxClusters: number;
  /** Maximum tokens per message; the rest of a longer message becomes one trailing parameter. */
  maxTokens: number;
  /** Merge runs of adjacent whole-token parameters into one parameter (variable-length values). */
  collapseParams: boolean;
  /** Extra masks applied before the built-in ones. */
  extraMasks: ExtraMask[];
}

/** The default configuration, the same for every log source. */
export const DEFAULT_DRAIN_OPTIONS: Readonly<DrainOptions> = Object.freeze({
  depth: 5,
  simThreshold: 0.8,
  maxChildren: 100,
  maxClusters: 100_000,
  maxTokens: 256,
  collapseParams: true,
  extraMasks: [],
});

function intOption(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new DrainError('BAD_OPTION', `option ${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Fills defaults and validates options; throws DrainError('BAD_OPTION') naming the bad option. */
export function resolveDrainOptions(partial: Partial<DrainOptions> = {}): DrainOptions {
  if (typeof partial !== 'object' || partial === null) throw new DrainError('BAD_OPTION', 'options must be an object');
  const known = new Set(Object.keys(DEFAULT_DRAIN_OPTIONS));
  for (const key of Object.keys(partial)) {
    if (!known.has(key)) throw new DrainError('BAD_OPTION', `unknown option ${key}`);
  }
  const o = { ...DEFAULT_DRAIN_OPTIONS, ...partial };
  const simThreshold = o.simThreshold;
  if (typeof simThreshold !== 'number' || !(simThreshold > 0 && simThreshold <= 1)) {
    throw new DrainError('BAD_OPTION', `option simThreshold must be a number in (0, 1], got ${JSON.stringify(simThreshold)}`);
  }
  if (typeof o.collapseParams !== 'boolean') throw new DrainError('BAD_OPTION', 'option collapseParams must be a boolean');
  if (!Array.isArray(o.extraMasks)) throw new DrainError('BAD_OPTION', 'option extraMasks must be an array');
  const extraMasks = o.extraMasks.map((m, i) => {
    if (typeof m !== 'object' || m === null || typeof m.pattern !== 'string' || m.pattern === '') {
      throw new DrainError('BAD_OPTION', `option extraMasks[${i}].pattern must be a non-empty string`);
    }
    const flags = m.flags ?? '';
    if (typeof flags !== 'string' || /[^imsuy]/.test(flags)) {
      throw new DrainError('BAD_OPTION', `option extraMasks[${i}].flags may only hold i, m, s, u, y`);
    }
    try {
      new RegExp(m.pattern, flags + 'g');
    } catch (err) {
      throw new DrainError('BAD_OPTION', `option extraMasks[${i}].pattern is not a valid regular expression: ${(err as Error).message}`, { cause: err });
    }
    return flags ? { pattern: m.pattern, flags } : { pattern: m.pattern };
  });
  return {
    depth: intOption('depth', o.depth, 3),
    simThreshold,
    maxChildren: intOption('maxChildren', o.maxChildren, 2),
    maxClusters: intOption('maxClusters', o.maxClusters, 1),
    maxTokens: intOption('maxTokens', o.maxTokens, 2),
    collapseParams: o.collapseParams,
    extraMasks,
  };
}
