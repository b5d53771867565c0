/**
 * Session ids from common id shapes, for records whose model names no session rule: HDFS
 * block ids, `request_id=…`/`trace-id: …`/`session=…` pairs, and prefixed ids such as
 * `req-…`, `sess-…`, `txn-…`. A line with none of them belongs to its service+host stream.
 */

/** Tried in order; capture group 1 is the id. */
const SESSION_ID_SHAPES: readonly RegExp[] = [
  /\b(blk_-?\d{6,20})\b/,
  /\b(?:request|req|trace|session|sess|txn|transaction|correlation)[_.-]?id\s*[=:]\s*["']?([\w.:/-]{3,128})/i,
  /\b(?:request|trace|session|sess|txn)=["']?([\w.:/-]{3,128})/i,
  /\b((?:req|sess|session|txn|trace)-[A-Za-z0-9][\w-]{2,63})\b/,
];

/** The session id a raw line names by a common id shape, if any. */
export function deriveSessionId(line: string): string | undefined {
  for (const re of SESSION_ID_SHAPES) {
    const m = re.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
