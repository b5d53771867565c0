import type { BodyFormat } from './normalize-body';

/**
 * Counts the items of a body without parsing it, giving up past `limit` (returns `limit + 1`
 * then): non-blank lines of text and NDJSON, top-level items of a JSON array (strings and
 * nesting skipped by a single scan), 1 for anything else. One pass over the text, no
 * allocation, so a body with too many records is refused before it is split or parsed.
 */
export function countBodyItems(body: string, format: BodyFormat, limit: number): number {
  return format === 'json' ? countJsonItems(body, limit) : countNonBlankLines(body, limit);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680 || c === 0x85;
}

function countNonBlankLines(body: string, limit: number): number {
  let count = 0;
  let blank = true;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x0a) {
      if (!blank && ++count > limit) return limit + 1;
      blank = true;
    } else if (blank && !isBlank(c)) {
      blank = false;
    }
  }
  if (!blank) count++;
  return Math.min(count, limit + 1);
}

function countJsonItems(body: string, limit: number): number {
  let i = 0;
  while (i < body.length && isBlank(body.charCodeAt(i))) i++;
  if (body.charCodeAt(i) !== 0x5b /* [ */) return 1;
  let depth = 0;
  let count = 0;
  let seenValue = false;
  for (; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < body.length; i++) {
        const s = body.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
      if (depth === 1) seenValue = true;
    } else if (c === 0x5b || c === 0x7b /* [ { */) {
      if (depth === 1) seenValue = true;
      depth++;
    } else if (c === 0x5d || c === 0x7d /* ] } */) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1) {
      if (c === 0x2c /* , */) {
        if (++count > limit) return limit + 1;
        seenValue = false;
      } else if (!isBlank(c) && c !== 0x0a) {
        seenValue = true;
      }
    }
  }
  if (seenValue) count++;
  return Math.min(count, limit + 1);
}
