/**
 * Generic masking: splits a message into whitespace tokens and replaces the variable parts
 * (numbers, IPs with ports, hex, UUIDs, ids like `blk_-123`, sizes and durations, paths, URLs,
 * e-mail addresses, and the matches of user masks) by `<*>`, keeping the original text as
 * parameters. The same rules serve every log source.
 *
 * One file past the ~400-line guideline on purpose: moving the character classes and token
 * shapes into modules of their own (2026-12-02) made `parse` of 1M HDFS lines use 8 % more CPU
 * (4 alternating pairs, median 2.69 vs 2.48 s), the compiled CommonJS reading every class constant
 * of the hot loops as a property of another module.
 */
import type { AsciiTokenizer } from './ascii-tokenizer';
import type { DrainOptions } from './options';

/** The wildcard token of a template. */
export const PARAM = '<*>';

/** A message after masking: one entry per token in each array. */
export interface MaskedMessage {
  /** Tokens as clustered: constants, `<*>`, or a constant shape such as `uid=<*>`. */
  tokens: string[];
  /** The original text of each token. */
  originals: string[];
  /** For a token holding `<*>` inside a constant shape, the values of its `<*>`s; otherwise null. */
  inner: (string[] | null)[];
  /**
   * True when every original and value is printable ASCII without `"` or `\` (so it can be
   * written into JSON as it is); false when not, or not known.
   */
  plain?: boolean;
}

const WS = 1;
const DIGIT = 2;
const DELIM = 4;
const SPECIAL = 8;
const DOT_OR_COLON = 16;
/** Not printable ASCII, or `"` or `\` (see {@link MaskedMessage.plain}); kept out of the rule flags. */
const NOT_PLAIN = 32;
/** A sentinel character (see SENTINEL); kept out of the rule flags. */
const SENTINEL_CHAR = 64;
/**
 * Private-use characters standing in for mask matches until tokenisation: U+E000 for an untyped
 * match (`<*>`), U+E001 + k for the k-th distinct mask name. Such characters in the input
 * itself become U+FFFD.
 */
const SENTINEL = 0xe000;
/** Last sentinel: at most 255 distinct mask names. */
const SENTINEL_LAST = 0xe0ff;
/** Any sentinel character. */
const SENTINELS = /[\ue000-\ue0ff]/;
const SENTINELS_ALL = /[\ue000-\ue0ff]/g;
/** Most distinct mask names a configuration may use. */
export const MAX_MASK_NAMES = SENTINEL_LAST - SENTINEL;

/** Bits of the generic rules a masker applies. */
const R_DIGITS = 1;
const R_WHOLE = 2;
const R_URLS = 4;
const R_PATHS = 8;
const R_EMAILS = 16;
const R_QUOTED = 32;
const R_DATES = 64;
const R_UNITS = 128;
const R_SINGLE = 256;
const R_KV = 512;
const R_QUERY = 1024;
const R_BRACKETED = 2048;
const R_REQUEST = 4096;
const RULE_BITS: Record<string, number> = {
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
  requestLines: R_REQUEST,
};
/** Rules that apply only when enabled (see OPT_IN_RULES in options). */
const OPT_IN_BITS = R_SINGLE | R_KV;

const CLASS = new Uint8Array(128);
for (const c of ' \t\r\n\v\f') CLASS[c.charCodeAt(0)] = WS;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (const c of '=:,;()[]{}<>"\'|') CLASS[c.charCodeAt(0)] = DELIM;
for (const c of '/@\\') CLASS[c.charCodeAt(0)] = SPECIAL;
CLASS[46] = DOT_OR_COLON; // .
CLASS[58] |= DOT_OR_COLON; // :

/** The class of every UTF-16 code unit (sentinels are SPECIAL): one load, no branch, in the hot loops. */
const CLASS16 = new Uint8Array(0x10000);
CLASS16.set(CLASS);
for (let c = 0; c < 32; c++) if (CLASS16[c] !== WS) CLASS16[c] |= NOT_PLAIN;
CLASS16[34] |= NOT_PLAIN; // "
CLASS16[92] |= NOT_PLAIN; // \
CLASS16.fill(NOT_PLAIN, 0x7f);
CLASS16.fill(SPECIAL | NOT_PLAIN | SENTINEL_CHAR, SENTINEL, SENTINEL_LAST + 1);

