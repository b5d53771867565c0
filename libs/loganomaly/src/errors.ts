import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link LogAnomalyError}. */
export type LogAnomalyErrorCode = 'INVALID_SESSION' | 'INVALID_OPTIONS' | 'INVALID_TEMPLATES' | 'INVALID_MODEL' | 'NO_TRAINING_DATA';

/** An error of the LogAnomaly library; `code` is stable, `cause` carries the underlying error. */
export class LogAnomalyError extends CodedError<LogAnomalyErrorCode> {}
