/**
 * Elasticsearch `_bulk` sink. It never throws and never batches (the delivery loop does):
 * `send()` answers one result per item — `ok`, `retryable` (429, 5xx, or the whole request
 * failed: unreachable, timeout, auth) or `failed` (mapping errors and other 4xx, with the
 * reason) — so only the items that need it are retried or dead-lettered.
 */
import type { Client } from '@elastic/elasticsearch';

/** One document to index. */
export interface SinkItem {
  /** Target index. */
  index: string;
  /** Document `_id` (= `event.id`). */
  id: string;
  /** Document JSON. */
  docJson: string;
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
    const parts: string[] = [];
    for (const it of items) {
      parts.push(JSON.stringify({ index: { _index: it.index, _id: it.id } }), it.docJson);
    }
    let body: { errors?: boolean; items?: Array<Record<string, BulkItemReply>> };
    try {
      body = (await this.client.transport.request(
        { method: 'POST', path: '/_bulk', bulkBody: parts.join('\n') + '\n' },
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
      const reply = replies[i] ? Object.values(replies[i])[0] : undefined;
      if (!reply) return { kind: 'retryable', scope: 'item', status: 0, reason: 'no item in the _bulk reply' };
      if (reply.status >= 200 && reply.status < 300) return { kind: 'ok' };
      const reason = [reply.error?.type, reply.error?.reason, reply.error?.caused_by?.reason].filter(Boolean).join(': ') || `status ${reply.status}`;
      if (reply.status === 429 || reply.status >= 500) return { kind: 'retryable', scope: 'item', status: reply.status, reason };
      return { kind: 'failed', status: reply.status, reason };
    });
  }
}