/** Bits of {@link BYTE_CLASSES} beyond the masker's: bytes that keep a message on the JavaScript path. */
const B_NON_ASCII = 128;
const B_DQUOTE = 256;
const B_SQUOTE = 512;
const B_BRACKET = 1024;
/**
 * The class of each byte for the WebAssembly tokeniser (wasm/ascii-tokens.wat): the masker's
 * own classes for ASCII, plus bits for the bytes whose messages the JavaScript path must mask
 * (non-ASCII, and the characters the content rules look for).
 */
export const BYTE_CLASSES = new Uint16Array(256);
BYTE_CLASSES.set(CLASS16.subarray(0, 128));
BYTE_CLASSES.fill(B_NON_ASCII, 128);
BYTE_CLASSES[34] |= B_DQUOTE; // "
BYTE_CLASSES[39] |= B_SQUOTE; // '
BYTE_CLASSES[91] |= B_BRACKET; // [
BYTE_CLASSES[123] |= B_BRACKET; // {
/** The masker's flags in a {@link BYTE_CLASSES} entry. */
const CLASS_BITS = 127;

function classOf(c: number): number {
  return CLASS16[c]!;
}

/** A letter, digit or underscore (the end of a key in `key=value`). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A hexadecimal digit. */
function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * True when `p[a, b)`, a piece of a token between delimiters, is a value rather than a word
 * under the generic `rules` (typed mask sentinels do not count: they keep their names).
 */
