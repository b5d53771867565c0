/**
 * A template's parameters in one of its lines: the text at each `<*>` of a Drain template,
 * found by matching the template (its literal text in order, whitespace-insensitive) against
 * the message. The message may carry a header before the template's content.
 *
 * Matching is a left-to-right scan for each literal piece (a wildcard takes the shortest
 * non-empty text up to the next piece; the last piece ends the message), so its cost is linear
 * in the message for each place the template may start. It replaced a regular expression of
 * `(\S+?|\S.*?)` groups, which backtracked exponentially on long templates that do not match:
 * one hostile record held the collector's event loop for minutes (issue 17 fuzzing).
 */

const WILDCARD = '<*>';

/** Places the template's first piece is tried at, at most (a header may precede the content). */
const MAX_STARTS = 16;

/** Values at the template's `<*>` positions in `message`, in order; `[]` when it does not match or has none. */
export function templateParams(template: string, message: string): string[] {
  if (!template.includes(WILDCARD)) return [];
  const pieces = template.trim().split(/\s+/).join(' ').split(WILDCARD);
  const text = message.trim().split(/\s+/).join(' ');
  const last = pieces[pieces.length - 1]!;
  if (!text.endsWith(last)) return [];
  const end = text.length - last.length;
  const first = pieces[0]!;
  let at = first === '' ? 0 : text.indexOf(first);
  for (let tries = 0; at >= 0 && tries < MAX_STARTS; tries++) {
    const params = matchFrom(pieces, text, at + first.length, end);
    if (params) return params;
    if (first === '') break;
    at = text.indexOf(first, at + 1);
  }
  return [];
}

/** The parameters when the middle pieces follow `pos` in order and the last wildcard ends at `end`; else undefined. */
function matchFrom(pieces: readonly string[], text: string, pos: number, end: number): string[] | undefined {
  const params: string[] = [];
  for (let i = 1; i < pieces.length; i++) {
    // A wildcard is never empty and does not start with a space.
    if (pos >= end || text[pos] === ' ') return undefined;
    const next = i === pieces.length - 1 ? end : text.indexOf(pieces[i]!, pos + 1);
    if (next < 0 || next > end) return undefined;
    params.push(text.slice(pos, next));
    pos = next + pieces[i]!.length;
  }
  return params;
}
