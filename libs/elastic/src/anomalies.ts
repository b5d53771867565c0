/**
 * The alert view of the flagged documents (`GET /anomalies`) and the look-ups feedback needs.
 * Grouping runs on the core server: `collapse` on the keyword `anomaly.group`, the group's
 * first document as collapse `inner_hits` (oldest first; its `total` is the group's count),
 * the collapsed hit itself being the group's newest (its `@timestamp` is the last-seen time).
 * No scripts. Documents come back as stored (`_source`), record and session kinds alike.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import { ES_FIELDS, type AnomalyKind, type ElasticLogDocument } from '@log-sentinel/schema';
import { MAX_SEARCH_SIZE, newestFirstSearch } from './documents';
import { ElasticError } from './errors';
import { indexPattern } from './index-name';

/** Filters of {@link searchAnomalies}. */
export interface AnomalyQueryOptions {
  /** Only documents with `@timestamp` at or after this time. */
  since?: Date;
  /** Groups (grouped) or documents (not grouped) at most, 1..10000. */
  limit: number;
  /** Only records or only session verdicts; both when absent. */
  kind?: AnomalyKind;
  /** First alert of each `anomaly.group` with `anomaly.repeats` and `anomaly.last_seen` (default true). */
  group?: boolean;
}

/** The filter of {@link searchAnomalies}: flagged, optionally since a time and of one kind. */
export function anomalyFilter(options: Pick<AnomalyQueryOptions, 'since' | 'kind'>): estypes.QueryDslQueryContainer {
  const filter: estypes.QueryDslQueryContainer[] = [{ term: { [ES_FIELDS.isAnomaly]: true } }];
  if (options.since) filter.push({ range: { [ES_FIELDS.timestamp]: { gte: options.since.toISOString() } } });
  const mustNot: estypes.QueryDslQueryContainer[] = [];
  // Documents written before `anomaly.kind` existed are records.
  if (options.kind === 'session') filter.push({ term: { [ES_FIELDS.kind]: 'session' } });
  if (options.kind === 'record') mustNot.push({ term: { [ES_FIELDS.kind]: 'session' } });
  return { bool: { filter, ...(mustNot.length ? { must_not: mustNot } : {}) } };
}

/**
 * Flagged documents of the prefix's indices, newest first. Grouped (the default): one per
 * `anomaly.group` — the group's first document, carrying `anomaly.repeats` (documents in the
 * group) and `anomaly.last_seen` — ordered by last-seen time, newest first. No index yet
 * means no documents. Throws {@link ElasticError} `REQUEST_FAILED`.
 */
export async function searchAnomalies(client: Client, prefix: string, options: AnomalyQueryOptions): Promise<ElasticLogDocument[]> {
  const search = newestFirstSearch(prefix, anomalyFilter(options), options.limit);
  const grouped = options.group ?? true;
  let res;
  try {
    res = await client.search<ElasticLogDocument>({
      ...search,
      ...(grouped
        ? {
            collapse: {
              field: ES_FIELDS.group,
              inner_hits: { name: 'first', size: 1, sort: [{ [ES_FIELDS.timestamp]: { order: 'asc' } }, { [ES_FIELDS.eventId]: { order: 'asc' } }] },
            },
          }
        : {}),
    });
  } catch (err) {
    throw new ElasticError('REQUEST_FAILED', `searching anomalies in ${indexPattern(prefix)} failed: ${(err as Error).message}`, { cause: err });
  }
  return res.hits.hits.map((hit) => {
    const newest = hit._source!;
    if (!grouped) return newest;
    const inner = hit.inner_hits?.['first']?.hits;
    const first = (inner?.hits[0]?._source as ElasticLogDocument | undefined) ?? newest;
    const total = inner?.total;
    const repeats = typeof total === 'number' ? total : (total?.value ?? 1);
    return { ...first, anomaly: { ...first.anomaly!, repeats, last_seen: newest['@timestamp'] } };
  });
}

/** The stored documents with these `event.id`s (any kind, flagged or not); ids not found are absent. */
export async function findDocuments(client: Client, prefix: string, eventIds: readonly string[]): Promise<ElasticLogDocument[]> {
  if (eventIds.length === 0) return [];
  try {
    const res = await client.search<ElasticLogDocument>({
      index: indexPattern(prefix),
      query: { terms: { [ES_FIELDS.eventId]: [...eventIds] } },
      size: Math.min(MAX_SEARCH_SIZE, eventIds.length * 2),
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    return res.hits.hits.map((h) => h._source!);
  } catch (err) {
    throw new ElasticError('REQUEST_FAILED', `looking up event ids in ${indexPattern(prefix)} failed: ${(err as Error).message}`, { cause: err });
  }
}

/** Up to `limit` record documents of a template, flagged ones first, newest first. */
export async function findTemplateRecords(client: Client, prefix: string, templateId: string, limit: number): Promise<ElasticLogDocument[]> {
  try {
    const res = await client.search<ElasticLogDocument>({
      index: indexPattern(prefix),
      query: { bool: { filter: [{ term: { [ES_FIELDS.templateId]: templateId } }], must_not: [{ term: { [ES_FIELDS.kind]: 'session' } }] } },
      sort: [{ [ES_FIELDS.isAnomaly]: { order: 'desc' } }, { [ES_FIELDS.timestamp]: { order: 'desc' } }],
      size: limit,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    return res.hits.hits.map((h) => h._source!);
  } catch (err) {
    throw new ElasticError('REQUEST_FAILED', `looking up template ${templateId} in ${indexPattern(prefix)} failed: ${(err as Error).message}`, { cause: err });
  }
}
