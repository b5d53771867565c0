/** Stable codes of {@link IsolationForestError}. */
export type IsolationForestErrorCode =
  | 'EMPTY_INPUT'
  | 'INVALID_INPUT'
  | 'NON_FINITE_VALUE'
  | 'FEATURE_COUNT_MISMATCH'
  | 'INVALID_OPTION'
  | 'INVALID_MODEL';

/** Every error thrown by this library: bad input, bad options or a bad serialized model. */
export class IsolationForestError extends Error {
  /** Stable machine-readable code; the message is for humans. */
  readonly code: IsolationForestErrorCode;

  /** Creates an error with a stable `code` and an optional `cause`. */
  constructor(code: IsolationForestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IsolationForestError';
    this.code = code;
  }
}
