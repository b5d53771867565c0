/**
 * The web console's queries (`/api/...`): alert groups with their counts, first/last seen and
 * services (a terms aggregation on `anomaly.group`), a group's documents, per-template
 * volumes over time buckets (terms on `template.id` × `date_histogram`), a template's example
 * lines, a session's records and verdict, and recent sessions. Core-server features only (no
 * scripts). No index yet means empty answers. Failures throw {@link ElasticError} `REQUEST_FAILED`.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import { TEMPLATE_GROUP_PREFIX, sortSessions, toExample, toStep, type AnomalyGroupSummary, type PatternExample, type PatternSeries, type PatternsQuery, type SessionReply, type SessionSummary } from '@log-sentinel/console-api';
import { ES_FIELDS, type AnomalyKind, type ElasticLogDocument } from '@log-sentinel/schema';
import { anomalyFilter } from './anomalies';
import { ElasticError } from './errors';
import { indexPattern } from './index-name';

const SESSION_KIND: estypes.QueryDslQueryContainer = { term: { [ES_FIELDS.kind]: 'session' } };

async function search<T = ElasticLogDocument>(client: Client, prefix: string, what: string, body: Omit<estypes.SearchRequest, 'index'>): Promise<estypes.SearchResponse<T>> {
  try {
    return await client.search<T>({ index: indexPattern(prefix), ignore_unavailable: true, allow_no_indices: true, ...body });
  } catch (err) {
    throw new ElasticError('REQUEST_FAILED', `${what} in ${indexPattern(prefix)} failed: ${(err as Error).message}`, { cause: err });
  }
}

type Agg = Record<string, estypes.AggregationsAggregate>;
const bucketsOf = (a: estypes.AggregationsAggregate | undefined): Array<Agg & { key: string | number; doc_count: number }> =>
  ((a as { buckets?: unknown } | undefined)?.buckets as Array<Agg & { key: string | number; doc_count: number }>) ?? [];
const valueAsString = (a: estypes.AggregationsAggregate | undefined): string => (a as { value_as_string?: string } | undefined)?.value_as_string ?? '';
const value = (a: estypes.AggregationsAggregate | undefined): number => (a as { value?: number | null } | undefined)?.value ?? 0;
const topSource = (a: estypes.AggregationsAggregate | undefined): ElasticLogDocument | undefined =>
  (a as estypes.AggregationsTopHitsAggregate | undefined)?.hits.hits[0]?._source as ElasticLogDocument | undefined;

const groupAggs = (field: string, size: number): estypes.AggregationsAggregationContainer => ({
  terms: { field, size, order: { last_seen: 'desc' }, missing: '' },
  aggs: {
    first_seen: { min: { field: ES_FIELDS.timestamp } },
    last_seen: { max: { field: ES_FIELDS.timestamp } },
    max_score: { max: { field: ES_FIELDS.score } },
    services: { terms: { field: ES_FIELDS.service, size: 10, order: { _key: 'asc' } } },
    latest: { top_hits: { size: 1, sort: [{ [ES_FIELDS.timestamp]: { order: 'desc' } }, { [ES_FIELDS.eventId]: { order: 'desc' } }] } },
  },
});

function toSummaries(agg: estypes.AggregationsAggregate | undefined, keyOf: (key: string) => string): AnomalyGroupSummary[] {
  return bucketsOf(agg).map((b) => {
    const latest = topSource(b['latest'])!;
    return {
      group: keyOf(String(b.key)),
      kind: latest.anomaly?.kind ?? 'record',
      count: b.doc_count,
      first_seen: valueAsString(b['first_seen']),
      last_seen: valueAsString(b['last_seen']),
      services: bucketsOf(b['services']).map((s) => String(s.key)),
      max_score: value(b['max_score']),
      latest,
    };
  });
}

/**
 * Flagged documents (of one kind, or both) since a time, summarised per group — `anomaly.group`
 * (`by: 'group'`), or for records per template (`by: 'template'`, key `template:<id>`; session
 * verdicts stay per `anomaly.group`): count, first/last seen, services, highest score, newest
 * document; newest last-seen first.
 */
