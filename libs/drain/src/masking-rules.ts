/**
 * The generic masking rules as data and small pure functions: character classes, the mask
 * sentinels, the rule bits, value shapes (IPs, paths, query paths, units, dates) and the
 * content-level patterns (quoted and bracketed values). {@link Masker} applies them.
 */
/** The wildcard token of a template. */
export const PARAM = '<*>';

export const WS = 1;
export const DIGIT = 2;
export const DELIM = 4;
export const SPECIAL = 8;
export const DOT_OR_COLON = 16;
/**
 * Private-use characters standing in for mask matches until tokenisation: U+E000 for an untyped
 * match (`<*>`), U+E001 + k for the k-th distinct mask name. Such characters in the input
 * itself become U+FFFD.
 */
export const SENTINEL = 0xe000;
/** Last sentinel: at most 255 distinct mask names. */
export const SENTINEL_LAST = 0xe0ff;
/** Any sentinel character. */
export const SENTINELS = /[\ue000-\ue0ff]/;
export const SENTINELS_ALL = /[\ue000-\ue0ff]/g;
/** Most distinct mask names a configuration may use. */
export const MAX_MASK_NAMES = SENTINEL_LAST - SENTINEL;

/** Bits of the generic rules a masker applies. */
export const R_DIGITS = 1;
export const R_WHOLE = 2;
export const R_URLS = 4;
export const R_PATHS = 8;
export const R_EMAILS = 16;
export const R_QUOTED = 32;
export const R_DATES = 64;
export const R_UNITS = 128;
export const R_SINGLE = 256;
export const R_KV = 512;
export const R_QUERY = 1024;
export const R_BRACKETED = 2048;
export const RULE_BITS: Record<string, number> = {
  digits: R_DIGITS,
  wholeValues: R_WHOLE,
  urls: R_URLS,
  paths: R_PATHS,
  emails: R_EMAILS,
  quoted: R_QUOTED,
  dateWords: R_DATES,
  units: R_UNITS,
  singleQuoted: R_SINGLE,
  keyValues: R_KV,
  queryPaths: R_QUERY,
  bracketed: R_BRACKETED,
};
/** Rules that apply only when enabled (see OPT_IN_RULES in options). */
export const OPT_IN_BITS = R_SINGLE | R_KV;

export const CLASS = new Uint8Array(128);
for (const c of ' \t\r\n\v\f') CLASS[c.charCodeAt(0)] = WS;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (const c of '=:,;()[]{}<>"\'|') CLASS[c.charCodeAt(0)] = DELIM;
for (const c of '/@\\') CLASS[c.charCodeAt(0)] = SPECIAL;
CLASS[46] = DOT_OR_COLON; // .
CLASS[58] |= DOT_OR_COLON; // :

export function classOf(c: number): number {
  return c < 128 ? CLASS[c]! : c >= SENTINEL && c <= SENTINEL_LAST ? SPECIAL : 0;
}

/** A letter, digit or underscore (the end of a key in `key=value`). */
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * True when `p[a, b)`, a piece of a token between delimiters, is a value rather than a word
 * under the generic `rules` (typed mask sentinels do not count: they keep their names).
 */
export function isValueRange(p: string, a: number, b: number, rules: number): boolean {
  let slashes = 0;
  let at = -1;
  const digits = (rules & R_DIGITS) !== 0;
  for (let i = a; i < b; i++) {
    const c = p.charCodeAt(i);
    if ((digits && c >= 48 && c <= 57) || c === SENTINEL || c === 92 /* \ */) return true;
    if (c === 47 /* / */) slashes++;
    else if (c === 64 /* @ */) at = i;
  }
  if ((rules & R_PATHS) !== 0 && slashes > 0 && b - a > 1 && (p.charCodeAt(a) === 47 || slashes > 1)) return true; // a path
  if ((rules & R_EMAILS) !== 0 && at > a) {
    const dot = p.indexOf('.', at);
    if (dot > at + 1 && dot < b) return true; // an e-mail address or user@host
  }
  return false;
}

