import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Longest event id accepted (Elasticsearch `_id` limit is 512 bytes). */
export const MAX_EVENT_ID_BYTES = 512;

/** UUID namespace of file-derived event ids (fixed forever: changing it re-ids every file line). */
export const FILE_EVENT_ID_NAMESPACE = '6f1d5a52-3c1b-4a55-9a8e-2f2b8c3d7e41';

/** A new event id: a UUIDv7 (time-ordered, so `_id`s of one batch sort together). */
export function newEventId(): string {
  return uuidv7();
}

/**
 * Deterministic event id of the line at `offset` of the file known as `fileIdentity`
 * (e.g. `dev:inode` or a fingerprint of its first bytes): a UUIDv5 of both, so re-reading
 * the same line after a restart or rotation yields the same id and never a duplicate.
 */
export function fileEventId(fileIdentity: string, offset: number): string {
  if (fileIdentity.length === 0) throw new RangeError('fileEventId: fileIdentity must not be empty');
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`fileEventId: offset must be a non-negative integer, got ${offset}`);
  }
  return uuidv5(`${fileIdentity}\u0000${offset}`, FILE_EVENT_ID_NAMESPACE);
}

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Returns why `id` cannot be an event id, or undefined when it can. */
export function eventIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'must not be empty';
  if (Buffer.byteLength(id, 'utf8') > MAX_EVENT_ID_BYTES) return `must be at most ${MAX_EVENT_ID_BYTES} bytes`;
  // Elasticsearch would store it as U+FFFD: the document would not have the acknowledged id,
  // and two ids differing only there would overwrite each other (issue 17 fuzzing).
  if (LONE_SURROGATE.test(id)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  return undefined;
}
