/**
 * API keys (`API_KEYS`): one check for every protected route. Programs send
 * `Authorization: Bearer <key>`; the web console's browser may send HTTP Basic with the key
 * as the password (any user name), which it asks for once when the console answers 401.
 */
import { timingSafeEqual } from 'node:crypto';

/** Checks `Authorization` headers against the configured keys. */
export class ApiKeys {
  private readonly keys: Buffer[];

  /** `keys` empty = every request is allowed. */
  constructor(keys: readonly string[]) {
    this.keys = keys.map((k) => Buffer.from(k));
  }

  /** True when no key is configured. */
  get open(): boolean {
    return this.keys.length === 0;
  }

  /** True when the header carries a configured key as `Bearer <key>` (or, with `basic`, as the Basic password). */
  allows(header: string | undefined, options: { basic?: boolean } = {}): boolean {
    if (this.open) return true;
    const bearer = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (bearer) return this.matches(bearer[1].trim());
    const basic = options.basic ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '') : null;
    if (!basic) return false;
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 && this.matches(decoded.slice(colon + 1));
  }

  private matches(key: string): boolean {
    const given = Buffer.from(key);
    return this.keys.some((k) => k.length === given.length && timingSafeEqual(k, given));
  }
}
