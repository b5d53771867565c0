/** The one adapter from detector errors to gRPC status codes. */
import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { toDetectorError, type DetectorErrorCode } from '@log-sentinel/pipeline';

const CODE_TO_STATUS: Record<DetectorErrorCode | 'MODEL_INVALID_VERSION', status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  UNAVAILABLE: status.UNAVAILABLE,
  SHUTTING_DOWN: status.UNAVAILABLE,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  MODEL_NOT_FOUND: status.NOT_FOUND,
  MODEL_CORRUPT: status.DATA_LOSS,
  MODEL_INCOMPATIBLE: status.FAILED_PRECONDITION,
  MODEL_INVALID_VERSION: status.INVALID_ARGUMENT,
  TRAINING_FAILED: status.INTERNAL,
  INTERNAL: status.INTERNAL,
};

/** Maps any error to a gRPC ServiceError; the detector code travels in the `detector-error-code` trailer. */
export function toServiceError(err: unknown): Partial<ServiceError> {
  const e = toDetectorError(err);
  const rawCode = (err as { code?: unknown } | undefined)?.code;
  const key = (typeof rawCode === 'string' && rawCode in CODE_TO_STATUS ? rawCode : e.code) as keyof typeof CODE_TO_STATUS;
  const metadata = new Metadata();
  metadata.set('detector-error-code', key);
  return { code: CODE_TO_STATUS[key] ?? status.INTERNAL, details: e.message, metadata };
}
