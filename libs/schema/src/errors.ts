import { CodedError } from '@log-sentinel/coded-error';

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
export class SchemaError extends CodedError<SchemaErrorCode> {}
