/**
 * Elasticsearch `_bulk` sink. It never throws and never batches (the delivery loop does):
 * `send()` answers one result per item — `ok`, `retryable` (429, 5xx, or the whole request
 * failed: unreachable, timeout, auth) or `failed` (mapping errors and other 4xx, with the
 * reason) — so only the items that need it are retried or dead-lettered.
 *
 * The request body is built as one Buffer straight from the documents' bytes (no JSON
 * parse or re-serialisation of a document), and the reply is cut by `filter_path` to what
 * the per-item results need (`errors`, each item's `status` and `error`): Elasticsearch
 * serialises, and the collector parses, ~50 bytes per item instead of ~220.
 */
import type { Client } from '@elastic/elasticsearch';

/** One document to index. */
export interface SinkItem {
  /** Target index. */
  index: string;
  /** Document `_id` (= `event.id`). */
  id: string;
  /** Document JSON: text, or its UTF-8 bytes as stored in the spool (sent as they are). */
  docJson: string | Buffer;
}

/** Per-item outcome. */
export type SinkResult =
  | { kind: 'ok' }
  | { kind: 'retryable'; scope: 'item' | 'request'; status: number; reason: string }
  | { kind: 'failed'; status: number; reason: string };

interface BulkItemReply {
  status: number;
  error?: { type?: string; reason?: string; caused_by?: { reason?: string } };
}

/** The parts of a `_bulk` reply the per-item results read; the request asks for no more (error replies are not filtered). */
const BULK_FILTER_PATH = 'errors,items.*.status,items.*.error';

const OK: SinkResult = Object.freeze({ kind: 'ok' });

/** The text of a document (for dead letters and logs). */
export function docText(item: SinkItem): string {
  return typeof item.docJson === 'string' ? item.docJson : item.docJson.toString('utf8');
}

/** Action-line prefixes per index: `{"index":{"_index":"<index>","_id":`. */
const actionPrefixes = new Map<string, string>();

function actionPrefix(index: string): string {
  let prefix = actionPrefixes.get(index);
  if (prefix === undefined) {
    prefix = `{"index":{"_index":${JSON.stringify(index)},"_id":`;
    if (actionPrefixes.size >= 1024) actionPrefixes.clear(); // daily indices: a handful in use at a time
    actionPrefixes.set(index, prefix);
  }
  return prefix;
}

/** The NDJSON `_bulk` body of `items` (action line, document, each ending in a newline), in one Buffer. */
export function bulkBody(items: readonly SinkItem[]): Buffer {
  const actions = new Array<string>(items.length);
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const action = `${actionPrefix(it.index)}${JSON.stringify(it.id)}}}\n`;
    actions[i] = action;
    bytes += Buffer.byteLength(action) + (typeof it.docJson === 'string' ? Buffer.byteLength(it.docJson) : it.docJson.length) + 1;
  }
  const body = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    at += body.write(actions[i]!, at);
    const doc = items[i]!.docJson;
    at += typeof doc === 'string' ? body.write(doc, at) : doc.copy(body, at);
    body[at++] = 0x0a;
  }
  return body;
}

/** The reply of one item (`{"index": {...}}` → its inner object). */
function itemReply(entry: Record<string, BulkItemReply> | undefined): BulkItemReply | undefined {
  if (entry) for (const op in entry) return entry[op];
  return undefined;
}

/** The `_bulk` sink. */
export class ElasticsearchSink {
  /** Epoch ms of the last request that reached the cluster (any HTTP answer counts). */
  lastReachedAtMs = 0;
  /** Whether the last request reached the cluster. */
  reachable = false;

  /** Uses `client` (configure it with `maxRetries: 0`: retry is the delivery loop's job). */
  constructor(
    private readonly client: Client,
    private readonly requestTimeoutMs: number,
  ) {}

  /** Indexes `items` with one `_bulk` request; one result per item, in order. Never throws. */
  async send(items: readonly SinkItem[]): Promise<SinkResult[]> {
    if (items.length === 0) return [];
    let body: { errors?: boolean; items?: Array<Record<string, BulkItemReply>> };
    try {
      body = (await this.client.transport.request(
        { method: 'POST', path: '/_bulk', querystring: { filter_path: BULK_FILTER_PATH }, bulkBody: bulkBody(items) },
        { maxRetries: 0, requestTimeout: this.requestTimeoutMs },
      )) as typeof body;
    } catch (err) {
      const status = (err as { meta?: { statusCode?: number } }).meta?.statusCode ?? 0;
      this.reachable = status !== 0;
      if (this.reachable) this.lastReachedAtMs = Date.now();
      const reason = status ? `_bulk answered HTTP ${status}: ${(err as Error).message}` : `Elasticsearch unreachable: ${(err as Error).message}`;
      return items.map(() => ({ kind: 'retryable', scope: 'request', status, reason }));
    }
    this.reachable = true;
    this.lastReachedAtMs = Date.now();
    const replies = body.items ?? [];
    return items.map((_, i) => {
      const reply = itemReply(replies[i]);
      if (!reply || typeof reply.status !== 'number') return { kind: 'retryable', scope: 'item', status: 0, reason: 'no item in the _bulk reply' };
      if (reply.status >= 200 && reply.status < 300) return OK;
      const reason = [reply.error?.type, reply.error?.reason, reply.error?.caused_by?.reason].filter(Boolean).join(': ') || `status ${reply.status}`;
      if (reply.status === 429 || reply.status >= 500) return { kind: 'retryable', scope: 'item', status: reply.status, reason };
      return { kind: 'failed', status: reply.status, reason };
    });
  }
}
