/**
 * The end-of-run checks against the real Elasticsearch: every record acknowledged with a 2xx
 * is indexed exactly once and never dead-lettered; every sentinel line of a watched file is
 * indexed exactly once; no line of a file outside the watched directory is indexed.
 */

/** What the checks found. */
export interface DeliveryCheck {
  /** Distinct event ids acknowledged with a 2xx. */
  acked: number;
  /** Acknowledged ids with no document. */
  lost: string[];
  /** Acknowledged ids with more than one document. */
  duplicated: string[];
  /** Dead letters of acknowledged records (Elasticsearch refused them after the 2xx). */
  deadLettered: number;
  /** Sentinels expected in watched files. */
  sentinels: number;
  /** Sentinels never indexed. */
  sentinelsMissing: string[];
  /** Sentinels indexed more than once. */
  sentinelsDuplicated: string[];
  /** Lines of files outside the watched directory that were indexed. */
  forbiddenIndexed: string[];
}

async function es<T>(esUrl: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(p, esUrl), { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok && res.status !== 404) throw new Error(`Elasticsearch ${method} ${p}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

type Hits = { hits: { hits: Array<{ _id: string; _source?: Record<string, unknown>; sort?: unknown[] }> } };

/** Record documents of the run: the daily indices `<prefix>-YYYY.MM.DD`. */
const records = (prefix: string): string => `/${prefix}-2*`;

/** Counts documents per `_id` for `ids` (a record indexed twice would sit in two daily indices). */
async function countIds(esUrl: string, prefix: string, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const res = await es<Hits>(esUrl, 'POST', `${records(prefix)}/_search?ignore_unavailable=true&allow_no_indices=true`, { size: chunk.length * 2, _source: false, query: { ids: { values: chunk } } });
    for (const h of res.hits?.hits ?? []) counts.set(h._id, (counts.get(h._id) ?? 0) + 1);
  }
  return counts;
}

/** Messages of every document read from a file, with repeats. */
async function fileMessages(esUrl: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const res = await es<Hits>(esUrl, 'POST', `${records(prefix)}/_search?ignore_unavailable=true&allow_no_indices=true`, {
      size: 5000,
      _source: ['message'],
      query: {
        bool: {
          filter: [{ exists: { field: 'log.file.path' } }],
          should: [{ match_phrase: { message: 'fuzz-sentinel' } }, { match_phrase: { message: 'fuzz-outside' } }],
          minimum_should_match: 1,
        },
      },
      sort: [{ 'event.id': 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = res.hits?.hits ?? [];
    for (const h of hits) out.push(String(h._source?.['message'] ?? ''));
    if (hits.length < 5000) return out;
    after = hits[hits.length - 1]!.sort;
  }
}

/** Refreshes the run's indices. */
export async function refresh(esUrl: string, prefix: string): Promise<void> {
  await es(esUrl, 'POST', `/${prefix}*/_refresh?ignore_unavailable=true&allow_no_indices=true`);
}

/** Waits (up to `ms`) until every sentinel is indexed. */
export async function waitForSentinels(esUrl: string, prefix: string, sentinels: ReadonlySet<string>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await refresh(esUrl, prefix);
    const seen = new Set(await fileMessages(esUrl, prefix));
    if ([...sentinels].every((s) => seen.has(s))) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Runs every delivery check. */
export async function checkDelivery(esUrl: string, prefix: string, acked: ReadonlySet<string>, sentinels: ReadonlySet<string>, forbidden: ReadonlySet<string>): Promise<DeliveryCheck> {
  await refresh(esUrl, prefix);
  const ids = [...acked];
  const counts = await countIds(esUrl, prefix, ids);
  const dead = await es<Hits>(esUrl, 'POST', `/${prefix}.deadletter/_search?ignore_unavailable=true&allow_no_indices=true`, {
    size: 10_000,
    _source: false,
    query: { bool: { must_not: [{ term: { 'dead_letter.index': '(file line)' } }] } },
  });
  const deadIds = new Set((dead.hits?.hits ?? []).map((h) => h._id));
  const messages = await fileMessages(esUrl, prefix);
  const seen = new Map<string, number>();
  for (const m of messages) seen.set(m, (seen.get(m) ?? 0) + 1);
  return {
    acked: ids.length,
    lost: ids.filter((id) => !counts.has(id)),
    duplicated: ids.filter((id) => (counts.get(id) ?? 0) > 1),
    deadLettered: deadIds.size,
    sentinels: sentinels.size,
    sentinelsMissing: [...sentinels].filter((s) => !seen.has(s)),
    sentinelsDuplicated: [...sentinels].filter((s) => (seen.get(s) ?? 0) > 1),
    forbiddenIndexed: [...forbidden].filter((s) => seen.has(s)),
  };
}

/** Deletes the run's indices and template. */
export async function dropIndices(esUrl: string, prefix: string): Promise<void> {
  const rows = await es<Array<{ index: string }>>(esUrl, 'GET', `/_cat/indices/${prefix}*?format=json&h=index`);
  for (const r of Array.isArray(rows) ? rows : []) await es(esUrl, 'DELETE', `/${r.index}`);
  await es(esUrl, 'DELETE', `/_index_template/${prefix}`);
}
