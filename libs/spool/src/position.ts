/**
 * Positions in a spool. Acknowledgements are not persisted: after a crash a spool replays
 * every record of the segments it still holds, handled or not. A consumer that writes its
 * output to another spool (the scoring stage: the scored spool) stores there the position of
 * the last input record each output came from, and at the next start skips the input up to
 * it ({@link Spool.skipThrough}) instead of handling those records again.
 */
import { crc32 } from 'node:zlib';

/** Where a record ends in a spool. */
export interface SpoolPosition {
  /** Sequence number of its segment. */
  segment: number;
  /** Byte offset in that segment just after the record. */
  offset: number;
  /**
   * CRC32 of the record's payload: segment numbers start again at 1 when a spool was left
   * empty, so a position is trusted only where the record ending there is this very record.
   */
  crc: number;
}

/** The position just after `payload`, a record that ends at `offset` of segment `segment`. */
export function positionAfter(segment: number, offset: number, payload: Buffer): SpoolPosition {
  return { segment, offset, crc: crc32(payload) };
}

/** True when `value` has the shape of a {@link SpoolPosition} (read back from disk). */
export function isSpoolPosition(value: unknown): value is SpoolPosition {
  const p = value as Partial<SpoolPosition> | null;
  return !!p && Number.isSafeInteger(p.segment) && Number.isSafeInteger(p.offset) && Number.isInteger(p.crc);
}
