/**
 * Bearer keys of the gRPC service (issue 17, defect 5). A call carries
 * `authorization: Bearer <key>` in its metadata. `DETECTOR_API_KEYS` guard scoring and reading
 * (Detect, DetectStream, GetModel); `DETECTOR_ADMIN_KEYS` guard what changes the model or the
 * session state (Train, Feedback, CloseSessions) and are accepted everywhere. With no admin key
 * set, the API keys guard the admin methods too; with neither set, every call is allowed.
 * Health and reflection stay open (probes carry no key).
 */
import { timingSafeEqual } from 'node:crypto';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { DetectorHandlers } from './codec';

/** Which key list a method needs. */
export type MethodAccess = 'api' | 'admin';

/** Access level of every Detector method. */
export const METHOD_ACCESS: Record<keyof DetectorHandlers, MethodAccess> = {
  Detect: 'api',
  DetectStream: 'api',
  GetModel: 'api',
  Train: 'admin',
  Feedback: 'admin',
  CloseSessions: 'admin',
};

/** Configured keys (empty lists = open). */
export interface DetectorKeys {
  /** Keys for the `api` methods. */
  apiKeys: readonly string[];
  /** Keys for every method. */
  adminKeys: readonly string[];
}

const matches = (keys: readonly Buffer[], given: Buffer): boolean => keys.some((k) => k.length === given.length && timingSafeEqual(k, given));

/** Checks call metadata against the configured keys. */
export class KeyCheck {
  private readonly api: Buffer[];
  private readonly admin: Buffer[];

  /** See the module comment for what each list guards. */
  constructor(keys: DetectorKeys) {
    this.api = keys.apiKeys.map((k) => Buffer.from(k));
    this.admin = keys.adminKeys.map((k) => Buffer.from(k));
  }

  /** The refusal of a call to a method with `access`, or undefined when the call may proceed. */
  refusal(metadata: Metadata, access: MethodAccess): Partial<ServiceError> | undefined {
    const allowed = access === 'admin' ? (this.admin.length > 0 ? this.admin : this.api) : this.api.length > 0 ? [...this.api, ...this.admin] : [];
    if (allowed.length === 0) return undefined;
    const header = metadata.get('authorization')[0];
    const bearer = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
    if (!bearer) return refuse(status.UNAUTHENTICATED, 'missing key: send metadata "authorization: Bearer <key>"');
    const given = Buffer.from(bearer[1]!.trim());
    if (matches(allowed, given)) return undefined;
    if (matches(this.api, given) || matches(this.admin, given)) {
      return refuse(status.PERMISSION_DENIED, 'this key may not call this method: it needs a key from DETECTOR_ADMIN_KEYS');
    }
    return refuse(status.UNAUTHENTICATED, 'unknown key');
  }
}

function refuse(code: status, details: string): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set('detector-error-code', code === status.UNAUTHENTICATED ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED');
  return { code, details, metadata };
}

type AnyCall = { metadata: Metadata; emit(event: 'error', err: unknown): boolean; on?(event: string, fn: () => void): unknown };

/**
 * Wraps every handler so a call without an accepted key is refused before any of its messages
 * is read: unary calls answer through their callback, streams with an error.
 */
export function guardHandlers(handlers: DetectorHandlers, check: KeyCheck): DetectorHandlers {
  const guarded: Record<string, unknown> = {};
  for (const name of Object.keys(METHOD_ACCESS) as Array<keyof DetectorHandlers>) {
    const handler = handlers[name] as unknown as (call: AnyCall, callback?: (err: unknown) => void) => void;
    const access = METHOD_ACCESS[name];
    guarded[name] = (call: AnyCall, callback?: (err: unknown) => void): void => {
      const refusal = check.refusal(call.metadata, access);
      if (!refusal) {
        handler(call, callback);
        return;
      }
      if (callback) {
        callback(refusal);
        return;
      }
      call.on?.('error', () => undefined);
      call.emit('error', refusal);
    };
  }
  return guarded as unknown as DetectorHandlers;
}
