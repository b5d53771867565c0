import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link IsolationForestError}. */
export type IsolationForestErrorCode =
  | 'EMPTY_INPUT'
  | 'INVALID_INPUT'
  | 'NON_FINITE_VALUE'
  | 'FEATURE_COUNT_MISMATCH'
  | 'INVALID_OPTION'
  | 'INVALID_MODEL';

/** Every error thrown by this library: bad input, bad options or a bad serialized model. */
export class IsolationForestError extends CodedError<IsolationForestErrorCode> {}
