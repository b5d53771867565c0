/** The one adapter from internal errors to HTTP replies. */
import { CodedError } from '@log-sentinel/coded-error';
import { ConsoleQueryError } from '@log-sentinel/console-api';
import { FeedbackError } from '@log-sentinel/detector-client';
import { ElasticError } from '@log-sentinel/elastic';
import { SchemaError } from '@log-sentinel/schema';
import { SpoolError } from '@log-sentinel/spool';

/** An HTTP reply for an error. */
export interface HttpErrorReply {
  /** Status code. */
  status: number;
  /** JSON body. */
  body: { error: string; message: string };
  /** Extra headers (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
}

/** A request the collector refuses, with its HTTP status and a stable code. */
export class RequestError extends CodedError<string> {
  /** Constructs it; `code` is the reply's `error`. */
  constructor(
    /** HTTP status (4xx, or 503). */
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** Maps any error thrown while handling a request to its reply. */
export function httpReplyFor(err: unknown): HttpErrorReply {
  if (err instanceof RequestError) {
    return { status: err.status, body: { error: err.code, message: err.message }, ...(err.status === 503 ? { headers: { 'Retry-After': '5' } } : {}) };
  }
  if (err instanceof ConsoleQueryError) return { status: err.status, body: { error: err.code, message: err.message } };
  if (err instanceof FeedbackError) {
    if (err.code === 'FEEDBACK_REFUSED') return { status: 422, body: { error: err.code, message: err.message } };
    if (err.code === 'DETECTOR_FAILED') return { status: 502, body: { error: err.code, message: err.message } };
    return { status: 503, body: { error: err.code, message: `${err.message}; nothing was changed on that detector, retry later` }, headers: { 'Retry-After': '5' } };
  }
  if (err instanceof ElasticError) {
    return { status: 503, body: { error: 'ELASTICSEARCH_UNAVAILABLE', message: err.message }, headers: { 'Retry-After': '5' } };
  }
  if (err instanceof SchemaError) {
    const status = err.code === 'UNSUPPORTED_CONTENT_TYPE' ? 415 : 400;
    return { status, body: { error: err.code, message: err.message } };
  }
  if (err instanceof SpoolError) {
    if (err.code === 'SPOOL_FULL') {
      const seconds = String(Math.max(1, Math.ceil((err.retryAfterMs ?? 1000) / 1000)));
      return { status: 503, body: { error: err.code, message: `${err.message}; nothing was stored, retry later` }, headers: { 'Retry-After': seconds } };
    }
    if (err.code === 'SPOOL_RECORD_TOO_LARGE') return { status: 413, body: { error: err.code, message: err.message } };
    return { status: 503, body: { error: err.code, message: `${err.message}; nothing was acknowledged` }, headers: { 'Retry-After': '5' } };
  }
  const type = (err as { type?: string }).type;
  const status = (err as { status?: number }).status;
  if (type === 'entity.too.large') return { status: 413, body: { error: 'BODY_TOO_LARGE', message: (err as Error).message } };
  if (type === 'encoding.unsupported') return { status: 415, body: { error: 'UNSUPPORTED_ENCODING', message: (err as Error).message } };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: 'BAD_REQUEST', message: `request body unreadable: ${(err as Error).message}` } };
  }
  return { status: 500, body: { error: 'INTERNAL', message: `not stored: ${(err as Error).message ?? String(err)}` } };
}
