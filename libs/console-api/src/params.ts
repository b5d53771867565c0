/**
 * A template's parameters in one of its lines: the text at each `<*>` of a Drain template,
 * found by matching the template (its literal tokens in order, whitespace-insensitive)
 * against the message. The message may carry a header before the template's content.
 */

const WILDCARD = '<*>';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Values at the template's `<*>` positions in `message`, in order; `[]` when it does not match or has none. */
export function templateParams(template: string, message: string): string[] {
  if (!template.includes(WILDCARD)) return [];
  const tokens = template.trim().split(/\s+/);
  const parts = tokens.map((tok) =>
    tok
      .split(WILDCARD)
      .map(escapeRegExp)
      .join('(\\S+?|\\S.*?)'),
  );
  let re: RegExp;
  try {
    re = new RegExp(`${parts.join('\\s+')}\\s*$`);
  } catch {
    return [];
  }
  const m = re.exec(message.trim());
  return m ? m.slice(1) : [];
}
