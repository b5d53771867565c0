/**
 * Alert groups for the console: flagged documents summarised per `anomaly.group` (count,
 * first/last seen, services, highest score, newest document). The local store's answer;
 * Elasticsearch computes the same with a terms aggregation.
 */
import type { ElasticLogDocument } from '@log-sentinel/schema';
import type { AnomalyGroupSummary } from './types';

/** Key prefix of a per-template group (`template:<template id>`). */
export const TEMPLATE_GROUP_PREFIX = 'template:';

/** How flagged documents are grouped: `group` = `anomaly.group`; `template` = records per template id (session verdicts per `anomaly.group`). */
export type GroupBy = 'group' | 'template';

/** The group key of a document. */
export function groupKey(d: ElasticLogDocument, by: GroupBy): string {
  if (by === 'template' && d.anomaly?.kind !== 'session') return `${TEMPLATE_GROUP_PREFIX}${d.template?.id ?? ''}`;
  return d.anomaly?.group ?? '';
}

/** Services listed per group at most. */
export const MAX_GROUP_SERVICES = 10;

/** Summaries of `docs` (any order) per group (see {@link groupKey}), newest last-seen first, at most `limit`. */
export function summarizeGroups(docs: readonly ElasticLogDocument[], limit: number, by: GroupBy = 'group'): AnomalyGroupSummary[] {
  const groups = new Map<string, { s: AnomalyGroupSummary; services: Set<string> }>();
  for (const d of docs) {
    const key = groupKey(d, by);
    const t = d['@timestamp'];
    let g = groups.get(key);
    if (!g) {
      g = {
        s: { group: key, kind: d.anomaly?.kind ?? 'record', count: 0, first_seen: t, last_seen: t, services: [], max_score: 0, latest: d },
        services: new Set(),
      };
      groups.set(key, g);
    }
    g.s.count++;
    if (t < g.s.first_seen) g.s.first_seen = t;
    if (t > g.s.last_seen || (t === g.s.last_seen && d.event.id > g.s.latest.event.id)) {
      g.s.last_seen = t;
      g.s.latest = d;
    }
    g.s.max_score = Math.max(g.s.max_score, d.anomaly?.score ?? 0);
    if (d.service?.name && g.services.size < MAX_GROUP_SERVICES) g.services.add(d.service.name);
  }
  return [...groups.values()]
    .map(({ s, services }) => ({ ...s, services: [...services].sort() }))
    .sort((a, b) => (a.last_seen < b.last_seen ? 1 : a.last_seen > b.last_seen ? -1 : a.group < b.group ? -1 : 1))
    .slice(0, limit);
}
