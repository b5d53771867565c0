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

/** Compiles a session regex; a bad one is INVALID_ARGUMENT naming it. */
export function compileSessionRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (err) {
    throw new DetectorError('INVALID_ARGUMENT', `session regex ${JSON.stringify(source)} is invalid: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The session a record names: its session id, else the label `field`, else the first capture
 * group (or whole match) of `re` on `text`; '' when none of them does. One rule for the
 * model's preprocessing (./preprocess) and the detector's own settings (below).
 */
export function namedSession(r: DetectRecord, text: string, field: string | undefined, re: RegExp | undefined): string {
  if (r.sessionId) return r.sessionId;
  if (field) {
    const v = r.labels?.[field];
    if (v) return v;
  }
  if (re) {
    const m = re.exec(text);
    if (m) return m[1] ?? m[0];
  }
  return '';
}

/** Compiles a session-key function: session_id, else field, else regex, else the service+host stream. */
export function compileSessionKey(opts: SessionKeyOptions): (r: DetectRecord) => string {
  const re = opts.sessionRegex ? compileSessionRegex(opts.sessionRegex) : undefined;
  const field = opts.sessionField || undefined;
  return (r) => namedSession(r, r.message, field, re) || `stream:${r.service ?? ''}|${r.host ?? ''}`;
}
