/**
 * What every shipper protocol (Elasticsearch `_bulk`, OTLP/HTTP, Loki push, syslog) shares
 * with `POST /logs`: the same admission limits (requests in flight, spool full), the same
 * normaliser (`normalizeObject`: event id fixed before the reply) and the same intake
 * (`Ingestor.ingest`: scored once, fsynced to the spool before the 2xx). Each protocol only
 * decodes its wire format into plain objects and words its replies in its own shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { normalizeObject, type ItemError, type ItemOptions, type LogRecord } from '@log-sentinel/schema';
import { ApiKeys } from '../auth';
import { OversizedRecordsError, type Ingestor } from '../ingest';
import type { CollectorMetrics } from '../metrics';
import { cutIdleBody } from './http-server';

/** What the shipper protocols need from the collector (a subset of the HTTP source's deps). */
export interface ShipperDeps {
  /** Intake (the one `POST /logs` uses). */
  ingestor: Ingestor;
  /** Metrics registry and counters. */
  metrics: CollectorMetrics;
  /** Logger. */
  log: Logger;
  /** Bearer keys (empty = open). */
  apiKeys: string[];
  /** Largest body after decompression (`MAX_BODY_BYTES`). */
  maxBodyBytes: number;
  /** Records in one request at most (`MAX_RECORDS_PER_REQUEST`). */
  maxRecordsPerRequest: number;
  /** A body silent for this long is cut and its connection closed. */
  bodyIdleTimeoutMs: number;
  /** Concurrent shipper-protocol requests at most (`MAX_INFLIGHT_REQUESTS`, counted apart from `POST /logs`). */
  maxInflightRequests: number;
  /** True when the spool currently refuses appends. */
  spoolFull(): boolean;
}

/** Why a request is refused before its body is read: too many in flight (429) or spool full (503). */
export interface Refusal {
  /** 429 or 503. */
  status: 429 | 503;
  /** Seconds for `Retry-After`. */
  retryAfterSeconds: number;
  /** Stable code. */
  code: 'TOO_MANY_REQUESTS' | 'SPOOL_FULL';
  /** What happened, for the reply. */
  message: string;
}

/** Counts intake requests in flight across the shipper protocols and refuses past the limits. */
export class Admission {
  private inflight = 0;

  /** Wires the limits. */
  constructor(private readonly deps: Pick<ShipperDeps, 'maxInflightRequests' | 'metrics' | 'spoolFull' | 'bodyIdleTimeoutMs'>) {}

  /**
   * Admits an intake request before its body is read: enters it (or answers the refusal with
   * the protocol's own `refuse`), leaves when the response closes, and cuts a body that stalls
   * ({@link cutIdleBody}). Returns whether the request may go on.
   */
  admit(req: IncomingMessage, res: ServerResponse, refuse: (refusal: Refusal) => void): boolean {
    const entered = this.enter();
    if (entered.refusal) {
      refuse(entered.refusal);
      return false;
    }
    res.on('close', entered.leave);
    cutIdleBody(req, this.deps.bodyIdleTimeoutMs, this.deps.metrics);
    return true;
  }

  /** Enters one request; returns a refusal, or undefined and a `leave` to call once answered. */
  enter(): { refusal: Refusal; leave?: undefined } | { refusal?: undefined; leave: () => void } {
    if (this.inflight >= this.deps.maxInflightRequests) {
      this.deps.metrics.throttled.inc({ status: '429' });
      return { refusal: { status: 429, retryAfterSeconds: 1, code: 'TOO_MANY_REQUESTS', message: `more than ${this.deps.maxInflightRequests} requests in progress; retry later` } };
    }
    if (this.deps.spoolFull()) {
      this.deps.metrics.throttled.inc({ status: '503' });
      return { refusal: { status: 503, retryAfterSeconds: 1, code: 'SPOOL_FULL', message: 'the spool is full (Elasticsearch behind); nothing was stored, retry later' } };
    }
    this.inflight++;
    let left = false;
    return {
      leave: () => {
        if (!left) this.inflight--;
        left = true;
      },
    };
  }
}

