/** Stable codes of {@link SchemaError}. */
export type SchemaErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_BODY'
  | 'UNSUPPORTED_CONTENT_TYPE'
  | 'INVALID_DOCUMENT';

/**
 * A whole input (body, document) that cannot be read at all. Problems with single items of
 * a batch are not thrown: they are reported as {@link ItemError}s beside the good records.
 */
export class SchemaError extends Error {
  /** Stable machine-readable code. */
  readonly code: SchemaErrorCode;
  constructor(code: SchemaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchemaError';
    this.code = code;
  }
}