/** Units that make the number before them a size or duration: `1.16 KB`, `30 ms`, `<1 sec`. */
export const UNITS = new Set('B KB MB GB TB PB KiB MiB GiB TiB K M G T ms us µs ns s sec secs second seconds min mins minute minutes h hr hrs hour hours'.split(' '));
/** First characters of {@link UNITS} (ASCII; µ is checked apart). */
export const UNIT_FIRST = new Uint8Array(128);
for (const u of UNITS) if (u.charCodeAt(0) < 128) UNIT_FIRST[u.charCodeAt(0)] = 1;
export const NUMBER = /^[-+]?\d+(?:\.\d+)?$/;

/** The unit word of a token such as `KB` or `KB),` (closing punctuation allowed), else undefined. */
export function unitOf(tok: string): string | undefined {
  let b = tok.length;
  while (b > 0 && CLOSERS.includes(tok[b - 1]!)) b--;
  const core = b === tok.length ? tok : tok.slice(0, b);
  return UNITS.has(core) ? core : undefined;
}

/** Adds the ranges of every non-empty match (or of its capture `group`) of a global regex. */
export function collect(re: RegExp, text: string, group: 0 | 1, add: (at: number, end: number) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const v = group === 0 ? m[0] : (m[1] ?? m[2]);
    if (v === undefined || v === '') {
      if (m[0] === '') re.lastIndex++;
      continue;
    }
    const start = group === 0 ? m.index : m.index + m[0].lastIndexOf(v); // the capture ends the match but for its closing quote or bracket
    add(start, start + v.length);
  }
}

/** A single-quoted value after a space or delimiter, closed before a space, punctuation or the end. */
export const SINGLE_QUOTED = /(?:^|[\s=:,([{])'([^'\n]{1,256})'(?=$|[\s,;:.)\]}])/g;

/** A double-quoted value (its text becomes one parameter, the quotes stay). */
export const QUOTED = /(?:^|[\s=:,([{])"([^"\n]{1,256})"/g;

/** A bracketed value right after `=` or `: ` (`tags=[a, b]`, `opts: {x: 1}`): its inside becomes one parameter. */
export const BRACKETED = /(?:=|: ?)(?:\[([^[\]\n]{1,256})\]|\{([^{}\n]{1,256})\})/g;
/** A bracket after `=` or `:`. */
export const BRACKET_AFTER_KEY = /[=:] ?[[{]/;

/** Month and weekday abbreviations: parts of timestamps, hence values. */
export const DATE_WORDS = new Set('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun'.split(' '));

export const OPENERS = '([{<"\'';
export const CLOSERS = ')]}>"\',;:.';
/** IPv4 with optional port, host name with port, or hex/colon values (IPv6, MAC, clock times). */
export const WHOLE_VALUE = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|[\w-]+(?:\.[\w-]+)*\.(?!(?:java|scala|py|js|ts|go|c|cc|cpp|h|kt|rb|rs|cs):)[a-z]{2,6}:\d{1,5}|(?=[0-9a-fA-F:.]*\d)[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*)$/;

/** Splits a token into wrapper punctuation and core: `[1.2.3.4]:` → `[`, `1.2.3.4`, `]:`. */
export function wholeValueShape(tok: string): string | undefined {
  let a = 0;
  let b = tok.length;
  while (a < b && OPENERS.includes(tok[a]!)) a++;
  while (b > a && CLOSERS.includes(tok[b - 1]!)) b--;
  if (b - a < 3) return undefined;
  const core = tok.slice(a, b);
  if (!WHOLE_VALUE.test(core)) return undefined;
  return tok.slice(0, a) + PARAM + tok.slice(b);
}

/** A request path with a query string (`/a/b?x=1&y=z`, wrapper punctuation kept): its shape, else undefined. */
export function queryPathShape(tok: string): string | undefined {
  let a = 0;
  let b = tok.length;
  while (a < b && OPENERS.includes(tok[a]!)) a++;
  while (b > a && CLOSERS.includes(tok[b - 1]!)) b--;
  const q = tok.indexOf('?', a);
  if (tok.charCodeAt(a) !== 47 /* / */ || q < 0 || q >= b - 1) return undefined;
  return tok.slice(0, a) + PARAM + tok.slice(b);
}