export async function searchAnomalyGroups(
  client: Client,
  prefix: string,
  options: { since?: Date; limit: number; kind?: AnomalyKind; by?: 'group' | 'template' },
): Promise<AnomalyGroupSummary[]> {
  const query = anomalyFilter({ ...(options.since ? { since: options.since } : {}), ...(options.kind ? { kind: options.kind } : {}) });
  if (options.by !== 'template') {
    const res = await search(client, prefix, 'grouping anomalies', { size: 0, query, aggs: { groups: groupAggs(ES_FIELDS.group, options.limit) } });
    return toSummaries(res.aggregations?.['groups'], (k) => k);
  }
  const res = await search(client, prefix, 'grouping anomalies by template', {
    size: 0,
    query,
    aggs: {
      records: { filter: { bool: { must_not: [SESSION_KIND] } }, aggs: { groups: groupAggs(ES_FIELDS.templateId, options.limit) } },
      sessions: { filter: SESSION_KIND, aggs: { groups: groupAggs(ES_FIELDS.group, options.limit) } },
    },
  });
  const sub = (name: string): estypes.AggregationsAggregate | undefined => (res.aggregations?.[name] as unknown as Record<string, estypes.AggregationsAggregate> | undefined)?.['groups'];
  return [...toSummaries(sub('records'), (k) => `${TEMPLATE_GROUP_PREFIX}${k}`), ...toSummaries(sub('sessions'), (k) => k)]
    .sort((a, b) => (a.last_seen < b.last_seen ? 1 : a.last_seen > b.last_seen ? -1 : a.group < b.group ? -1 : 1))
    .slice(0, options.limit);
}

/** A template's flagged record documents, newest first, at most `limit`. */
export async function searchTemplateAnomalies(client: Client, prefix: string, templateId: string, limit: number): Promise<ElasticLogDocument[]> {
  const res = await search(client, prefix, `reading flagged records of template ${templateId}`, {
    size: limit,
    query: { bool: { filter: [anomalyFilter({ kind: 'record' }), { term: { [ES_FIELDS.templateId]: templateId } }] } },
    sort: [{ [ES_FIELDS.timestamp]: { order: 'desc' } }, { [ES_FIELDS.eventId]: { order: 'asc' } }],
  });
  return res.hits.hits.map((h) => h._source!);
}

/** A group's flagged documents, newest first, at most `limit`. */
export async function searchGroupDocuments(client: Client, prefix: string, group: string, limit: number): Promise<ElasticLogDocument[]> {
  const filter = anomalyFilter({});
  const res = await search(client, prefix, `reading anomaly group ${group}`, {
    size: limit,
    query: { bool: { filter: [filter, group === '' ? { bool: { must_not: [{ exists: { field: ES_FIELDS.group } }] } } : { term: { [ES_FIELDS.group]: group } }] } },
    sort: [{ [ES_FIELDS.timestamp]: { order: 'desc' } }, { [ES_FIELDS.eventId]: { order: 'asc' } }],
  });
  return res.hits.hits.map((h) => h._source!);
}

/** Per-template record counts in the query's buckets (zeros included), most records first; `new` when a record was flagged `drain.new_template`. */
export async function searchPatterns(client: Client, prefix: string, q: PatternsQuery): Promise<PatternSeries[]> {
  const filter: estypes.QueryDslQueryContainer[] = [
    { range: { [ES_FIELDS.timestamp]: { gte: new Date(q.startMs).toISOString(), lt: new Date(q.endMs).toISOString() } } },
    { exists: { field: ES_FIELDS.templateId } },
  ];
  if (q.search) {
    const escaped = q.search.replace(/[\\*?]/g, (c) => `\\${c}`);
    filter.push({
      bool: {
        should: [
          { wildcard: { [ES_FIELDS.templateText]: { value: `*${escaped}*`, case_insensitive: true } } },
          { term: { [ES_FIELDS.templateId]: q.search } },
        ],
        minimum_should_match: 1,
      },
    });
  }
  const res = await search(client, prefix, 'counting patterns', {
    size: 0,
    query: { bool: { filter, must_not: [SESSION_KIND] } },
    aggs: {
      templates: {
        terms: { field: ES_FIELDS.templateId, size: q.limit, order: [{ _count: 'desc' }, { _key: 'asc' }] },
        aggs: {
          text: { top_hits: { size: 1, _source: { includes: [ES_FIELDS.templateText] }, sort: [{ [ES_FIELDS.timestamp]: { order: 'desc' } }] } },
          first_seen: { min: { field: ES_FIELDS.timestamp } },
          last_seen: { max: { field: ES_FIELDS.timestamp } },
          flagged: { filter: { term: { [ES_FIELDS.isAnomaly]: true } } },
          new_template: { filter: { term: { [ES_FIELDS.reasons]: 'drain.new_template' } } },
          over_time: {
            date_histogram: {
              field: ES_FIELDS.timestamp,
              fixed_interval: `${q.stepMs}ms`,
              min_doc_count: 0,
              extended_bounds: { min: q.startMs, max: q.endMs - 1 },
            },
          },
        },
      },
    },
  });
  return bucketsOf(res.aggregations?.['templates']).map((b) => {
    const counts = new Map(bucketsOf(b['over_time']).map((x) => [Number(x.key), x.doc_count]));
    const samples: Array<[number, number]> = [];
    for (let t = q.startMs; t < q.endMs; t += q.stepMs) samples.push([t / 1000, counts.get(t) ?? 0]);
    return {
      pattern: topSource(b['text'])?.template?.text ?? '',
      template_id: String(b.key),
      samples,
      total: b.doc_count,
      flagged: (b['flagged'] as estypes.AggregationsFilterAggregate).doc_count,
      new: (b['new_template'] as estypes.AggregationsFilterAggregate).doc_count > 0,
      first_seen: valueAsString(b['first_seen']),
      last_seen: valueAsString(b['last_seen']),
    };
  });
}