function isValueRange(p: string, a: number, b: number, rules: number): boolean {
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
const UNITS = new Set('B KB MB GB TB PB KiB MiB GiB TiB K M G T ms us µs ns s sec secs second seconds min mins minute minutes h hr hrs hour hours'.split(' '));
/** First characters of {@link UNITS} (ASCII; µ is checked apart). */
const UNIT_FIRST = new Uint8Array(128);
for (const u of UNITS) if (u.charCodeAt(0) < 128) UNIT_FIRST[u.charCodeAt(0)] = 1;
const NUMBER = /^[-+]?\d+(?:\.\d+)?$/;

/** The unit word of a token such as `KB` or `KB),` (closing punctuation allowed), else undefined. */
function unitOf(tok: string): string | undefined {
  let b = tok.length;
  while (b > 0 && CLOSERS.includes(tok[b - 1]!)) b--;
  const core = b === tok.length ? tok : tok.slice(0, b);
  return UNITS.has(core) ? core : undefined;
}

/** Adds the ranges of every non-empty match (or of its capture `group`) of a global regex. */
function collect(re: RegExp, text: string, group: 0 | 1, add: (at: number, end: number) => void): void {
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
const SINGLE_QUOTED = /(?:^|[\s=:,([{])'([^'\n]{1,256})'(?=$|[\s,;:.)\]}])/g;

/** An HTTP request line (`GET /a/b?c=1 HTTP/1.1`): quoted, it is tokenised, not one value. */
const REQUEST_LINE = /^[A-Z]{3,7} \S+ HTTP\/\d(?:\.\d)?$/;

/** A double-quoted value (its text becomes one parameter, the quotes stay). */
const QUOTED = /(?:^|[\s=:,([{])"([^"\n]{1,256})"/g;

/** A bracketed value right after `=` or `: ` (`tags=[a, b]`, `opts: {x: 1}`): its inside becomes one parameter. */
const BRACKETED = /(?:=|: ?)(?:\[([^[\]\n]{1,256})\]|\{([^{}\n]{1,256})\})/g;
/** A bracket after `=` or `:`. */
const BRACKET_AFTER_KEY = /[=:] ?[[{]/;

/** Month and weekday abbreviations: parts of timestamps, hence values. */
const DATE_WORDS = new Set('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun'.split(' '));

const OPENERS = '([{<"\'';
const CLOSERS = ')]}>"\',;:.';
/** IPv4 with optional port, host name with port, or hex/colon values (IPv6, MAC, clock times). */
const WHOLE_VALUE = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|[\w-]+(?:\.[\w-]+)*\.(?!(?:java|scala|py|js|ts|go|c|cc|cpp|h|kt|rb|rs|cs):)[a-z]{2,6}:\d{1,5}|(?=[0-9a-fA-F:.]*\d)[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*)$/;

/** Splits a token into wrapper punctuation and core: `[1.2.3.4]:` → `[`, `1.2.3.4`, `]:`. */
function wholeValueShape(tok: string): string | undefined {
  let a = 0;
  let b = tok.length;
  while (a < b && OPENERS.includes(tok[a]!)) a++;
  while (b > a && CLOSERS.includes(tok[b - 1]!)) b--;
  if (b - a < 3) return undefined;
  // What WHOLE_VALUE can start and end with (the end is never a closer): most tokens stop here.
  const first = tok.charCodeAt(a);
  if (!(isWordChar(first) || first === 45 /* - */ || first === 58 /* : */) || !isHexDigit(tok.charCodeAt(b - 1))) return undefined;
  const core = tok.slice(a, b);
  if (!WHOLE_VALUE.test(core)) return undefined;
  return tok.slice(0, a) + PARAM + tok.slice(b);
}

/** The options a {@link Masker} uses. */
export type MaskerOptions = Pick<DrainOptions, 'extraMasks' | 'maxTokens' | 'collapseParams'> &
  Partial<Pick<DrainOptions, 'genericMasks' | 'disabledRules' | 'enabledRules' | 'extraDelimiters'>>;

/** A compiled user mask: its regex and the sentinel standing for its matches. */
interface CompiledMask {
  re: RegExp;
  sentinel: string;
}

/** A request path with a query string (`/a/b?x=1&y=z`, wrapper punctuation kept): its shape, else undefined. */
function queryPathShape(tok: string): string | undefined {
  let a = 0;
  let b = tok.length;
  while (a < b && OPENERS.includes(tok[a]!)) a++;
  while (b > a && CLOSERS.includes(tok[b - 1]!)) b--;
  const q = tok.indexOf('?', a);
  if (tok.charCodeAt(a) !== 47 /* / */ || q < 0 || q >= b - 1) return undefined;
  return tok.slice(0, a) + PARAM + tok.slice(b);
}

/** Masks messages; construct once per configuration and reuse (it holds compiled user masks). */
export class Masker {
  private readonly extra: CompiledMask[];
  /** Placeholder text by sentinel index: `<*>` for 0, `<NAME>` for the named masks. */
  private readonly placeholders: string[] = [PARAM];
  private readonly maxTokens: number;
  private readonly collapse: boolean;
  private readonly generic: boolean;
  /** Bits of the generic rules applied (0 when generic masks are off). */
  private readonly rules: number;
  private readonly delimiters: string[];
  private queue: string[] = [];
  private queuePos = 0;
  /** Finds anything a content-level rule or a sentinel would act on (one scan per message). */
  private readonly contentScan: RegExp;
  /**
   * The characters of {@link Masker.contentScan} but the sentinels, each found by `indexOf` (a
   * vectorised search, faster than the class scan); a sentinel is noticed by the tokeniser
   * instead, which then masks the message again with the full scan.
   */
  private readonly contentChars: string[] | undefined;
  /** Whether the last applyContentMasks call returned the message after the quick check alone. */
  private quickPass = false;
  /**
   * {@link BYTE_CLASSES} bits that send a message tokenised in WebAssembly back to the
   * JavaScript path: non-ASCII and what the quick content check looks for; -1 (always) with
   * user masks or extra delimiters, which work on the text.
   */
  private readonly byteBail: number;
  /** The tokeniser of the message maskAscii is masking (its bytes serve {@link Masker.maskPieces}). */
  private bytes: AsciiTokenizer | undefined;

  constructor(opts: MaskerOptions) {
    const names = new Map<string, number>();
    this.extra = opts.extraMasks.map((m) => {
      let k = 0;
      if (m.maskWith !== undefined && m.maskWith !== '*') {
        k = names.get(m.maskWith) ?? 0;
        if (k === 0) {
          k = names.size + 1;
          if (k > MAX_MASK_NAMES) throw new RangeError(`at most ${MAX_MASK_NAMES} distinct mask names`);
          names.set(m.maskWith, k);
          this.placeholders.push(`<${m.maskWith}>`);
        }
      }
      return { re: new RegExp(m.pattern, (m.flags ?? '') + 'g'), sentinel: String.fromCharCode(SENTINEL + k) };
    });
    this.maxTokens = opts.maxTokens;
    this.collapse = opts.collapseParams;
    this.generic = opts.genericMasks ?? true;
    let rules = 0;
    if (this.generic) {
      for (const bit of Object.values(RULE_BITS)) rules |= bit;
      rules &= ~OPT_IN_BITS;
      for (const r of opts.enabledRules ?? []) rules |= RULE_BITS[r] ?? 0;
      for (const r of opts.disabledRules ?? []) rules &= ~(RULE_BITS[r] ?? 0);
    }
    this.rules = rules;
    const quotes = (rules & R_SINGLE) !== 0 ? `"'` : '"';
    // One character class (a fast native scan); brackets are checked in full only when present.
    this.contentScan = new RegExp(`[${quotes}${(rules & R_BRACKETED) !== 0 ? '[{' : ''}\ue000-\ue0ff]`);
    this.delimiters = (opts.extraDelimiters ?? []).slice();
    // A delimiter holding a sentinel character would split the input before the tokeniser could
    // notice the character: then the full scan, always.
    this.contentChars = this.delimiters.some((d) => SENTINELS.test(d)) ? undefined : [...quotes, ...((rules & R_BRACKETED) !== 0 ? '[{' : '')];
    this.byteBail =
      this.extra.length > 0 || this.delimiters.length > 0 ? -1 : B_NON_ASCII | B_DQUOTE | ((rules & R_SINGLE) !== 0 ? B_SQUOTE : 0) | ((rules & R_BRACKETED) !== 0 ? B_BRACKET : 0);
  }

  /** Tokenises and masks one message (the content part of a log line). */
  mask(content: string): MaskedMessage {
    return this.maskInto(content, { tokens: [], originals: [], inner: [] });
  }

  /**
   * Like {@link Masker.mask}, into `out` (its arrays are replaced by new ones: allocating three
   * small arrays costs less than emptying them with `length = 0`, a runtime call in V8).
   */
  maskInto(content: string, out: MaskedMessage): MaskedMessage {
    return this.maskWith(content, out, false);
  }

  /** {@link Masker.maskInto}; `fullScan`: look for sentinel characters before tokenising. */
  private maskWith(content: string, out: MaskedMessage, fullScan: boolean): MaskedMessage {
    out.tokens = [];
    out.originals = [];
    out.inner = [];
    let s = this.applyContentMasks(content, fullScan);
    const quick = this.quickPass;
    for (const d of this.delimiters) if (s.indexOf(d) >= 0) s = s.split(d).join(' ');
    const n = s.length;
    let i = 0;
    /** The classes of every token character (for {@link MaskedMessage.plain}). */
    let seen = this.queue.length === 0 ? 0 : NOT_PLAIN;
    for (;;) {
      while (i < n && (classOf(s.charCodeAt(i)) & WS) !== 0) i++;
      if (i >= n) break;
      if (out.tokens.length === this.maxTokens - 1) {
        const rest = s.slice(i).trimEnd();
        if (quick && SENTINELS.test(rest)) return this.maskWith(content, out, true); // unseen by the quick check
        this.push(out, PARAM, this.restore(rest), null);
        seen |= NOT_PLAIN; // the rest of the message, unexamined
        break;
      }
      const start = i;
      let flags = 0;
      while (i < n) {
        const cls = classOf(s.charCodeAt(i));
        if ((cls & WS) !== 0) break;
        flags |= cls;
        i++;
      }
      seen |= flags;
      this.maskOne(out, s.slice(start, i), flags & ~(NOT_PLAIN | SENTINEL_CHAR), -1);
    }
    // A sentinel character in the input itself, which the quick check does not look for: again,
    // with the full scan (it replaces such characters by U+FFFD first).
    if (quick && (seen & SENTINEL_CHAR) !== 0) return this.maskWith(content, out, true);
    out.plain = (seen & NOT_PLAIN) === 0;
    return out;
  }

  /**
   * {@link Masker.maskInto} for a message whose text also lies in `tokenizer.input` between
   * `from` and `to`, with only whitespace around it there: the token boundaries and classes
   * come from the WebAssembly tokeniser, so no JavaScript runs per character. The result is
   * that of `maskInto(content, out)`, which also serves every message the tokeniser hands
   * back (non-ASCII, quotes or brackets the content rules look at, user masks, extra
   * delimiters) and text that does not sit where the caller said.
   */
  maskAscii(content: string, tokenizer: AsciiTokenizer, from: number, to: number, out: MaskedMessage): MaskedMessage {
    const count = this.byteBail === -1 ? -1 : tokenizer.tokenize(from, to, this.byteBail);
    const t = tokenizer.tokens;
    // The content starts at the first token and ends at the last (it is trimmed, and for ASCII
    // JavaScript's whitespace is the masker's); anything else means the range is not the content.
    const base = count > 0 ? t[0]! : 0;
    if (count < 0 || (count === 0 ? content.length !== 0 : t[3 * count - 2]! - base !== content.length || tokenizer.input[from + base] !== content.charCodeAt(0))) {
      return this.maskWith(content, out, false);
    }
    out.tokens = [];
    out.originals = [];
    out.inner = [];
    if (this.queue.length > 0) this.queue = [];
    this.queuePos = 0;
    let seen = 0;
    this.bytes = tokenizer;
    for (let k = 0; k < count; k++) {
      const start = t[3 * k]! - base;
      if (out.tokens.length === this.maxTokens - 1) {
        this.push(out, PARAM, content.slice(start).trimEnd(), null);
        seen |= NOT_PLAIN; // the rest of the message, unexamined
        break;
      }
      const flags = t[3 * k + 2]! & CLASS_BITS;
      seen |= flags;
      this.maskOne(out, content.slice(start, t[3 * k + 1]! - base), flags & ~(NOT_PLAIN | SENTINEL_CHAR), from + t[3 * k]!);
    }
    out.plain = (seen & NOT_PLAIN) === 0;
    return out;
  }

  /**
   * Masks one token whose characters' classes OR to `flags` (plain and sentinel bits cleared);
   * `at`: where its bytes start in the input of {@link Masker.bytes} (an ASCII token without
   * sentinels, from maskAscii), else -1.
   */
  private maskOne(out: MaskedMessage, tok: string, flags: number, at: number): void {
    const rules = this.rules;
    if (!this.generic) {
      if ((flags & SPECIAL) !== 0 && this.queue.length > 0) this.maskSentinels(out, tok);
      else this.push(out, tok, tok, null);
      return;
    }
    if ((flags & (DIGIT | SPECIAL)) === 0 && (rules & R_UNITS) !== 0 && out.tokens.length > 0 && this.mergeUnit(out, tok)) return;
    if ((flags & ~DOT_OR_COLON) === 0) {
      if ((rules & R_DATES) !== 0 && tok.length === 3 && DATE_WORDS.has(tok)) this.push(out, PARAM, tok, null);
      else this.push(out, tok, tok, null);
    } else if ((flags & (DELIM | SPECIAL)) === 0) {
      // a word with digits: a value
      if ((rules & R_DIGITS) !== 0) this.push(out, PARAM, tok, null);
      else this.push(out, tok, tok, null);
    } else if ((flags & (DIGIT | SPECIAL)) === 0 && (rules & R_KV) === 0) {
      // Delimiters but no digit, path, e-mail or sentinel: no rule of maskToken applies.
      this.push(out, tok, tok, null);
    } else this.maskToken(out, tok, flags, at);
  }

  /** Joins a unit token to the number parameter just before it (`1.16` `KB)` → value `1.16 KB`). */
  private mergeUnit(out: MaskedMessage, tok: string): boolean {
    const last = out.tokens.length - 1;
    const prev = out.tokens[last]!;
    const c0 = tok.charCodeAt(0);
    if (!(c0 < 128 ? UNIT_FIRST[c0] === 1 : c0 === 0xb5) || !prev.endsWith(PARAM)) return false;
    const unit = unitOf(tok);
    if (unit === undefined) return false;
    const inner = out.inner[last];
    if (prev === PARAM) {
      if (!NUMBER.test(out.originals[last]!)) return false;
      out.originals[last] += ' ' + tok;
      if (unit.length < tok.length) {
        out.tokens[last] = PARAM + tok.slice(unit.length);
        out.inner[last] = [out.originals[last]!.slice(0, out.originals[last]!.length - (tok.length - unit.length))];
      }
      return true;
    }
    if (inner === null || inner === undefined || !NUMBER.test(inner[inner.length - 1]!)) return false;
    inner[inner.length - 1] += ' ' + unit;
    out.tokens[last] = prev + tok.slice(unit.length);
    out.originals[last] += ' ' + tok;
    return true;
  }

  private push(out: MaskedMessage, token: string, original: string, inner: string[] | null): void {
    const last = out.tokens.length - 1;
    if (this.collapse && token === PARAM && last >= 0 && out.tokens[last] === PARAM) {
      out.originals[last] += ' ' + original;
      return;
    }
    out.tokens.push(token);
    out.originals.push(original);
    out.inner.push(inner);
  }

  /** A token with mask sentinels and no generic rules: each sentinel becomes its placeholder. */
  private maskSentinels(out: MaskedMessage, tok: string): void {
    if (!SENTINELS.test(tok)) {
      this.push(out, tok, tok, null);
      return;
    }
    const from = this.queuePos;
    const inner: string[] = [];
    const masked = this.substitute(tok, 0, tok.length, inner);
    if (masked === PARAM) this.push(out, PARAM, inner[0]!, null);
    else this.push(out, masked, this.expandFrom(tok, from), inner);
  }

  /** `tok[a, b)` with each sentinel replaced by its placeholder; the values it stands for go to `inner`. */
  private substitute(tok: string, a: number, b: number, inner: string[]): string {
    let r = '';
    let copied = a;
    for (let k = a; k < b; k++) {
      const c = tok.charCodeAt(k);
      if (c < SENTINEL || c > SENTINEL_LAST) continue;
      r += tok.slice(copied, k) + (this.placeholders[c - SENTINEL] ?? PARAM);
      inner.push(this.queue[this.queuePos++] ?? '');
      copied = k + 1;
    }
    return r + tok.slice(copied, b);
  }

  /** The rules inside a token with delimiters, paths, e-mails or sentinels; `at` as for {@link Masker.maskOne}. */
  private maskToken(out: MaskedMessage, tok: string, flags: number, at: number): void {
    const from = this.queuePos;
    const rules = this.rules;
    if ((flags & SPECIAL) !== 0 && (rules & R_URLS) !== 0 && tok.indexOf('://') > 0) {
      this.push(out, PARAM, this.restore(tok), null);
      return;
    }
    if ((rules & R_QUERY) !== 0 && tok.indexOf('?') > 0) {
      const shape = queryPathShape(tok);
      if (shape !== undefined) {
        const a = shape.indexOf(PARAM);
        const value = this.restore(tok.slice(a, tok.length - (shape.length - a - PARAM.length)));
        if (shape === PARAM) this.push(out, PARAM, value, null);
        else this.push(out, shape, this.expandFrom(tok, from), [value]);
        return;
      }
    }
    const shape = (rules & R_WHOLE) !== 0 && (flags & (DIGIT | DOT_OR_COLON)) === (DIGIT | DOT_OR_COLON) ? wholeValueShape(tok) : undefined;
    if (shape !== undefined) {
      const value = this.restore(tok.slice(shape.indexOf(PARAM), tok.length - (shape.length - shape.indexOf(PARAM) - PARAM.length)));
      if (shape === PARAM) this.push(out, PARAM, value, null);
      else this.push(out, shape, this.expandFrom(tok, from), [value]);
      return;
    }
    if (at >= 0) {
      this.maskPieces(out, tok, at);
      return;
    }
    const typed = this.placeholders.length > 1 && this.queue.length > 0;
    // Build the masked text only from the first value piece on; until then it is the token itself.
    let masked = '';
    let copied = 0; // tok[0, copied) is already in `masked`
    let inner: string[] | null = null;
    let pieceStart = 0;
    const n = tok.length;
    for (let i = 0; i <= n; i++) {
      if (i < n && (classOf(tok.charCodeAt(i)) & DELIM) === 0) continue;
      if (i > pieceStart) {
        if (isValueRange(tok, pieceStart, i, rules) || ((rules & R_KV) !== 0 && pieceStart > 1 && tok.charCodeAt(pieceStart - 1) === 61 /* = */ && isWordChar(tok.charCodeAt(pieceStart - 2)))) {
          masked += tok.slice(copied, pieceStart) + PARAM;
          copied = i;
          (inner ??= []).push(this.restore(tok.slice(pieceStart, i)));
        } else if (typed && SENTINELS.test(tok.slice(pieceStart, i))) {
          masked += tok.slice(copied, pieceStart) + this.substitute(tok, pieceStart, i, (inner ??= []));
          copied = i;
        }
      }
      pieceStart = i + 1;
    }
    if (inner === null) {
      this.push(out, tok, tok, null);
      return;
    }
    masked += tok.slice(copied);
    if (masked === PARAM) this.push(out, PARAM, inner[0]!, null);
    else this.push(out, masked, this.expandFrom(tok, from), inner);
  }

  /**
   * The piece loop of {@link Masker.maskToken} for an ASCII token without sentinels whose bytes
   * start at `at` in the input of {@link Masker.bytes}: the WebAssembly module finds the value
   * pieces (the same tests as isValueRange and the keyValues rule, over the bytes), so no
   * JavaScript runs per character. No sentinels means no queue: values are the pieces' text.
   */
  private maskPieces(out: MaskedMessage, tok: string, at: number): void {
    const bytes = this.bytes!;
    const count = bytes.valuePieces(at, at + tok.length, this.rules);
    if (count === 0) {
      this.push(out, tok, tok, null);
      return;
    }
    const p = bytes.pieces;
    const inner: string[] = [];
    let masked = '';
    let copied = 0;
    for (let k = 0; k < 2 * count; k += 2) {
      const a = p[k]!;
      const b = p[k + 1]!;
      masked += tok.slice(copied, a) + PARAM;
      inner.push(tok.slice(a, b));
      copied = b;
    }
    masked += tok.slice(copied);
    if (masked === PARAM) this.push(out, PARAM, inner[0]!, null);
    else this.push(out, masked, tok, inner);
  }

  /**
   * Replaces every user-mask match, and the text inside double quotes, by a sentinel and queues
   * the replaced text, left to right (earlier masks win overlaps).
   */
  private applyContentMasks(s: string, fullScan: boolean): string {
    if (this.queue.length > 0) this.queue = [];
    this.queuePos = 0;
    this.quickPass = false;
    if (this.extra.length === 0) {
      if (fullScan || this.contentChars === undefined) {
        if (!this.contentScan.test(s)) return s;
      } else if (!this.hasContentChar(s)) {
        this.quickPass = true; // the common case
        return s;
      }
    }
    const single = (this.rules & R_SINGLE) !== 0;
    const bracketed = (this.rules & R_BRACKETED) !== 0 && BRACKET_AFTER_KEY.test(s);
    const text = SENTINELS.test(s) ? s.replace(SENTINELS_ALL, '\ufffd') : s;
    const quoted = (this.rules & R_QUOTED) !== 0 && text.indexOf('"') >= 0;
    const singleQuoted = single && text.indexOf("'") >= 0;
    if (this.extra.length === 0 && !quoted && !singleQuoted && !bracketed) return text;
    let ranges: { at: number; end: number; sentinel: string }[] | undefined;
    let sentinel = '';
    const add = (at: number, end: number): void => {
      if (ranges === undefined) ranges = [{ at, end, sentinel }];
      else if (!ranges.some((r) => at < r.end && end > r.at)) ranges.push({ at, end, sentinel });
    };
    for (const m of this.extra) {
      sentinel = m.sentinel;
      collect(m.re, text, 0, add);
    }
    sentinel = String.fromCharCode(SENTINEL);
    if (quoted) {
      // A quoted HTTP request line keeps its method: `"GET <*> <*>"`, not one opaque value.
      const requests = (this.rules & R_REQUEST) !== 0;
      collect(QUOTED, text, 1, (at, end) => {
        if (!requests || !REQUEST_LINE.test(text.slice(at, end))) add(at, end);
      });
    }
    if (singleQuoted) collect(SINGLE_QUOTED, text, 1, add);
    if (bracketed) collect(BRACKETED, text, 1, add);
    if (ranges === undefined) return text;
    const sorted = (ranges as { at: number; end: number; sentinel: string }[]).sort((x, y) => x.at - y.at);
    let out = '';
    let pos = 0;
    for (const r of sorted) {
      out += text.slice(pos, r.at) + r.sentinel;
      this.queue.push(text.slice(r.at, r.end));
      pos = r.end;
    }
    return out + text.slice(pos);
  }

  private hasContentChar(s: string): boolean {
    for (const c of this.contentChars!) if (s.indexOf(c) >= 0) return true;
    return false;
  }

  /** Replaces the sentinels of a value by the mask matches they stand for, consuming them. */
  private restore(v: string): string {
    if (this.queue.length === 0 || !SENTINELS.test(v)) return v;
    return v.replace(SENTINELS_ALL, () => this.queue[this.queuePos++] ?? '');
  }

  /** Like restore, starting at queue entry `from`, without consuming. */
  private expandFrom(v: string, from: number): string {
    if (this.queue.length === 0 || !SENTINELS.test(v)) return v;
    return v.replace(SENTINELS_ALL, () => this.queue[from++] ?? '');
  }
}
