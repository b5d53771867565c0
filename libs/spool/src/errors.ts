import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link SpoolError}. */
export type SpoolErrorCode = 'SPOOL_FULL' | 'SPOOL_CLOSED' | 'SPOOL_RECORD_TOO_LARGE' | 'SPOOL_IO';

/** An error of the spool, with a stable `code` and the underlying `cause`. */
export class SpoolError extends CodedError<SpoolErrorCode> {
  /** Suggested wait before retrying, for `SPOOL_FULL`. */
  readonly retryAfterMs: number | undefined;

  /** Creates a spool error. */
  constructor(code: SpoolErrorCode, message: string, opts: { cause?: unknown; retryAfterMs?: number } = {}) {
    super(code, message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryAfterMs = opts.retryAfterMs;
  }
}
