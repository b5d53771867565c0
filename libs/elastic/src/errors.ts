import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link ElasticError}. */
export type ElasticErrorCode = 'INVALID_CONFIG' | 'INVALID_INDEX_PREFIX' | 'TEMPLATE_UNREADABLE' | 'REQUEST_FAILED' | 'INVALID_RESPONSE';

/** A failure of the Elasticsearch helpers: bad configuration, unreadable template, failed request. */
export class ElasticError extends CodedError<ElasticErrorCode> {}
