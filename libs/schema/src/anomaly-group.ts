/**
 * The alert group of a flagged document (`anomaly.group`): repeats of the same finding share
 * it, so `GET /anomalies` can show the first alert of each group with a count instead of
 * every repeat. Verdicts are not changed by grouping; it only names what is "the same".
 *
 * Rule (docs/api.md, "Grouping"), on the verdict's reasons in this order:
 * - `drain.new_template` → `drain.new_template:<template id>` (the same new template);
 * - `deeplog.unexpected_key` → `deeplog.unexpected_key:<previous template>><template id>`
 *   (the same unexpected transition; the previous template is the last of the session's
 *   recent templates in the explanation, empty when the session had none);
 * - `workflow.unexpected_transition` → `workflow.unexpected_transition:<previous template>><template id>` (likewise);
 * - any other first reason `r` → `r:<template id>`; no reason → `flagged:<template id>`;
 * - a session verdict → `<first reason>:<the session's last template>` (`session` without reasons).
 * Groups longer than {@link MAX_GROUP_CHARS} are cut there (a keyword past `ignore_above`
 * would not be indexed, and collapsing needs it).
 */

/** Longest `anomaly.group` (the index template's `ignore_above` for it). */
export const MAX_GROUP_CHARS = 1024;

const cut = (g: string): string => (g.length > MAX_GROUP_CHARS ? g.slice(0, MAX_GROUP_CHARS) : g);

/** Group of a flagged record's verdict; see the module comment. */
export function recordGroup(reasons: readonly string[], templateId: string | undefined, recent: readonly string[] | undefined): string {
  const tid = templateId ?? '';
  if (reasons.includes('drain.new_template')) return cut(`drain.new_template:${tid}`);
  for (const r of ['deeplog.unexpected_key', 'workflow.unexpected_transition']) {
    if (reasons.includes(r)) return cut(`${r}:${recent?.[recent.length - 1] ?? ''}>${tid}`);
  }
  return cut(`${reasons[0] ?? 'flagged'}:${tid}`);
}

/** Group of a flagged session verdict; see the module comment. */
export function sessionGroup(reasons: readonly string[], recent: readonly string[]): string {
  if (reasons.length === 0) return 'session';
  return cut(`${reasons[0]}:${recent[recent.length - 1] ?? ''}`);
}

/** The `anomaly.*` part {@link groupAnomalies} reads and writes. */
interface Groupable {
  '@timestamp': string;
  anomaly?: { group?: string; repeats?: number; last_seen?: string };
}

/**
 * Groups flagged documents given newest first, as Elasticsearch's collapse does: one per
 * `anomaly.group` (documents without one share the empty group), the group's first (oldest)
 * document carrying `anomaly.repeats` and `anomaly.last_seen`, ordered by last-seen time,
 * newest first, at most `limit` groups.
 */
export function groupAnomalies<T extends Groupable>(newestFirst: readonly T[], limit: number): T[] {
  const groups = new Map<string, { first: T; newest: T; count: number }>();
  for (const d of newestFirst) {
    const key = d.anomaly?.group ?? '';
    const g = groups.get(key);
    if (g) {
      g.first = d;
      g.count++;
    } else groups.set(key, { first: d, newest: d, count: 1 });
  }
  return [...groups.values()].slice(0, limit).map((g) => ({ ...g.first, anomaly: { ...g.first.anomaly, repeats: g.count, last_seen: g.newest['@timestamp'] } }));
}
