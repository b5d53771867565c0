/**
 * Elasticsearch-compatible API for shippers that write to Elasticsearch (Filebeat, Elastic
 * Agent, Logstash/Fluent Bit/Vector `elasticsearch` outputs, syslog-ng, rsyslog
 * omelasticsearch, @elastic/elasticsearch `helpers.bulk`, pino-elasticsearch,
 * winston-elasticsearch). Mounted under `/es` on the collector port and at the root of
 * `ES_COMPAT_PORT`. `POST`/`PUT /_bulk` and `/{index}/_bulk` (and single `_doc`/`_create`
 * writes) feed the shared intake; the probes clients make first (`GET /`, `/_license`,
 * `/_cluster/health`, templates, `_refresh`, `_nodes`, …) are answered harmlessly. Every
 * reply carries `X-Elastic-Product: Elasticsearch` and errors have Elasticsearch's shape.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { httpReplyFor } from '../http-errors';
import { mapShipperFields } from './shipper-fields';
import { BulkBodyError, bulkLineCount, parseBulkBody, type BulkOperation } from './es-bulk-body';
import { Admission, ShipperAuth, storeItems, type ShipperDeps, type ShipperItem } from './shipper-intake';

/** The Elasticsearch version the compatibility API reports (clients of 7.x and 8.x accept it). */
export const ES_COMPAT_VERSION = '8.17.0';

const CLUSTER_NAME = 'log-sentinel';
const SHARDS = { total: 1, successful: 1, failed: 0 };

/** An Elasticsearch-shaped error body. */
function esError(status: number, type: string, reason: string): { error: { root_cause: Array<{ type: string; reason: string }>; type: string; reason: string }; status: number } {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}

function sendEsError(res: Response, status: number, type: string, reason: string, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.set('Retry-After', String(retryAfterSeconds));
  res.status(status).json(esError(status, type, reason));
}

/** Maps an error of the intake (spool full, body too large, …) to an Elasticsearch-shaped reply. */
function sendIntakeError(res: Response, err: unknown): void {
  const reply = httpReplyFor(err);
  const type = reply.status === 413 ? 'content_too_long_exception' : reply.status === 429 || reply.status === 503 ? 'es_rejected_execution_exception' : reply.status >= 500 ? 'exception' : 'parse_exception';
  const retry = reply.headers?.['Retry-After'];
  sendEsError(res, reply.status, type, `${reply.body.error}: ${reply.body.message}`, retry ? Number(retry) : undefined);
}

/** The document a bulk item becomes, with the target index kept as `data_stream.dataset` and `labels.index`. */
function itemOf(op: Extract<BulkOperation, { kind: 'doc' }>): ShipperItem {
  const fields = mapShipperFields(op.doc);
  const ds = fields.data_stream;
  const hasDataset = fields['data_stream.dataset'] !== undefined || (ds !== null && typeof ds === 'object' && (ds as Record<string, unknown>).dataset !== undefined);
  if (!hasDataset) fields['data_stream.dataset'] = op.index;
  fields['labels.index'] = op.index;
  return { fields, options: { original: op.line, ...(op.id !== undefined ? { fixedId: op.id } : {}) } };
}

