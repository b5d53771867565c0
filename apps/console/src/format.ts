/** Small display helpers of the console. */

/** `12:03:04` today, else `2026-06-01 12:03`; empty for no time. */
export function shortTime(iso: string | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return d.toDateString() === now.toDateString() ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time.slice(0, 5)}`;
}

/** `3 s ago`, `5 min ago`, `2 h ago`, `4 d ago`. */
export function ago(iso: string | undefined, nowMs: number = Date.now()): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

const REASONS: Record<string, string> = {
  'drain.new_template': 'a line of a kind never seen before',
  'deeplog.unexpected_key': 'an unexpected step for this session',
  'deeplog.missing_step': 'the session ended without a step it always has',
  'iforest.outlier': 'an unusual mix of events (Isolation Forest)',
};

/** A reason code in words (the code itself when unknown). */
export function reasonText(code: string): string {
  return REASONS[code] ?? code;
}

/** Why a record or session was flagged: the detector's explanation, else its reasons in words, else `flagged`. */
export function whyFlagged(explanation: string | undefined, reasons: readonly string[] | undefined): string {
  return explanation || (reasons ?? []).map(reasonText).join('; ') || 'flagged';
}

/** `0.93` → `0.93`; counts with thin separators. */
export function num(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The template text split into literal parts and `<*>` slots, for highlighting. */
export function templateParts(template: string): Array<{ text: string; slot: boolean }> {
  const out: Array<{ text: string; slot: boolean }> = [];
  template.split(/(<\*>)/).forEach((p) => {
    if (p) out.push({ text: p, slot: p === '<*>' });
  });
  return out;
}
