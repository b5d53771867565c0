/** Options of the template miner, their defaults and their validation. */
import { DrainError } from './errors';

/**
 * A user mask (Drain3's masking instruction): every match of `pattern` in a message becomes one
 * parameter. With `maskWith` the match is replaced by the typed placeholder `<maskWith>` (e.g.
 * `<IP>`), which stays in the template as a constant: `match()` then accepts only a token that
 * one of the masks named `maskWith` accepts. Without it (or with `*`) the match becomes `<*>`.
 */
export interface ExtraMask {
  /** Regular expression source (JavaScript syntax). */
  pattern: string;
  /** Regular expression flags other than `g` (added automatically), e.g. `i`. */
  flags?: string;
  /** Mask name: the placeholder is `<maskWith>`; absent or `*` means the untyped `<*>`. */
  maskWith?: string;
}

/** Names of the generic (built-in) masking rules, each of which can be switched off alone. */
export const GENERIC_RULES = [
  /** A word holding a digit (`blk_123`, `v2`, `0x1f`) is a value. */
  'digits',
  /** IPv4 with port, `host.domain:port`, hex/colon values (IPv6, MAC, clock times) as a whole token. */
  'wholeValues',
  /** Tokens holding `://` (URLs) are one value. */
  'urls',
  /** Slash paths (`/var/log/x`, `a/b/c`) are values. */
  'paths',
  /** `user@host.domain` and e-mail addresses are values. */
  'emails',
  /** The text of a double-quoted value is one value. */
  'quoted',
  /** Month and weekday abbreviations (timestamp parts) are values. */
  'dateWords',
  /** A unit after a number (`1.16 KB`, `30 ms`) joins the number's value. */
  'units',
  /** Opt-in: the text of a single-quoted value is one value. */
  'singleQuoted',
  /** Opt-in: the value of `key=value` is a value even when it is a plain word. */
  'keyValues',
  /** A request path with a query string (`/search?q=x&page=2`) is one value. */
  'queryPaths',
  /** A bracketed value after `=` or `: ` (`tags=[a, b]`, `opts: {x: 1}`) is one value. */
  'bracketed',
  /** A quoted HTTP request line (`"GET /a?b=1 HTTP/1.1"`) is tokenised, so its method stays a constant. */
  'requestLines',
] as const;

/** Generic rules that apply only when listed in {@link DrainOptions.enabledRules}. */
export const OPT_IN_RULES: readonly GenericRule[] = ['singleQuoted', 'keyValues'];

/** One generic masking rule (see {@link GENERIC_RULES}). */
export type GenericRule = (typeof GENERIC_RULES)[number];

/** Options of {@link TemplateMiner}. The defaults are one generic configuration for every log source. */
export interface DrainOptions {
  /** Depth of the prefix tree counting the root and the leaf; `depth - 2` leading tokens route a message (Drain3 `depth`). */
  depth: number;
  /** Minimum fraction of equal constant tokens for a message to join a cluster (0..1] (Drain3 `sim_th`). */
  simThreshold: number;
  /** Maximum children of an inner tree node; further tokens share the `<*>` child (Drain3 `max_children`). */
  maxChildren: number;
  /** Maximum number of clusters kept; the least recently used one is evicted beyond it (Drain3 `max_clusters`). */
  maxClusters: number;
  /** Maximum tokens per message; the rest of a longer message becomes one trailing parameter. */
  maxTokens: number;
  /** Merge runs of adjacent whole-token parameters into one parameter (variable-length values). */
  collapseParams: boolean;
  /** User masks, applied before the generic rules; earlier masks win overlaps (Drain3 `masking`). */
  extraMasks: ExtraMask[];
  /** Apply the generic masking rules; false leaves only {@link DrainOptions.extraMasks} (masks replace the defaults). */
  genericMasks: boolean;
  /** Generic rules switched off (when {@link DrainOptions.genericMasks} is true). */
  disabledRules: GenericRule[];
  /** Opt-in generic rules ({@link OPT_IN_RULES}) switched on. */
  enabledRules: GenericRule[];
  /** Tokens holding a digit share the `<*>` branch of the prefix tree (Drain3 `parametrize_numeric_tokens`). */
  parametrizeNumericTokens: boolean;
  /** Strings replaced by a space before tokenising, after masking (Drain3 `extra_delimiters`). */
  extraDelimiters: string[];
  /**
   * A constant `key=value` token that held for 5+ messages of a cluster and now meets another
   * value of the same key (`user=root` → `user=guest`) counts against the match, as a constant
   * established over 50 messages does: a changed value of a named field marks another event.
   */
  splitOnValueChange: boolean;
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
  genericMasks: true,
  disabledRules: [],
  enabledRules: [],
  parametrizeNumericTokens: true,
  extraDelimiters: [],
  splitOnValueChange: true,
});

/**
 * Drain3's defaults (`TemplateMinerConfig()`): depth 4, `sim_th` 0.4, 100 children, no masks
 * unless given, numeric tokens parametrised, no collapsing of adjacent parameters.
 */
