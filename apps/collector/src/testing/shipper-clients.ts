/**
 * Helpers of the shipper-protocol integration tests: a collector writing to a fresh index
 * prefix of the real Elasticsearch, and the documents it indexed with their `_id`s.
 */
import * as path from 'node:path';
import { dropPrefix, es, startCollector, tmpDir, until, type CollectorProc } from './harness';

/** An indexed document: its `_id` and `_source`. */
export interface Hit {
  /** Document `_id` (= `event.id`). */
  id: string;
  /** The document. */
  source: Record<string, unknown>;
}

/** A collector with Elasticsearch on, detector and file input off, on a new prefix `it-<tag>-<random>`. */
export async function shipperCollector(tag: string, env: Record<string, string> = {}): Promise<{ c: CollectorProc; prefix: string }> {
  const prefix = `it-${tag}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = await tmpDir(tag);
  const c = await startCollector({
    SPOOL_DIR: path.join(dir, 'spool'),
    COLLECTOR_STATE_DIR: path.join(dir, 'state'),
    LOG_SENTINEL_DIR: 'off',
    DETECTOR_ADDR: 'off',
    ELASTIC_INDEX: prefix,
    ELASTIC_FLUSH_INTERVAL_MS: '50',
    LOG_LEVEL: 'warn',
    ...env,
  });
  return { c, prefix };
}

/**
 * The suite's collector: {@link shipperCollector} started before all tests of the calling
 * `describe` (or file) with `env()` (evaluated then, so it may use ports chosen in an earlier
 * `beforeAll`), stopped and its prefix dropped after them. Read `c` and `prefix` inside tests.
 */
export function shipperCollectorForSuite(tag: string, env: () => Record<string, string> | Promise<Record<string, string>> = () => ({})): { readonly c: CollectorProc; readonly prefix: string } {
  let started: { c: CollectorProc; prefix: string } | undefined;
  beforeAll(async () => {
    started = await shipperCollector(tag, await env());
  });
  afterAll(async () => {
    await started?.c.stop();
    if (started) await cleanup(started.prefix);
  });
  const get = (): { c: CollectorProc; prefix: string } => {
    if (!started) throw new Error(`the ${tag} collector is used before its suite started it`);
    return started;
  };
  return {
    get c() {
      return get().c;
    },
    get prefix() {
      return get().prefix;
    },
  };
}

/** Every document of the prefix's daily indices (after a refresh), repeats included. */
export async function hits(prefix: string): Promise<Hit[]> {
  await es('POST', `/${prefix}-*/_refresh?ignore_unavailable=true&allow_no_indices=true`);
  const res = await es('POST', `/${prefix}-*/_search?ignore_unavailable=true&allow_no_indices=true`, { size: 10_000, sort: ['_doc'] });
  return ((res.hits as { hits: Array<{ _id: string; _source: Record<string, unknown> }> } | undefined)?.hits ?? []).map((h) => ({ id: h._id, source: h._source }));
}

/** Waits until the prefix holds at least `n` documents; returns them. */
export async function waitForHits(prefix: string, n: number, ms = 30_000): Promise<Hit[]> {
  let got: Hit[] = [];
  await until(
    async () => {
      got = await hits(prefix);
      return got.length >= n;
    },
    ms,
    `${n} documents in ${prefix}-* (have ${got.length})`,
  );
  // A moment more, so a duplicate that would follow shows up.
  await new Promise((r) => setTimeout(r, 500));
  return hits(prefix);
}

/** Asserts each message of `messages` occurs exactly once among `docs`; returns them keyed by message. */
export function byMessage(docs: readonly Hit[]): Map<string, Hit[]> {
  const out = new Map<string, Hit[]>();
  for (const d of docs) {
    const m = String(d.source.message);
    out.set(m, [...(out.get(m) ?? []), d]);
  }
  return out;
}

/** Nested field of a document by dotted path. */
export function field(doc: Record<string, unknown>, dotted: string): unknown {
  let at: unknown = doc;
  for (const p of dotted.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[p];
  }
  return at;
}

/** Removes the prefix's indices and template. */
export const cleanup = dropPrefix;
