/**
 * Masking: splits a message into whitespace tokens (and extra delimiters) and replaces the
 * variable parts by placeholders, keeping the original text as parameters. User masks come
 * first: a named mask's matches become its typed placeholder (`<IP>`), the others `<*>`. Then
 * the generic rules (masking-rules.ts; each can be switched off) turn numbers, IPs with ports,
 * hex, UUIDs, ids like `blk_-123`, sizes and durations, paths, URLs, e-mail addresses, quoted
 * and bracketed values into `<*>`. The same rules serve every log source.
 */
import type { DrainOptions } from './options';
import {
  PARAM,
  BRACKETED,
  BRACKET_AFTER_KEY,
  DATE_WORDS,
  DELIM,
  DIGIT,
  DOT_OR_COLON,
  MAX_MASK_NAMES,
  NUMBER,
  OPT_IN_BITS,
  QUOTED,
  RULE_BITS,
  R_BRACKETED,
  R_DATES,
  R_DIGITS,
  R_KV,
  R_QUERY,
  R_QUOTED,
  R_SINGLE,
  R_UNITS,
  R_URLS,
  R_WHOLE,
  SENTINEL,
  SENTINELS,
  SENTINELS_ALL,
  SENTINEL_LAST,
  SINGLE_QUOTED,
  SPECIAL,
  UNIT_FIRST,
  WS,
  classOf,
  collect,
  isValueRange,
  isWordChar,
  queryPathShape,
  unitOf,
  wholeValueShape,
} from './masking-rules';


export { MAX_MASK_NAMES, PARAM } from './masking-rules';

/** A message after masking: one entry per token in each array. */
export interface MaskedMessage {
  /** Tokens as clustered: constants, `<*>`, or a constant shape such as `uid=<*>`. */
  tokens: string[];
  /** The original text of each token. */
  originals: string[];
  /** For a token holding `<*>` inside a constant shape, the values of its `<*>`s; otherwise null. */
  inner: (string[] | null)[];
}

/** The options a {@link Masker} uses. */
export type MaskerOptions = Pick<DrainOptions, 'extraMasks' | 'maxTokens' | 'collapseParams'> &
  Partial<Pick<DrainOptions, 'genericMasks' | 'disabledRules' | 'enabledRules' | 'extraDelimiters'>>;

/** A compiled user mask: its regex and the sentinel standing for its matches. */
interface CompiledMask {
  re: RegExp;
  sentinel: string;
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
    this.contentScan = new RegExp(`[${quotes}\ue000-\ue0ff]${(rules & R_BRACKETED) !== 0 ? '|[=:] ?[[{]' : ''}`);
    this.delimiters = (opts.extraDelimiters ?? []).slice();
  }

  /** Tokenises and masks one message (the content part of a log line). */
  mask(content: string): MaskedMessage {
    return this.maskInto(content, { tokens: [], originals: [], inner: [] });
  }

  /** Like {@link Masker.mask}, filling (and first emptying) the arrays of `out`: no allocation per message. */
  maskInto(content: string, out: MaskedMessage): MaskedMessage {
    out.tokens.length = 0;
    out.originals.length = 0;
    out.inner.length = 0;
    let s = this.applyContentMasks(content);
    for (const d of this.delimiters) if (s.indexOf(d) >= 0) s = s.split(d).join(' ');
    const n = s.length;
    const rules = this.rules;
    let i = 0;
    for (;;) {
      while (i < n && (classOf(s.charCodeAt(i)) & WS) !== 0) i++;
      if (i >= n) break;
      if (out.tokens.length === this.maxTokens - 1) {
        this.push(out, PARAM, this.restore(s.slice(i).trimEnd()), null);
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
      const tok = s.slice(start, i);
      if (!this.generic) {
        if ((flags & SPECIAL) !== 0 && this.queue.length > 0) this.maskSentinels(out, tok);
        else this.push(out, tok, tok, null);
        continue;
      }
      if ((flags & (DIGIT | SPECIAL)) === 0 && (rules & R_UNITS) !== 0 && out.tokens.length > 0 && this.mergeUnit(out, tok)) continue;
      if ((flags & ~DOT_OR_COLON) === 0) {
        if ((rules & R_DATES) !== 0 && tok.length === 3 && DATE_WORDS.has(tok)) this.push(out, PARAM, tok, null);
        else this.push(out, tok, tok, null);
      } else if ((flags & (DELIM | SPECIAL)) === 0) {
        // a word with digits: a value
        if ((rules & R_DIGITS) !== 0) this.push(out, PARAM, tok, null);
        else this.push(out, tok, tok, null);
      } else this.maskToken(out, tok, flags);
    }
    return out;
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

  private maskToken(out: MaskedMessage, tok: string, flags: number): void {
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
   * Replaces every user-mask match, and the text inside double quotes, by a sentinel and queues
   * the replaced text, left to right (earlier masks win overlaps).
   */
  private applyContentMasks(s: string): string {
    if (this.queue.length > 0) this.queue = [];
    this.queuePos = 0;
    if (this.extra.length === 0 && !this.contentScan.test(s)) return s; // one native scan, the common case
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
    if (quoted) collect(QUOTED, text, 1, add);
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