/** Builds the router (mount it at `/es`, or at `/` of the dedicated port). */
export function createEsCompatRouter(deps: ShipperDeps, admission: Admission): Router {
  const router = express.Router();
  const auth = new ShipperAuth(deps.apiKeys);
  const startedMs = Date.now();

  router.use((req: Request, res: Response, next: NextFunction) => {
    res.set('X-Elastic-Product', 'Elasticsearch');
    if (!auth.allows(req.get('authorization'))) {
      res.set('WWW-Authenticate', 'Basic realm="log-sentinel", ApiKey, Bearer');
      sendEsError(res, 401, 'security_exception', `missing or wrong credentials for [${req.method} ${req.originalUrl}]: send a key from API_KEYS as Bearer, as the Basic password or as an ApiKey`);
      return;
    }
    next();
  });

  const info = { name: 'log-sentinel-collector', cluster_name: CLUSTER_NAME, cluster_uuid: 'log-sentinel-collector', version: { number: ES_COMPAT_VERSION, build_flavor: 'default', build_type: 'tar', build_hash: 'log-sentinel', build_date: '2024-12-11T00:00:00.000Z', build_snapshot: false, lucene_version: '9.12.0', minimum_wire_compatibility_version: '7.17.0', minimum_index_compatibility_version: '7.0.0' }, tagline: 'You Know, for Search' };
  router.get('/', (_req, res) => void res.json(info));
  router.head('/', (_req, res) => void res.status(200).end());
  router.get(['/_license', '/_xpack/license'], (_req, res) => {
    res.json({ license: { status: 'active', uid: 'log-sentinel', type: 'basic', issue_date: '2024-01-01T00:00:00.000Z', issue_date_in_millis: 1704067200000, max_nodes: 1000, max_resource_units: null, issued_to: CLUSTER_NAME, issuer: 'elasticsearch', start_date_in_millis: -1 } });
  });
  router.get('/_xpack', (_req, res) => void res.json({ build: { hash: 'log-sentinel', date: info.version.build_date }, license: { uid: 'log-sentinel', type: 'basic', mode: 'basic', status: 'active' }, features: {} }));
  router.get(['/_cluster/health', '/_cluster/health/{*rest}'], (_req, res) => {
    res.json({ cluster_name: CLUSTER_NAME, status: 'green', timed_out: false, number_of_nodes: 1, number_of_data_nodes: 1, active_primary_shards: 0, active_shards: 0, relocating_shards: 0, initializing_shards: 0, unassigned_shards: 0, delayed_unassigned_shards: 0, number_of_pending_tasks: 0, number_of_in_flight_fetch: 0, task_max_waiting_in_queue_millis: 0, active_shards_percent_as_number: 100 });
  });
  router.get(['/_nodes', '/_nodes/{*rest}'], (_req, res) => {
    res.json({ _nodes: SHARDS, cluster_name: CLUSTER_NAME, nodes: { 'log-sentinel': { name: info.name, version: ES_COMPAT_VERSION, roles: ['data', 'ingest', 'master'], http: { publish_address: '127.0.0.1:9200' }, jvm: { start_time_in_millis: startedMs } } } });
  });
  // Templates, policies and pipelines a shipper installs at start: accepted and not applied (the collector owns its index template).
  const setup = ['/_index_template/{*rest}', '/_template/{*rest}', '/_component_template/{*rest}', '/_ilm/policy/{*rest}', '/_ingest/pipeline/{*rest}', '/_data_stream/{*rest}'];
  router.head(setup, (_req, res) => void res.status(200).end());
  router.get(setup, (_req, res) => void res.json({}));
  router.put(setup, (_req, res) => void res.json({ acknowledged: true }));
  router.post(setup, (_req, res) => void res.json({ acknowledged: true }));
  router.delete(setup, (_req, res) => void res.json({ acknowledged: true }));
  router.all(['/_refresh', '/:index/_refresh', '/_flush', '/:index/_flush'], (_req, res) => void res.json({ _shards: SHARDS }));

  const rawBody = express.raw({ type: () => true, limit: deps.maxBodyBytes, inflate: true });
  const admit = (req: Request, res: Response, next: NextFunction): void => {
    if (admission.admit(req, res, (r) => sendEsError(res, r.status, 'es_rejected_execution_exception', `${r.code}: ${r.message}`, r.retryAfterSeconds))) next();
  };

  const bulk = async (req: Request, res: Response): Promise<void> => {
    req.socket.setTimeout(0);
    const started = Date.now();
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const maxLines = deps.maxRecordsPerRequest * 2;
    if (bulkLineCount(body, maxLines) > maxLines) {
      deps.metrics.tooManyRecords.inc();
      sendEsError(res, 413, 'content_too_long_exception', `more than ${deps.maxRecordsPerRequest} operations in one _bulk request (MAX_RECORDS_PER_REQUEST); nothing was stored, send smaller batches`);
      return;
    }
    let ops: BulkOperation[];
    try {
      ops = parseBulkBody(body, typeof req.params.index === 'string' ? req.params.index : undefined);
    } catch (err) {
      if (err instanceof BulkBodyError) return void sendEsError(res, 400, err.type, err.message);
      throw err;
    }
    if (ops.length === 0) return void sendEsError(res, 400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
    const docs = ops.filter((o): o is Extract<BulkOperation, { kind: 'doc' }> => o.kind === 'doc');
    let outcomes;
    try {
      outcomes = await storeItems(deps, docs.map(itemOf), 'es_bulk');
    } catch (err) {
      return void sendIntakeError(res, err);
    }
    let next = 0;
    let errors = false;
    const items = ops.map((op) => {
      if (op.kind === 'refused') {
        errors = true;
        return { [op.action]: { _index: op.index, ...(op.id !== undefined ? { _id: op.id } : {}), status: op.status, error: { type: op.type, reason: op.reason } } };
      }
      const o = outcomes[next++];
      if (!o.ok) {
        errors = true;
        return { [op.action]: { _index: op.index, ...(op.id !== undefined ? { _id: op.id } : {}), status: 400, error: { type: 'document_parsing_exception', reason: `[${o.error.field}] ${o.error.reason}` } } };
      }
      return { [op.action]: { _index: op.index, _id: o.id, _version: 1, result: 'created', _shards: SHARDS, _seq_no: next - 1, _primary_term: 1, status: 201 } };
    });
    res.json({ errors, took: Date.now() - started, items });
  };
  router.post(['/_bulk', '/:index/_bulk'], admit, rawBody, bulk);
  router.put(['/_bulk', '/:index/_bulk'], admit, rawBody, bulk);

  // Single-document writes (some clients index one document at a time).
  const single = async (req: Request, res: Response): Promise<void> => {
    req.socket.setTimeout(0);
    const index = String(req.params.index);
    const id = typeof req.params.id === 'string' ? req.params.id : undefined;
    const action = { [req.path.includes('/_create') ? 'create' : 'index']: { _index: index, ...(id !== undefined ? { _id: id } : {}) } };
    const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8').replace(/\r?\n/g, ' ') : '';
    let ops: BulkOperation[];
    try {
      ops = parseBulkBody(`${JSON.stringify(action)}\n${text}\n`, index);
    } catch (err) {
      if (err instanceof BulkBodyError) return void sendEsError(res, 400, 'parse_exception', 'request body is required');
      throw err;
    }
    const op = ops[0];
    if (!op || op.kind === 'refused') return void sendEsError(res, op?.status ?? 400, op?.type ?? 'parse_exception', op?.reason ?? 'request body is required');
    let outcomes;
    try {
      outcomes = await storeItems(deps, [itemOf(op)], 'es_bulk');
    } catch (err) {
      return void sendIntakeError(res, err);
    }
    const o = outcomes[0];
    if (!o.ok) return void sendEsError(res, 400, 'document_parsing_exception', `[${o.error.field}] ${o.error.reason}`);
    res.status(201).json({ _index: index, _id: o.id, _version: 1, result: 'created', _shards: SHARDS, _seq_no: 0, _primary_term: 1 });
  };
  router.post(['/:index/_doc', '/:index/_doc/:id', '/:index/_create/:id'], admit, rawBody, single);
  router.put(['/:index/_doc/:id', '/:index/_create/:id'], admit, rawBody, single);

  // An index the client wants to check or create: it "exists" (documents go to the collector's own indices).
  router.head('/:index', (_req, res) => void res.status(200).end());
  router.put('/:index', (req, res) => void res.json({ acknowledged: true, shards_acknowledged: true, index: req.params.index }));

  router.use((req: Request, res: Response) => {
    if (req.method === 'HEAD') return void res.status(404).end();
    sendEsError(res, 404, 'resource_not_found_exception', `${req.method} ${req.originalUrl} is not part of the Elasticsearch-compatible API of Log Sentinel (it takes _bulk and _doc writes and answers the start-up probes)`);
  });
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    sendIntakeError(res, err);
  });
  return router;
}
