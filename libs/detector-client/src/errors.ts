/** Errors of the detector client's admin calls (`Feedback`). */
import * as grpc from '@grpc/grpc-js';

/** Stable codes of {@link FeedbackError}. */
export type FeedbackErrorCode = 'DETECTOR_UNAVAILABLE' | 'FEEDBACK_REFUSED';

/** Feedback that did not reach a detector (`DETECTOR_UNAVAILABLE`) or that it refused (`FEEDBACK_REFUSED`). */
export class FeedbackError extends Error {
  /** Stable code. */
  readonly code: FeedbackErrorCode;
  /** Constructs it; `cause` is the gRPC error when there was one. */
  constructor(code: FeedbackErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedbackError';
    this.code = code;
  }

  /** Maps a gRPC error: bad input or no model (INVALID_ARGUMENT, FAILED_PRECONDITION) is a refusal, the rest unavailability. */
  static fromGrpc(err: grpc.ServiceError, addr: string): FeedbackError {
    const refused = err.code === grpc.status.INVALID_ARGUMENT || err.code === grpc.status.FAILED_PRECONDITION;
    return new FeedbackError(refused ? 'FEEDBACK_REFUSED' : 'DETECTOR_UNAVAILABLE', `detector ${addr}: ${err.details || err.message}`, { cause: err });
  }
}
