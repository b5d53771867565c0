/**
 * Parameters of a message against any template (Drain3's `extract_parameters`): the template
 * becomes an anchored regular expression in which each placeholder captures one parameter —
 * `<*>` anything (shortest first), `<NAME>` anything too, or with exact matching only what a
 * mask named NAME matches. Whitespace in the template matches any run of whitespace.
 */
import type { ExtraMask } from './options';

/** One parameter: its text and the name of the placeholder it filled (`*` for `<*>`). */
export interface ExtractedParameter {
  /** The parameter's text in the message. */
  value: string;
  /** Mask name of the placeholder (`*` for `<*>`, `IP` for `<IP>`). */
  maskName: string;
}

/** A compiled template: the regex and the mask name of each placeholder group, in order. */
interface CompiledTemplate {
  re: RegExp;
  names: string[];
}

/** Compiled templates kept per extractor before the cache is emptied. */
const CACHE_LIMIT = 4096;

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/;

/** Escapes one literal character for a regex; whitespace becomes `\s+` (callers merge runs). */
function literal(c: string): string {
  return REGEX_SPECIAL.test(c) ? '\\' + c : c;
}

/**
 * Rewrites a mask's pattern so it can sit inside a larger regex after `offset` capture groups:
 * numbered back-references move by `offset`, named groups and their references get a unique
 * suffix. Returns the pattern and how many capture groups it holds.
 */
export function relocateGroups(pattern: string, offset: number, suffix: string): { source: string; groups: number } {
  let out = '';
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && next >= '1' && next <= '9') {
        let j = i + 1;
        while (j < pattern.length && pattern[j]! >= '0' && pattern[j]! <= '9') j++;
        out += `\\${Number(pattern.slice(i + 1, j)) + offset}`;
        i = j - 1;
        continue;
      }
      if (!inClass && next === 'k' && pattern[i + 2] === '<') {
        const end = pattern.indexOf('>', i + 3);
        if (end > 0) {
          out += `\\k<${pattern.slice(i + 3, end)}${suffix}>`;
          i = end;
          continue;
        }
      }
      out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      if (pattern[i + 1] !== '?') groups++;
      else if (pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') {
        const end = pattern.indexOf('>', i + 3);
        if (end > 0) {
          groups++;
          out += `(?<${pattern.slice(i + 3, end)}${suffix}>`;
          i = end;
          continue;
        }
      }
    }
    out += c;
  }
  return { source: out, groups };
}

/** Extracts typed parameters of messages against templates, for one mask configuration. */
export class ParameterExtractor {
  /** Mask names, longest first (so `<ab>` wins over `<a>` where both could start). */
  private readonly names: string[];
  private readonly patterns = new Map<string, string[]>();
  private readonly cache = new Map<string, CompiledTemplate | null>();

  constructor(
    masks: readonly ExtraMask[],
    private readonly delimiters: readonly string[] = [],
  ) {
    for (const m of masks) {
      const name = m.maskWith ?? '*';
      const list = this.patterns.get(name) ?? [];
      // A mask with flags cannot be embedded without them: it matches like `<*>` then.
      list.push(m.flags ? '[^]+?' : m.pattern);
      this.patterns.set(name, list);
    }
    this.names = [...new Set(['*', ...this.patterns.keys()])].sort((a, b) => b.length - a.length);
  }

  /**
   * The parameters of `content` under `template`, left to right, or undefined when the message
   * does not fit the template. `exact`: a typed placeholder accepts only what its masks match.
   */
  extract(template: string, content: string, exact = false): ExtractedParameter[] | undefined {
    let text = content.trim();
    for (const d of this.delimiters) if (text.indexOf(d) >= 0) text = text.split(d).join(' ');
    const compiled = this.compile(template, exact);
    if (compiled === null) return undefined;
    const m = compiled.re.exec(text);
    if (m === null) return undefined;
    return compiled.names.map((maskName, k) => ({ value: m.groups![`p${k}`]!, maskName }));
  }

  private compile(template: string, exact: boolean): CompiledTemplate | null {
    const key = (exact ? '1' : '0') + template;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const names: string[] = [];
    let source = '^';
    let groups = 0;
    let space = false;
    for (let i = 0; i < template.length; ) {
      const c = template[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        if (!space) source += '\\s+';
        space = true;
        i++;
        continue;
      }
      space = false;
      const name = c === '<' ? this.names.find((n) => template.startsWith(`<${n}>`, i)) : undefined;
      if (name === undefined) {
        source += literal(c);
        i++;
        continue;
      }
      const k = names.length;
      names.push(name);
      groups++; // the placeholder's own group
      const alternatives: string[] = [];
      if (exact) {
        for (const p of this.patterns.get(name) ?? []) {
          const r = relocateGroups(p, groups, `_${k}_${alternatives.length}`);
          alternatives.push(r.source);
          groups += r.groups;
        }
      }
      if (!exact || name === '*') alternatives.push('[^]+?');
      source += `(?<p${k}>${alternatives.join('|')})`;
      i += name.length + 2;
    }
    let compiled: CompiledTemplate | null;
    try {
      compiled = { re: new RegExp(source + '$'), names };
    } catch {
      compiled = null; // a mask that cannot be embedded (e.g. a back-reference to a missing group)
    }
    this.cache.set(key, compiled);
    return compiled;
  }
}
