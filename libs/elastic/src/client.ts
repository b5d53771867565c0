import { Client } from '@elastic/elasticsearch';
import { ElasticError } from './errors';

/** Default address of the local node (`npm run es:start`). */
export const DEFAULT_ELASTIC_ADDR = 'http://127.0.0.1:9200';

/** How to reach Elasticsearch. */
export interface ElasticClientOptions {
  /** Base URL (`ELASTIC_ADDR`), http or https, e.g. `http://127.0.0.1:9200`. */
  node: string;
  /** Per-request timeout in milliseconds (default 30000). */
  requestTimeoutMs?: number;
  /** Client-level retries on connection errors and 502/503/504 (default 2; sinks that own retry pass 0). */
  maxRetries?: number;
  /** API key (base64 `id:key`), for secured clusters. */
  apiKey?: string;
  /** Basic-auth user, with {@link ElasticClientOptions.password}. */
  username?: string;
  /** Basic-auth password. */
  password?: string;
}

/**
 * Creates an `@elastic/elasticsearch` 8.x client (the major must equal the server's: 8.19).
 * Throws {@link ElasticError} `INVALID_CONFIG` naming the bad option.
 */
export function createElasticClient(options: ElasticClientOptions): Client {
  let url: URL;
  try {
    url = new URL(options.node);
  } catch (err) {
    throw new ElasticError('INVALID_CONFIG', `node must be a URL like ${DEFAULT_ELASTIC_ADDR}, got "${options.node}"`, { cause: err });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ElasticError('INVALID_CONFIG', `node must use http or https, got "${url.protocol}"`);
  }
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs <= 0) {
    throw new ElasticError('INVALID_CONFIG', `requestTimeoutMs must be a positive integer, got ${requestTimeoutMs}`);
  }
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ElasticError('INVALID_CONFIG', `maxRetries must be a non-negative integer, got ${maxRetries}`);
  }
  if ((options.username === undefined) !== (options.password === undefined)) {
    throw new ElasticError('INVALID_CONFIG', 'username and password must be given together');
  }
  const auth = options.apiKey
    ? { apiKey: options.apiKey }
    : options.username !== undefined && options.password !== undefined
      ? { username: options.username, password: options.password }
      : undefined;
  return new Client({ node: url.toString(), requestTimeout: requestTimeoutMs, maxRetries, ...(auth ? { auth } : {}) });
}
