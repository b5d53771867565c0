/** How S3 SDK errors map to {@link ModelRegistryError} codes. */
import { ModelRegistryError } from './errors';

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const status = (err: unknown): number | undefined => (err as SdkError | null)?.$metadata?.httpStatusCode;

/** A 404 / NoSuchKey answer. */
export function isNotFound(err: unknown): boolean {
  const name = (err as SdkError | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || status(err) === 404;
}

/** A conditional write that lost: 412 Precondition Failed, or 409 ConditionalRequestConflict (a concurrent conditional write). */
export function isPreconditionFailed(err: unknown): boolean {
  const name = (err as SdkError | null)?.name;
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status(err) === 412 || status(err) === 409;
}

/** Wraps any other failure (network, 5xx, 403, missing bucket) as STORE_UNAVAILABLE naming what was being done. */
export function s3Error(err: unknown, doing: string): ModelRegistryError {
  if (err instanceof ModelRegistryError) return err;
  const e = err as SdkError & Error;
  const detail = [e?.name, status(err) ? `HTTP ${status(err)}` : undefined, e?.message].filter(Boolean).join(': ');
  return new ModelRegistryError('STORE_UNAVAILABLE', `${doing} failed: ${detail || String(err)}`, { cause: err });
}