export const DRAIN3_DEFAULTS: Readonly<Partial<DrainOptions>> = Object.freeze({
  depth: 4,
  simThreshold: 0.4,
  maxChildren: 100,
  genericMasks: false,
  collapseParams: false,
  parametrizeNumericTokens: true,
  splitOnValueChange: false,
});

/** Mask names: 1 to 64 characters without whitespace (a placeholder `<NAME>` stays one token). */
/** Most distinct mask names (each has its own placeholder character while masking). */
const MAX_NAMES = 255;
const MASK_NAME = /^[^\s]{1,64}$/;

function bad(message: string): never {
  throw new DrainError('BAD_OPTION', message);
}

function intOption(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) bad(`option ${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  return v;
}

function boolOption(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') bad(`option ${name} must be a boolean, got ${JSON.stringify(v)}`);
  return v;
}

function mask(m: unknown, i: number): ExtraMask {
  const at = `option extraMasks[${i}]`;
  if (typeof m !== 'object' || m === null || Array.isArray(m)) bad(`${at} must be an object {pattern, flags?, maskWith?}`);
  const e = m as Partial<ExtraMask>;
  for (const key of Object.keys(e)) if (key !== 'pattern' && key !== 'flags' && key !== 'maskWith') bad(`${at} has unknown key ${key}`);
  if (typeof e.pattern !== 'string' || e.pattern === '') bad(`${at}.pattern must be a non-empty string`);
  const flags = e.flags ?? '';
  if (typeof flags !== 'string' || /[^imsuy]/.test(flags)) bad(`${at}.flags may only hold i, m, s, u, y`);
  let re: RegExp;
  try {
    re = new RegExp(e.pattern, flags + 'g');
  } catch (err) {
    throw new DrainError('BAD_OPTION', `${at}.pattern is not a valid regular expression: ${(err as Error).message}`, { cause: err });
  }
  if (re.test('')) bad(`${at}.pattern matches the empty string`);
  const out: ExtraMask = { pattern: e.pattern };
  if (flags) out.flags = flags;
  if (e.maskWith !== undefined) {
    if (typeof e.maskWith !== 'string' || !MASK_NAME.test(e.maskWith)) bad(`${at}.maskWith must be 1 to 64 characters without whitespace`);
    if (e.maskWith !== '*') out.maskWith = e.maskWith;
  }
  return out;
}

/** Fills defaults and validates options; throws DrainError('BAD_OPTION') naming the bad option. */
export function resolveDrainOptions(partial: Partial<DrainOptions> = {}): DrainOptions {
  if (typeof partial !== 'object' || partial === null) bad('options must be an object');
  const known = new Set(Object.keys(DEFAULT_DRAIN_OPTIONS));
  for (const key of Object.keys(partial)) if (!known.has(key)) bad(`unknown option ${key}`);
  const o = { ...DEFAULT_DRAIN_OPTIONS, ...partial };
  const simThreshold = o.simThreshold;
  if (typeof simThreshold !== 'number' || !(simThreshold > 0 && simThreshold <= 1)) {
    bad(`option simThreshold must be a number in (0, 1], got ${JSON.stringify(simThreshold)}`);
  }
  if (!Array.isArray(o.extraMasks)) bad('option extraMasks must be an array');
  const rules = new Set<string>(GENERIC_RULES);
  for (const name of ['disabledRules', 'enabledRules'] as const) {
    if (!Array.isArray(o[name])) bad(`option ${name} must be an array`);
    for (const r of o[name] as unknown[]) {
      if (typeof r !== 'string' || !rules.has(r)) bad(`option ${name}: unknown rule ${JSON.stringify(r)} (rules: ${GENERIC_RULES.join(', ')})`);
    }
  }
  if (!Array.isArray(o.extraDelimiters)) bad('option extraDelimiters must be an array of strings');
  o.extraDelimiters.forEach((d: unknown, i) => {
    if (typeof d !== 'string' || d === '') bad(`option extraDelimiters[${i}] must be a non-empty string`);
  });
  const extraMasks = o.extraMasks.map(mask);
  if (new Set(extraMasks.map((m) => m.maskWith)).size > MAX_NAMES + 1) bad(`option extraMasks may use at most ${MAX_NAMES} distinct maskWith names`);
  return {
    depth: intOption('depth', o.depth, 3),
    simThreshold,
    maxChildren: intOption('maxChildren', o.maxChildren, 2),
    maxClusters: intOption('maxClusters', o.maxClusters, 1),
    maxTokens: intOption('maxTokens', o.maxTokens, 2),
    collapseParams: boolOption('collapseParams', o.collapseParams),
    extraMasks,
    genericMasks: boolOption('genericMasks', o.genericMasks),
    disabledRules: [...new Set(o.disabledRules)],
    enabledRules: [...new Set(o.enabledRules)],
    parametrizeNumericTokens: boolOption('parametrizeNumericTokens', o.parametrizeNumericTokens),
    extraDelimiters: o.extraDelimiters.slice(),
    splitOnValueChange: boolOption('splitOnValueChange', o.splitOnValueChange),
  };
}
