/**
 * OTLP/HTTP logs receiver: `POST /v1/logs` with `application/x-protobuf` or
 * `application/json` bodies (gzip/deflate by `Content-Encoding`), as the OpenTelemetry SDK
 * exporters, the OpenTelemetry Collector's `otlphttp` exporter and Fluent Bit/Vector send.
 * Records feed the shared intake; the reply is an `ExportLogsServiceResponse` in the request's
 * encoding, with `partialSuccess.rejectedLogRecords` counting refused records. Errors are a
 * `google.rpc.Status` in the request's encoding (400 bad data, 413, 415, 429/503 with
 * `Retry-After` on overload), as the OTLP/HTTP specification asks.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import * as protobuf from 'protobufjs';
import { httpReplyFor } from '../http-errors';
import { countLogRecords, otlpItems, type OtlpLogsRequest } from './otlp-logs';
import { Admission, ShipperAuth, storeItems, type ShipperDeps } from './shipper-intake';

/** The generated protobufjs message classes we use (the module is typed only as a Root). */
interface MessageClass {
  decode(buf: Uint8Array): object;
  toObject(msg: object, options: protobuf.IConversionOptions): Record<string, unknown>;
  fromObject(obj: Record<string, unknown>): object;
  encode(msg: object): protobuf.Writer;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const otlpRoot = require('@opentelemetry/otlp-transformer/build/src/generated/root') as { opentelemetry: { proto: { collector: { logs: { v1: Record<string, MessageClass> } } } } };
const logsV1 = otlpRoot.opentelemetry.proto.collector.logs.v1;
const ExportLogsServiceRequest = logsV1.ExportLogsServiceRequest;
const ExportLogsServiceResponse = logsV1.ExportLogsServiceResponse;

/** `google.rpc.Status` (googleapis `google/rpc/status.proto`), the OTLP/HTTP error body; `details` left out. */
const Status = protobuf.parse('syntax = "proto3"; package google.rpc; message Status { int32 code = 1; string message = 2; }').root.lookupType('google.rpc.Status');

/** gRPC codes for the HTTP statuses we send (OTLP/HTTP error bodies carry them). */
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 413: 3, 415: 3, 429: 8, 503: 14, 500: 13 };

type Encoding = 'protobuf' | 'json';

function encodingOf(contentType: string | undefined): Encoding | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

function sendStatus(res: Response, encoding: Encoding, status: number, message: string, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.set('Retry-After', String(retryAfterSeconds));
  const code = GRPC_CODE[status] ?? (status >= 500 ? 13 : 3);
  if (encoding === 'protobuf') {
    res.status(status).type('application/x-protobuf').send(Buffer.from(Status.encode(Status.create({ code, message })).finish()));
  } else {
    res.status(status).json({ code, message });
  }
}

/** Decodes a protobuf body into the OTLP/JSON shape (ids as hex, 64-bit numbers as strings). */
export function decodeOtlpProtobuf(body: Uint8Array): OtlpLogsRequest {
  const msg = ExportLogsServiceRequest.decode(body);
  const obj = ExportLogsServiceRequest.toObject(msg, { longs: String, enums: Number, bytes: String }) as OtlpLogsRequest;
  for (const rl of obj.resourceLogs ?? []) {
    for (const sl of rl.scopeLogs ?? []) {
      for (const lr of sl.logRecords ?? []) {
        if (lr.traceId) lr.traceId = Buffer.from(lr.traceId, 'base64').toString('hex');
        if (lr.spanId) lr.spanId = Buffer.from(lr.spanId, 'base64').toString('hex');
      }
    }
  }
  return obj;
}

/** Encodes an `ExportLogsServiceResponse`. */
export function encodeOtlpResponse(rejected: number, errorMessage: string): Buffer {
  const obj = rejected > 0 ? { partialSuccess: { rejectedLogRecords: rejected, errorMessage } } : {};
  return Buffer.from(ExportLogsServiceResponse.encode(ExportLogsServiceResponse.fromObject(obj)).finish());
}

