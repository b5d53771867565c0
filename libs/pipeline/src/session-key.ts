/** Decides which session a record belongs to (DESIGN.md, "Detector gRPC"). */
import { DetectorError } from './errors';
import type { DetectRecord } from './record';

/** How sessions are derived when a record carries no session id. */
export interface SessionKeyOptions {
  /** Regex applied to the message; its first capture group (or whole match) is the session id. */
  sessionRegex?: string;
  /** Label holding the session id. */
  sessionField?: string;
}

/** Compiles a session-key function: session_id, else field, else regex, else the service+host stream. */
export function compileSessionKey(opts: SessionKeyOptions): (r: DetectRecord) => string {
  let re: RegExp | undefined;
  if (opts.sessionRegex) {
    try {
      re = new RegExp(opts.sessionRegex);
    } catch (err) {
      throw new DetectorError('INVALID_ARGUMENT', `session regex ${JSON.stringify(opts.sessionRegex)} is invalid: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  const field = opts.sessionField || undefined;
  return (r) => {
    if (r.sessionId) return r.sessionId;
    if (field !== undefined) {
      const v = r.labels?.[field];
      if (v) return v;
    }
    if (re) {
      const m = re.exec(r.message);
      if (m) return m[1] ?? m[0];
    }
    return `stream:${r.service ?? ''}|${r.host ?? ''}`;
  };
}
