import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link DrainError}. */
export type DrainErrorCode = 'BAD_OPTION' | 'BAD_LOG_FORMAT' | 'BAD_SNAPSHOT';

/** An error raised by the Drain library: bad options, a bad header format or a bad snapshot. */
export class DrainError extends CodedError<DrainErrorCode> {}
