/** Error classes of the detector pipeline; one adapter per transport maps `code` to a status. */
import { CodedError } from '@log-sentinel/coded-error';

/** Stable machine-readable error codes of the detector. */
export type DetectorErrorCode =
  | 'INVALID_ARGUMENT'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE'
  | 'SHUTTING_DOWN'
  | 'FAILED_PRECONDITION'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_CORRUPT'
  | 'MODEL_INCOMPATIBLE'
  | 'TRAINING_FAILED'
  | 'INTERNAL';

/** An error of the detector with a stable code and the underlying cause. */
export class DetectorError extends CodedError<DetectorErrorCode> {}

/** Returns `err` when it is a DetectorError, else wraps it as INTERNAL (or `code`). */
export function toDetectorError(err: unknown, code: DetectorErrorCode = 'INTERNAL'): DetectorError {
  if (err instanceof DetectorError) return err;
  const own = (err as { code?: unknown } | null | undefined)?.code;
  if (own === 'MODEL_NOT_FOUND' || own === 'MODEL_CORRUPT' || own === 'MODEL_INCOMPATIBLE') {
    return new DetectorError(own, (err as Error).message, { cause: err });
  }
  if (own === 'STORE_UNAVAILABLE') return new DetectorError('UNAVAILABLE', (err as Error).message, { cause: err });
  if (own === 'MODEL_INVALID_VERSION') return new DetectorError('INVALID_ARGUMENT', (err as Error).message, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new DetectorError(code, message, { cause: err });
}
