/**
 * Loki push receiver: `POST /loki/api/v1/push` with a JSON body (gzip/deflate by
 * `Content-Encoding`) or a `logproto.PushRequest` protobuf in a raw snappy block (what
 * Promtail, Grafana Alloy and winston-loki send, with no `Content-Encoding`). Entries feed the
 * shared intake; success is `204 No Content` as from Loki. Errors are plain-text messages like
 * Loki's (400 unreadable push, 413, 415, 429/503 with `Retry-After`), never HTML.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import snappy from 'snappyjs';
import { PROTO_ROOT } from '@log-sentinel/proto';
import { httpReplyFor } from '../http-errors';
import { countEntries, lokiItems, lokiJsonStreams, lokiProtoStreams, LokiPushError, type LokiStream } from './loki-push';
import { Admission, ShipperAuth, storeItems, type ShipperDeps } from './shipper-intake';

let pushRequestType: protobuf.Type | undefined;

/** `logproto.PushRequest` from `proto/loki/push.proto`, loaded once. */
export function lokiPushRequestType(): protobuf.Type {
  if (!pushRequestType) {
    const root = new protobuf.Root();
    root.loadSync(path.join(PROTO_ROOT, 'loki', 'push.proto'), { keepCase: true });
    pushRequestType = root.lookupType('logproto.PushRequest');
  }
  return pushRequestType;
}

/** Uncompressed length announced by a raw snappy block (its leading varint), or -1 when unreadable. */
export function snappyUncompressedLength(block: Uint8Array): number {
  let value = 0;
  for (let i = 0, shift = 0; i < 5 && i < block.length; i++, shift += 7) {
    value += (block[i] & 0x7f) * 2 ** shift;
    if ((block[i] & 0x80) === 0) return value;
  }
  return -1;
}

function sendText(res: Response, status: number, message: string, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.set('Retry-After', String(retryAfterSeconds));
  res.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}

/** Decodes a push body of the given Content-Type. Throws {@link LokiPushError} or a `RangeError` (too large). */
export function decodeLokiPush(body: Buffer, contentType: string | undefined, maxBodyBytes: number): LokiStream[] {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') {
    const length = snappyUncompressedLength(body);
    if (length < 0) throw new LokiPushError('the body is not a snappy-compressed protobuf PushRequest (unreadable snappy length)');
    if (length > maxBodyBytes) throw new RangeError(`the push request is ${length} bytes uncompressed; at most ${maxBodyBytes} (MAX_BODY_BYTES)`);
    let raw: Uint8Array;
    try {
      raw = snappy.uncompress(body);
    } catch (err) {
      throw new LokiPushError(`the body is not a snappy-compressed protobuf PushRequest: ${(err as Error).message}`);
    }
    try {
      const T = lokiPushRequestType();
      return lokiProtoStreams(T.toObject(T.decode(raw), { longs: String }) as Parameters<typeof lokiProtoStreams>[0]);
    } catch (err) {
      if (err instanceof LokiPushError) throw err;
      throw new LokiPushError(`the body is not a protobuf PushRequest: ${(err as Error).message}`);
    }
  }
  if (type === 'application/json' || type === '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (err) {
      throw new LokiPushError(`the body is not JSON: ${(err as Error).message}`);
    }
    return lokiJsonStreams(parsed);
  }
  throw new LokiPushError(`unsupported Content-Type "${type}"; Loki push takes application/json or application/x-protobuf (snappy)`);
}

/** Builds the router serving `POST /loki/api/v1/push`. */
export function createLokiRouter(deps: ShipperDeps, admission: Admission): Router {
  const router = express.Router();
  const auth = new ShipperAuth(deps.apiKeys);
  const rawBody = express.raw({ type: () => true, limit: deps.maxBodyBytes, inflate: true });
  const route = '/loki/api/v1/push';

  router.post(
    route,
    (req: Request, res: Response, next: NextFunction) => {
      if (!auth.allows(req.get('authorization'))) {
        res.set('WWW-Authenticate', 'Basic realm="log-sentinel", Bearer');
        return void sendText(res, 401, 'unauthorized: send a key from API_KEYS as Bearer or as the Basic password');
      }
      if (admission.admit(req, res, (r) => sendText(res, r.status, `${r.code}: ${r.message}`, r.retryAfterSeconds))) next();
    },
    rawBody,
    async (req: Request, res: Response) => {
      req.socket.setTimeout(0);
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let streams: LokiStream[];
      try {
        streams = decodeLokiPush(body, req.get('content-type'), deps.maxBodyBytes);
      } catch (err) {
        if (err instanceof RangeError) return void sendText(res, 413, err.message);
        const unsupported = /unsupported Content-Type/.test((err as Error).message);
        return void sendText(res, unsupported ? 415 : 400, `error parsing push request: ${(err as Error).message}`);
      }
      const total = countEntries(streams);
      if (total > deps.maxRecordsPerRequest) {
        deps.metrics.tooManyRecords.inc();
        return void sendText(res, 413, `${total} entries in one push; at most ${deps.maxRecordsPerRequest} (MAX_RECORDS_PER_REQUEST) are accepted; nothing was stored`);
      }
      let outcomes;
      try {
        outcomes = await storeItems(deps, lokiItems(streams), 'loki');
      } catch (err) {
        const reply = httpReplyFor(err);
        const retry = reply.headers?.['Retry-After'];
        return void sendText(res, reply.status, `${reply.body.error}: ${reply.body.message}`, retry ? Number(retry) : undefined);
      }
      const rejected = outcomes.filter((o) => !o.ok);
      if (rejected.length === 0) return void res.status(204).end();
      // Like Loki's partial rejections: the valid entries are stored, the reply names the others (400, not retried).
      const lines = rejected.slice(0, 10).map((o) => (o.ok ? '' : `entry ${o.error.index}: ${o.error.field} ${o.error.reason}`));
      sendText(res, 400, `${rejected.length} of ${outcomes.length} entries rejected, ${outcomes.length - rejected.length} stored:\n${lines.join('\n')}`);
    },
  );
  router.all(route, (req, res) => void sendText(res, 405, `${req.method} ${route}: Loki push is sent with POST`));
  router.use(route, (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const reply = httpReplyFor(err);
    sendText(res, reply.status, `${reply.body.error}: ${reply.body.message}`);
  });
  return router;
}
