/**
 * HTTP source, the Express app: `GET /healthz`, `/readyz`, `/metrics`, `/anomalies`
 * (grouped; `kind`, `group` filters), `POST /feedback`; the shipper protocols (`shippers.ts`).
 * `POST /logs` (JSON object/array, NDJSON, text; gzip/deflate bodies; optional bearer keys;
 * 413/429/503 limits) is served ahead of this app on plain node:http (`logs-route.ts`).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AnomalyKind, ElasticLogDocument } from '@log-sentinel/schema';
import { ApiKeys } from '../auth';
import type { FeedbackReply } from '../feedback';
import { httpReplyFor } from '../http-errors';
import { Admission, type ShipperDeps } from './shipper-intake';
import { mountShipperRoutes } from './shippers';

/**
 * What the HTTP source needs from the rest of the collector: the intake settings every route
 * shares with the shipper protocols, and what only this app serves.
 */
export interface HttpDeps extends ShipperDeps {
  /** Readiness checks. */
  readiness(): { ready: boolean; checks: Record<string, string> };
  /** Flagged documents, from Elasticsearch or the local store. */
  anomalies(since: Date | undefined, limit: number, options: { kind?: AnomalyKind; group: boolean }): Promise<{ source: string; anomalies: ElasticLogDocument[] }>;
  /** Applies a `POST /feedback` body (unvalidated JSON); throws errors `httpReplyFor` maps. */
  feedback(body: unknown): Promise<FeedbackReply>;
  /** In-flight limit shared by the shipper protocols (`/es`, `/v1/logs`, `/loki/...`) and `ES_COMPAT_PORT`; default: a new one. */
  shipperAdmission?: Admission;
}

function sendError(res: Response, err: unknown): void {
  const reply = httpReplyFor(err);
  if (reply.headers) res.set(reply.headers);
  res.status(reply.status).json(reply.body);
}

/** Builds the express application. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const keys = new ApiKeys(deps.apiKeys);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    const r = deps.readiness();
    res.status(r.ready ? 200 : 503).json(r);
  });

  const requireKey = (req: Request, res: Response, next: NextFunction): void => {
    if (!keys.allows(req.get('authorization'))) {
      res.set('WWW-Authenticate', 'Bearer').status(401).json({ error: 'UNAUTHORIZED', message: `${req.method} ${req.path} needs Authorization: Bearer <key> with a key from API_KEYS` });
      return;
    }
    next();
  };

  app.get('/metrics', requireKey, async (_req, res) => {
    res.set('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });

  app.get('/anomalies', requireKey, async (req, res) => {
    const kindRaw = req.query.kind;
    if (kindRaw !== undefined && kindRaw !== 'record' && kindRaw !== 'session') {
      res.status(400).json({ error: 'BAD_QUERY', message: `kind must be "record" or "session", got ${JSON.stringify(kindRaw)}` });
      return;
    }
    const groupRaw = req.query.group;
    if (groupRaw !== undefined && groupRaw !== 'true' && groupRaw !== 'false') {
      res.status(400).json({ error: 'BAD_QUERY', message: `group must be "true" or "false", got ${JSON.stringify(groupRaw)}` });
      return;
    }
    const sinceRaw = typeof req.query.since === 'string' ? req.query.since : undefined;
    const limitRaw = typeof req.query.limit === 'string' ? req.query.limit : undefined;
    const since = sinceRaw ? new Date(sinceRaw) : undefined;
    if (since && Number.isNaN(since.getTime())) {
      res.status(400).json({ error: 'BAD_QUERY', message: `since must be an ISO 8601 time, got "${sinceRaw}"` });
      return;
    }
    const limit = limitRaw === undefined ? 100 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      res.status(400).json({ error: 'BAD_QUERY', message: `limit must be an integer in 1..10000, got "${limitRaw}"` });
      return;
    }
    try {
      res.json(await deps.anomalies(since, limit, { ...(kindRaw ? { kind: kindRaw as AnomalyKind } : {}), group: groupRaw !== 'false' }));
    } catch (err) {
      sendError(res, err);
    }
  });

  app.post('/feedback', requireKey, express.json({ limit: 1024 * 1024, type: () => true }), async (req: Request, res: Response) => {
    try {
      res.json(await deps.feedback(req.body));
    } catch (err) {
      const reply = httpReplyFor(err);
      if (reply.status >= 500) deps.log.warn({ err: (err as Error).message }, 'feedback not applied');
      sendError(res, err);
    }
  });

  mountShipperRoutes(app, deps, deps.shipperAdmission);

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const reply = httpReplyFor(err);
    if (reply.status >= 500) deps.log.error({ err }, 'request failed');
    sendError(res, err);
  });
  return app;
}