/** Builds the router serving `POST /v1/logs`. */
export function createOtlpRouter(deps: ShipperDeps, admission: Admission): Router {
  const router = express.Router();
  const auth = new ShipperAuth(deps.apiKeys);
  const rawBody = express.raw({ type: () => true, limit: deps.maxBodyBytes, inflate: true });

  router.post(
    '/v1/logs',
    (req: Request, res: Response, next: NextFunction) => {
      const encoding = encodingOf(req.get('content-type'));
      if (!encoding) return void sendStatus(res, 'json', 415, `unsupported Content-Type "${req.get('content-type') ?? ''}"; OTLP/HTTP takes application/x-protobuf or application/json`);
      res.locals.encoding = encoding;
      if (!auth.allows(req.get('authorization'))) {
        res.set('WWW-Authenticate', 'Bearer');
        return void sendStatus(res, encoding, 401, 'POST /v1/logs needs Authorization: Bearer <key> with a key from API_KEYS');
      }
      if (admission.admit(req, res, (r) => sendStatus(res, encoding, r.status, `${r.code}: ${r.message}`, r.retryAfterSeconds))) next();
    },
    rawBody,
    async (req: Request, res: Response) => {
      req.socket.setTimeout(0);
      const encoding = res.locals.encoding as Encoding;
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let request: OtlpLogsRequest;
      try {
        if (encoding === 'protobuf') request = decodeOtlpProtobuf(body);
        else {
          const parsed: unknown = JSON.parse(body.toString('utf8'));
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the body must be a JSON object (ExportLogsServiceRequest)');
          request = parsed as OtlpLogsRequest;
          if (request.resourceLogs !== undefined && !Array.isArray(request.resourceLogs)) throw new Error('resourceLogs must be an array');
        }
      } catch (err) {
        return void sendStatus(res, encoding, 400, `the body is not an OTLP ExportLogsServiceRequest (${encoding}): ${(err as Error).message}`);
      }
      let total: number;
      let items;
      try {
        total = countLogRecords(request);
        if (total > deps.maxRecordsPerRequest) {
          deps.metrics.tooManyRecords.inc();
          return void sendStatus(res, encoding, 413, `${total} log records in one request; at most ${deps.maxRecordsPerRequest} (MAX_RECORDS_PER_REQUEST) are accepted; nothing was stored`);
        }
        items = otlpItems(request);
      } catch (err) {
        return void sendStatus(res, encoding, 400, `the body is not an OTLP ExportLogsServiceRequest: ${(err as Error).message}`);
      }
      let outcomes;
      try {
        outcomes = await storeItems(deps, items, 'otlp');
      } catch (err) {
        const reply = httpReplyFor(err);
        const retry = reply.headers?.['Retry-After'];
        return void sendStatus(res, encoding, reply.status, `${reply.body.error}: ${reply.body.message}`, retry ? Number(retry) : undefined);
      }
      const rejected = outcomes.filter((o) => !o.ok);
      const first = rejected[0] && !rejected[0].ok ? rejected[0].error : undefined;
      const errorMessage = first ? `${rejected.length} of ${outcomes.length} log records rejected; first: record ${first.index}: ${first.field} ${first.reason}` : '';
      if (encoding === 'protobuf') res.status(200).type('application/x-protobuf').send(encodeOtlpResponse(rejected.length, errorMessage));
      else res.status(200).json(rejected.length > 0 ? { partialSuccess: { rejectedLogRecords: rejected.length, errorMessage } } : {});
    },
  );
  router.all('/v1/logs', (req, res) => void sendStatus(res, 'json', 405, `${req.method} /v1/logs: OTLP/HTTP logs are sent with POST`));
  router.use('/v1/logs', (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const reply = httpReplyFor(err);
    sendStatus(res, (res.locals.encoding as Encoding | undefined) ?? 'json', reply.status, `${reply.body.error}: ${reply.body.message}`);
  });
  return router;
}
