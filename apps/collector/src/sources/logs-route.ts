/**
 * `POST /logs` on plain `node:http`, ahead of the Express app: the hottest intake route skips
 * Express's per-request work (prototype swaps, router walk, `res.json` with its ETag hash).
 * Everything else it does as before: bearer keys, its own `MAX_INFLIGHT_REQUESTS` slots and
 * the spool-full refusal, the idle-body cut, the body read by the same body-parser `raw`
 * reader Express used (gzip/deflate/br, `MAX_BODY_BYTES`, its 4xx errors), the same replies.
 * A 2xx is sent only after every accepted record is fsynced to the spool.
 */
import express from 'express';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { bodyFormatOf, countBodyItems, normalizeBody } from '@log-sentinel/schema';
import { ApiKeys } from '../auth';
import { httpReplyFor } from '../http-errors';
import { OversizedRecordsError } from '../ingest';
import { Admission, type ShipperDeps } from './shipper-intake';

/** Replies JSON the way Express's `res.json` did (same status, headers, body; no ETag). */
function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Replies the error's mapped status and body; `log` (body-read failures) logs a 5xx as an error. */
function sendError(res: ServerResponse, err: unknown, log?: ShipperDeps['log']): void {
  if (res.headersSent) return;
  const reply = httpReplyFor(err);
  if (log && reply.status >= 500) log.error({ err }, 'request failed');
  sendJson(res, reply.status, reply.body, reply.headers);
}

/**
 * The path of a request target when it is `/logs` as Express matched it (any case, one
 * optional trailing slash, a query allowed; the absolute form `http://host/logs` too), else
 * undefined.
 */
export function logsPathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let p: string;
  if (url.charCodeAt(0) === 0x2f /* / */) {
    const q = url.indexOf('?');
    p = q < 0 ? url : url.slice(0, q);
  } else {
    try {
      p = new URL(url).pathname;
    } catch {
      return undefined;
    }
  }
  return (p.length === 5 || (p.length === 6 && p[5] === '/')) && p.slice(0, 5).toLowerCase() === '/logs' ? p : undefined;
}

/**
 * The request listener of the collector's HTTP port: `POST /logs` here, every other request
 * to `app` (the Express app with the other routes and the console).
 */
export function withLogsRoute(app: RequestListener, deps: ShipperDeps): RequestListener {
  const keys = new ApiKeys(deps.apiKeys);
  // POST /logs has its own MAX_INFLIGHT_REQUESTS slots; the shipper protocols share another set.
  const admission = new Admission(deps);
  const readBody = express.raw({ type: () => true, limit: deps.maxBodyBytes, inflate: true });

  const store = async (req: IncomingMessage & { body?: unknown }, res: ServerResponse): Promise<void> => {
    req.socket.setTimeout(0); // the body is in: the fsync is not the client's delay
    const format = bodyFormatOf(req.headers['content-type']);
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    if (countBodyItems(body, format, deps.maxRecordsPerRequest) > deps.maxRecordsPerRequest) {
      deps.metrics.tooManyRecords.inc();
      sendJson(res, 413, { error: 'TOO_MANY_RECORDS', message: `more than ${deps.maxRecordsPerRequest} records in one request (MAX_RECORDS_PER_REQUEST); nothing was stored, split the body` });
      return;
    }
    const normalized = normalizeBody(body, format, { receivedAt: new Date(), origin: 'http' });
    let { records, errors } = normalized;
    deps.metrics.received.inc({ source: 'http' }, records.length + errors.length);
    if (errors.length) deps.metrics.rejected.inc({ source: 'http' }, errors.length);
    if (records.length === 0) {
      sendJson(res, 400, { error: 'NO_VALID_RECORDS', message: 'no item of the body is a valid record; nothing was stored', accepted: 0, rejected: errors });
      return;
    }
    try {
      await deps.ingestor.ingest(records);
    } catch (err) {
      if (!(err instanceof OversizedRecordsError)) throw err;
      // Items too large to store are refused alone, by index; their neighbours are stored.
      const refused = err.oversized.map((o) => ({ index: normalized.indices[o.position]!, field: '(item)', reason: err.reasonFor(o.bytes) }));
      deps.metrics.rejected.inc({ source: 'http' }, refused.length);
      errors = [...errors, ...refused].sort((a, b) => a.index - b.index);
      records = err.rest(records);
      if (records.length === 0) {
        sendJson(res, 413, { error: 'RECORD_TOO_LARGE', message: 'no item of the body fits in a stored record; nothing was stored', accepted: 0, rejected: errors });
        return;
      }
      await deps.ingestor.ingest(records);
    }
    const ids = new Array<string>(records.length);
    for (let i = 0; i < records.length; i++) ids[i] = records[i]!.id;
    sendJson(res, 200, { accepted: records.length, rejected: errors, ids });
  };

  return (req, res) => {
    const pathName = req.method === 'POST' ? logsPathOf(req.url) : undefined;
    if (pathName === undefined) {
      app(req, res);
      return;
    }
    if (!keys.allows(req.headers.authorization)) {
      sendJson(res, 401, { error: 'UNAUTHORIZED', message: `POST ${pathName} needs Authorization: Bearer <key> with a key from API_KEYS` }, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    if (!admission.admit(req, res, (r) => sendJson(res, r.status, { error: r.code, message: r.message }, { 'Retry-After': String(r.retryAfterSeconds) }))) return;
    readBody(req, res, (err?: unknown) => {
      if (err) {
        sendError(res, err, deps.log);
        return;
      }
      // Refusals while storing (spool full, I/O) are answered, not logged per request.
      store(req, res).catch((e: unknown) => sendError(res, e));
    });
  };
}