/** One decoded item of a shipper request: a plain object in a shape `normalizeObject` reads. */
export interface ShipperItem {
  /** The object (Log Sentinel, ECS or pino shape after the protocol's own mapping). */
  fields: Record<string, unknown>;
  /** Raw text, event id, … (see `ItemOptions`). */
  options?: ItemOptions;
}

/** Outcome of one item: stored with its event id, or rejected with the reason. */
export type ItemOutcome = { ok: true; id: string } | { ok: false; error: ItemError };

/** Normalises decoded items; rejected ones keep their position. `source` labels the metrics. */
export function normalizeItems(items: readonly ShipperItem[], source: string, metrics: CollectorMetrics, receivedAt = new Date()): { records: LogRecord[]; outcomes: Array<ItemOutcome | LogRecord> } {
  const records: LogRecord[] = [];
  const outcomes: Array<ItemOutcome | LogRecord> = [];
  items.forEach((item, index) => {
    const r = normalizeObject(item.fields, index, { receivedAt, origin: 'http' }, item.options);
    if (r.ok) {
      records.push(r.record);
      outcomes.push(r.record);
    } else {
      outcomes.push({ ok: false, error: r.error });
    }
  });
  metrics.received.inc({ source }, items.length);
  if (items.length > records.length) metrics.rejected.inc({ source }, items.length - records.length);
  return { records, outcomes };
}

/**
 * Normalises and stores decoded items through the shared intake; resolves once every accepted
 * record is fsynced (rejects like `Ingestor.ingest`, storing nothing). One outcome per item.
 */
export async function storeItems(deps: ShipperDeps, items: readonly ShipperItem[], source: string): Promise<ItemOutcome[]> {
  const { records, outcomes } = normalizeItems(items, source, deps.metrics);
  try {
    await deps.ingestor.ingest(records);
  } catch (err) {
    if (!(err instanceof OversizedRecordsError)) throw err;
    // Items too large to store are refused alone (one bad item never fails its neighbours); the rest are stored.
    const refused = new Map(err.oversized.map((o) => [records[o.position]!, o.bytes]));
    deps.metrics.rejected.inc({ source }, refused.size);
    const rest = err.rest(records);
    if (rest.length > 0) await deps.ingestor.ingest(rest);
    return outcomes.map((o, index) => {
      if ('ok' in o) return o;
      const bytes = refused.get(o);
      return bytes === undefined ? { ok: true, id: o.id } : { ok: false, error: { index, field: '(item)', reason: err.reasonFor(bytes) } };
    });
  }
  return outcomes.map((o) => ('ok' in o ? o : { ok: true, id: o.id }));
}

/**
 * Checks an `Authorization` header against `API_KEYS` the ways shippers send credentials:
 * `Bearer <key>`, HTTP Basic with the key as password (Filebeat/Loki clients' `password`),
 * or Elasticsearch `ApiKey <base64(id:key)>` / `ApiKey <key>`.
 */
export class ShipperAuth {
  private readonly keys: ApiKeys;

  /** `keys` empty = every request is allowed. */
  constructor(keys: readonly string[]) {
    this.keys = new ApiKeys(keys);
  }

  /** True when the header carries a configured key. */
  allows(header: string | undefined): boolean {
    if (this.keys.open) return true;
    const apiKey = /^ApiKey\s+(\S+)$/i.exec(header ?? '');
    if (apiKey) {
      const raw = apiKey[1];
      const decoded = Buffer.from(raw, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return this.keys.allows(`Bearer ${raw}`) || (colon >= 0 && this.keys.allows(`Bearer ${decoded.slice(colon + 1)}`));
    }
    return this.keys.allows(header, { basic: true });
  }
}

/** Nanoseconds since the epoch (string or number) as an ISO 8601 UTC time, or undefined when absent/0/unusable. */
export function nanosToIso(nanos: string | number | bigint | undefined | null): string | undefined {
  if (nanos === undefined || nanos === null || nanos === '' || nanos === 0 || nanos === '0') return undefined;
  try {
    const ms = Number(BigInt(typeof nanos === 'number' ? Math.trunc(nanos) : nanos) / 1_000_000n);
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  } catch {
    return undefined;
  }
}