/** A template's text and newest example lines with their parameters; `pattern` undefined when no record has it. */
export async function searchTemplateExamples(client: Client, prefix: string, templateId: string, limit: number): Promise<{ pattern: string | undefined; examples: PatternExample[] }> {
  const res = await search(client, prefix, `reading examples of template ${templateId}`, {
    size: limit,
    query: { bool: { filter: [{ term: { [ES_FIELDS.templateId]: templateId } }], must_not: [SESSION_KIND] } },
    sort: [{ [ES_FIELDS.timestamp]: { order: 'desc' } }, { [ES_FIELDS.eventId]: { order: 'asc' } }],
  });
  const docs = res.hits.hits.map((h) => h._source!);
  const pattern = docs[0]?.template?.text;
  return { pattern, examples: docs.map((d) => toExample(d, pattern ?? '')) };
}

/** A session's records (the newest `limit`, oldest first) and its verdict document; undefined when nothing has that session id. */
export async function searchSession(client: Client, prefix: string, sessionId: string, limit: number): Promise<Omit<SessionReply, 'source'> | undefined> {
  const res = await search(client, prefix, `reading session ${sessionId}`, {
    size: limit + 1,
    query: { term: { [ES_FIELDS.sessionId]: sessionId } },
    sort: [{ [ES_FIELDS.timestamp]: { order: 'desc' } }, { [ES_FIELDS.eventId]: { order: 'desc' } }],
  });
  const docs = res.hits.hits.map((h) => h._source!);
  if (docs.length === 0) return undefined;
  const verdict = docs.find((d) => d.anomaly?.kind === 'session');
  const steps = docs.filter((d) => d.anomaly?.kind !== 'session').slice(0, limit).reverse().map(toStep);
  return { session_id: sessionId, steps, ...(verdict ? { verdict } : {}) };
}

/** Recent sessions (of records since `since`): flagged ones first, then newest first. */
export async function searchSessions(client: Client, prefix: string, options: { since?: Date; limit: number }): Promise<SessionSummary[]> {
  const filter: estypes.QueryDslQueryContainer[] = [{ exists: { field: ES_FIELDS.sessionId } }];
  if (options.since) filter.push({ range: { [ES_FIELDS.timestamp]: { gte: options.since.toISOString() } } });
  const res = await search(client, prefix, 'listing sessions', {
    size: 0,
    query: { bool: { filter } },
    aggs: {
      sessions: {
        terms: { field: ES_FIELDS.sessionId, size: options.limit * 2, order: { last_seen: 'desc' } },
        aggs: {
          first_seen: { min: { field: ES_FIELDS.timestamp } },
          last_seen: { max: { field: ES_FIELDS.timestamp } },
          records: { filter: { bool: { must_not: [SESSION_KIND] } } },
          flagged: { filter: { bool: { filter: [{ term: { [ES_FIELDS.isAnomaly]: true } }], must_not: [SESSION_KIND] } } },
          verdict: { filter: SESSION_KIND, aggs: { flagged: { filter: { term: { [ES_FIELDS.isAnomaly]: true } } } } },
        },
      },
    },
  });
  const list: SessionSummary[] = bucketsOf(res.aggregations?.['sessions']).map((b) => {
    const verdict = b['verdict'] as estypes.AggregationsFilterAggregate & { flagged: estypes.AggregationsFilterAggregate };
    return {
      session_id: String(b.key),
      records: (b['records'] as estypes.AggregationsFilterAggregate).doc_count,
      flagged_records: (b['flagged'] as estypes.AggregationsFilterAggregate).doc_count,
      first_seen: valueAsString(b['first_seen']),
      last_seen: valueAsString(b['last_seen']),
      ...(verdict.doc_count > 0 ? { verdict_anomaly: verdict.flagged.doc_count > 0 } : {}),
    };
  });
  return sortSessions(list).slice(0, options.limit);
}
