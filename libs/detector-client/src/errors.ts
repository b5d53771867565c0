/** Errors of the detector client's admin calls (`Feedback`). */
import * as grpc from '@grpc/grpc-js';
import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link FeedbackError}. */
export type FeedbackErrorCode = 'DETECTOR_UNAVAILABLE' | 'FEEDBACK_REFUSED' | 'DETECTOR_FAILED';

/**
 * Feedback that did not reach a detector (`DETECTOR_UNAVAILABLE`), that it refused
 * (`FEEDBACK_REFUSED`: bad records, no model yet) or that failed inside it (`DETECTOR_FAILED`).
 */
export class FeedbackError extends CodedError<FeedbackErrorCode> {
  /**
   * Maps a gRPC error: INVALID_ARGUMENT / FAILED_PRECONDITION are refusals; UNAVAILABLE,
   * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and CANCELLED mean "not reached, retry"; the rest
   * (INTERNAL, …) a failure inside the detector.
   */
  static fromGrpc(err: grpc.ServiceError, addr: string): FeedbackError {
    const s = grpc.status;
    const code: FeedbackErrorCode = [s.INVALID_ARGUMENT, s.FAILED_PRECONDITION].includes(err.code)
      ? 'FEEDBACK_REFUSED'
      : [s.UNAVAILABLE, s.DEADLINE_EXCEEDED, s.RESOURCE_EXHAUSTED, s.CANCELLED].includes(err.code)
        ? 'DETECTOR_UNAVAILABLE'
        : 'DETECTOR_FAILED';
    return new FeedbackError(code, `detector ${addr}: ${err.details || err.message}`, { cause: err });
  }
}
