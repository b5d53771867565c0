/**
 * The web console: its static files at `GET /` (built by `apps/console`) and the JSON API it
 * uses under `/api/...` (docs/api.md "Console API"). Protected by `API_KEYS` like the rest:
 * a program sends `Authorization: Bearer <key>`; a browser is asked for HTTP Basic
 * credentials once (any user name, the key as password) and sends them with every request.
 */
import {
  parseGroupBy,
  parseKind,
  parseLimit,
  parsePatternsQuery,
  parseSince,
  requireParam,
  type AnomaliesReply,
  type GroupDocumentsReply,
  type PatternExamplesReply,
  type PatternsReply,
  type SessionReply,
  type SessionsReply,
} from '@log-sentinel/console-api';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from 'pino';
import type { ApiKeys } from '../auth';
import type { FeedbackReply } from '../feedback';
import { RequestError, httpReplyFor } from '../http-errors';
import type { ConsoleData } from './data';
import type { StatusReporter } from './status';

/** What the console routes need. */
export interface ConsoleRouteDeps {
  /** Directory of the built console (index.html, app.js, app.css); undefined = no console. */
  dir: string | undefined;
  /** API keys. */
  keys: ApiKeys;
  /** Data sources. */
  data: ConsoleData;
  /** Status. */
  status: StatusReporter;
  /** Applies a feedback body (the same as `POST /feedback`). */
  feedback(body: unknown): Promise<FeedbackReply>;
  /** Logger. */
  log: Logger;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/** Builds the router (mount it at the root). */
export function createConsoleRouter(deps: ConsoleRouteDeps): Router {
  const router = express.Router();
  const sendError = (res: Response, err: unknown): void => {
    const reply = httpReplyFor(err);
    if (reply.status >= 500) deps.log.warn({ err: (err as Error).message }, 'console API request failed');
    if (reply.headers) res.set(reply.headers);
    res.status(reply.status).json(reply.body);
  };
  const handle =
    (fn: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await fn(req, res);
      } catch (err) {
        sendError(res, err);
      }
    };
  const requireKey = (req: Request, res: Response, next: NextFunction): void => {
    if (deps.keys.allows(req.get('authorization'), { basic: true })) {
      next();
      return;
    }
    res
      .set('WWW-Authenticate', 'Basic realm="Log Sentinel", charset="UTF-8"')
      .status(401)
      .json({ error: 'UNAUTHORIZED', message: `${req.method} ${req.path} needs an API key: Authorization: Bearer <key>, or Basic with the key as password` });
  };
  router.use('/api', requireKey);

  /** A GET route of the API whose JSON reply `reply` builds from the request's query (`q`) and path parameters. */
  const getJson = <T>(route: string, reply: (q: Record<string, unknown>, params: Record<string, string>) => Promise<T>): void => {
    router.get(
      route,
      handle(async (req, res) => {
        res.json(await reply(req.query as Record<string, unknown>, req.params as Record<string, string>));
      }),
    );
  };

  getJson('/api/anomalies', async (q) => {
    const r = await deps.data.groups(parseSince(q, Date.now()), parseLimit(q, 'limit', 100, 1, 1000), parseKind(q), parseGroupBy(q));
    return { source: r.source, groups: r.value } satisfies AnomaliesReply;
  });

  getJson('/api/anomalies/documents', async (q) => {
    const group = requireParam(q, 'group', true);
    const r = await deps.data.groupDocuments(group, parseLimit(q, 'limit', 50, 1, 1000));
    return { source: r.source, group, documents: r.value } satisfies GroupDocumentsReply;
  });

  getJson('/api/patterns', async (query) => {
    const q = parsePatternsQuery(query, Date.now());
    const r = await deps.data.patterns(q);
    return {
      status: 'success',
      source: r.source,
      range: { start: q.startMs / 1000, end: q.endMs / 1000, step_seconds: q.stepMs / 1000 },
      data: r.value,
    } satisfies PatternsReply;
  });

  getJson('/api/patterns/:templateId/examples', async (q, params) => {
    const templateId = String(params['templateId']);
    const r = await deps.data.examples(templateId, parseLimit(q, 'limit', 10, 1, 100));
    if (r.value.examples.length === 0) throw new RequestError(404, 'UNKNOWN_TEMPLATE', `no stored record has template.id ${JSON.stringify(templateId)}`);
    return { source: r.source, template_id: templateId, pattern: r.value.pattern, examples: r.value.examples } satisfies PatternExamplesReply;
  });

  getJson('/api/sessions', async (q) => {
    const r = await deps.data.sessions(parseSince(q, Date.now()), parseLimit(q, 'limit', 50, 1, 1000));
    return { source: r.source, sessions: r.value } satisfies SessionsReply;
  });

  getJson('/api/sessions/:id', async (q, params) => {
    const id = String(params['id']);
    const r = await deps.data.session(id, parseLimit(q, 'limit', 200, 1, 1000));
    if (!r.value) throw new RequestError(404, 'UNKNOWN_SESSION', `no stored record has session.id ${JSON.stringify(id)}`);
    return { source: r.source, ...r.value } satisfies SessionReply;
  });

  getJson('/api/status', () => deps.status.status());

  router.post(
    '/api/feedback',
    express.json({ limit: 1024 * 1024, type: () => true }),
    handle(async (req, res) => {
      res.json(await deps.feedback(req.body));
    }),
  );

  router.use('/api', (req: Request, res: Response) => {
    res.status(404).json({ error: 'NOT_FOUND', message: `no console API route ${req.method} ${req.originalUrl.split('?')[0]} (docs/api.md lists them)` });
  });
  // Unreadable JSON bodies and other errors inside the API: one JSON reply shape.
  router.use('/api', (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (!res.headersSent) sendError(res, err);
  });

  const built = deps.dir !== undefined && existsSync(path.join(deps.dir, 'index.html'));
  if (built) {
    router.get(['/', '/index.html', '/app.js', '/app.css', '/app.js.map'], requireKey, express.static(deps.dir!, { index: 'index.html', maxAge: 0 }));
  } else {
    router.get('/', requireKey, (_req: Request, res: Response) => {
      res
        .status(503)
        .type('text/plain')
        .send(deps.dir === undefined ? 'The web console is turned off (CONSOLE_DIR=off).\n' : `The web console is not built (${deps.dir} has no index.html): run npm run build.\n`);
    });
  }
  return router;
}
