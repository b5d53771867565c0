/** Stable codes of {@link DrainError}. */
export type DrainErrorCode = 'BAD_OPTION' | 'BAD_LOG_FORMAT' | 'BAD_SNAPSHOT';

/** An error raised by the Drain library: bad options, a bad header format or a bad snapshot. */
export class DrainError extends Error {
  /** Stable machine-readable code. */
  readonly code: DrainErrorCode;
  constructor(code: DrainErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DrainError';
    this.code = code;
  }
}
