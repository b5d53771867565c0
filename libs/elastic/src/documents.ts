import type { Client, estypes } from '@elastic/elasticsearch';
import { ES_FIELDS, fromElasticDocument, type ElasticLogDocument, type StoredRecord } from '@log-sentinel/schema';
import { ElasticError } from './errors';
import { dailyIndexName, indexPattern } from './index-name';

/** Largest page {@link searchFlagged} asks for (Elasticsearch's default max_result_window). */
export const MAX_SEARCH_SIZE = 10_000;

/**
 * The search body shared by the flagged-document searches: up to `limit` documents of the
 * prefix's indices matching `query`, newest first (ties by `event.id`); no index yet means no
 * hits. Throws RangeError for a limit outside 1..{@link MAX_SEARCH_SIZE}.
 */
export function newestFirstSearch(prefix: string, query: estypes.QueryDslQueryContainer, limit: number): estypes.SearchRequest {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_SIZE) {
    throw new RangeError(`limit must be an integer in 1..${MAX_SEARCH_SIZE}, got ${limit}`);
  }
  return {
    index: indexPattern(prefix),
    query,
    sort: [{ [ES_FIELDS.timestamp]: { order: 'desc' } }, { [ES_FIELDS.eventId]: { order: 'asc' } }],
    size: limit,
    ignore_unavailable: true,
    allow_no_indices: true,
  };
}

/** One `_bulk` action + source pair: `index` into the daily index with `_id` = `event.id`. */
export type BulkPair = [{ index: { _index: string; _id: string } }, ElasticLogDocument];

/**
 * The `_bulk` operations for documents: each goes to the daily index of its `@timestamp`
 * with `_id` = `event.id`, so a replay overwrites instead of duplicating.
 */
export function bulkOperations(prefix: string, docs: readonly ElasticLogDocument[]): BulkPair[] {
  return docs.map((doc) => [{ index: { _index: dailyIndexName(prefix, doc['@timestamp']), _id: doc.event.id } }, doc]);
}

/** Indexes one document into its daily index (`_id` = `event.id`); `refresh` makes it searchable at once. */
export async function indexDocument(client: Client, prefix: string, doc: ElasticLogDocument, refresh = false): Promise<{ index: string; id: string }> {
  const index = dailyIndexName(prefix, doc['@timestamp']);
  try {
    await client.index({ index, id: doc.event.id, document: doc, refresh });
  } catch (err) {
    throw new ElasticError('REQUEST_FAILED', `indexing ${doc.event.id} into ${index} failed: ${(err as Error).message}`, { cause: err });
  }
  return { index, id: doc.event.id };
}

/** Filters for {@link searchFlagged}. */
export interface FlaggedQueryOptions {
  /** Only records with `@timestamp` at or after this time. */
  since?: Date;
  /** Only records with `@timestamp` before this time. */
  until?: Date;
}

/** The query for flagged records: `{"term": {"anomaly.is_anomaly": true}}` plus an optional `@timestamp` range. */
export function flaggedQuery(options: FlaggedQueryOptions = {}): Record<string, unknown> {
  const filter: Record<string, unknown>[] = [{ term: { [ES_FIELDS.isAnomaly]: true } }];
  if (options.since || options.until) {
    const range: Record<string, string> = {};
    if (options.since) range['gte'] = options.since.toISOString();
    if (options.until) range['lt'] = options.until.toISOString();
    filter.push({ range: { [ES_FIELDS.timestamp]: range } });
  }
  return { bool: { filter } };
}

/** A stored record with where it lives. */
export interface StoredHit extends StoredRecord {
  /** Document `_id` (= `event.id`). */
  id: string;
  /** The daily index holding it. */
  index: string;
}

/**
 * Flagged records of the prefix's indices, newest first, at most `limit` (1..10000,
 * default 100). No index yet means no records, not an error.
 */
export async function searchFlagged(
  client: Client,
  prefix: string,
  options: FlaggedQueryOptions & { limit?: number } = {},
): Promise<StoredHit[]> {
  const search = newestFirstSearch(prefix, flaggedQuery(options), options.limit ?? 100);
  let res;
  try {
    res = await client.search<unknown>(search);
  } catch (err) {
    throw new ElasticError('REQUEST_FAILED', `searching flagged records in ${indexPattern(prefix)} failed: ${(err as Error).message}`, { cause: err });
  }
  return res.hits.hits.map((hit) => {
    try {
      return { id: hit._id ?? '', index: hit._index, ...fromElasticDocument(hit._source) };
    } catch (err) {
      throw new ElasticError('INVALID_RESPONSE', `document ${hit._index}/${hit._id ?? '?'} is not a Log Sentinel record: ${(err as Error).message}`, {
        cause: err,
      });
    }
  });
}

/** Names of the prefix's existing daily indices (and anything else matching `${prefix}-*`), sorted. */
export async function listIndices(client: Client, prefix: string): Promise<string[]> {
  try {
    const res = await client.cat.indices({ index: indexPattern(prefix), format: 'json', h: 'index', expand_wildcards: ['open', 'closed'] });
    return res.map((row) => row.index ?? '').filter((name) => name.length > 0).sort();
  } catch (err) {
    if ((err as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return [];
    throw new ElasticError('REQUEST_FAILED', `listing ${indexPattern(prefix)} failed: ${(err as Error).message}`, { cause: err });
  }
}
