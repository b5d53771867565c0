import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link DeepLogError}. */
export type DeepLogErrorCode =
  | 'INVALID_SESSION'
  | 'INVALID_OPTIONS'
  | 'INVALID_MODEL'
  | 'VOCABULARY_MISMATCH'
  | 'NO_TRAINING_DATA'
  | 'TRAINING_FAILED';

/** An error of the DeepLog library; `code` is stable, `cause` carries the underlying error. */
export class DeepLogError extends CodedError<DeepLogErrorCode> {}
