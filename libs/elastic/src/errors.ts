/** Stable codes of {@link ElasticError}. */
export type ElasticErrorCode = 'INVALID_CONFIG' | 'INVALID_INDEX_PREFIX' | 'TEMPLATE_UNREADABLE' | 'REQUEST_FAILED' | 'INVALID_RESPONSE';

/** A failure of the Elasticsearch helpers: bad configuration, unreadable template, failed request. */
export class ElasticError extends Error {
  /** Stable machine-readable code. */
  readonly code: ElasticErrorCode;
  constructor(code: ElasticErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ElasticError';
    this.code = code;
  }
}
