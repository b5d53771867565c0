/**
 * Record framing of spool segments: `u32 length | u32 crc32(payload) | payload`, little endian.
 * A segment file starts with an 8-byte magic that carries the format version.
 */
import { crc32 } from 'node:zlib';

/** Bytes of the per-record header (length + checksum). */
export const FRAME_HEADER_BYTES = 8;

/** Magic + format version at the start of every segment file. */
export const SEGMENT_MAGIC = Buffer.from('LSSPOOL1', 'latin1');

/** Byte length of a payload (strings are stored as UTF-8). */
export function payloadBytes(p: Buffer | string): number {
  return typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length;
}

/** Encodes payloads (buffers, or strings stored as UTF-8) as consecutive frames in one buffer. */
export function encodeFrames(payloads: readonly (Buffer | string)[]): Buffer {
  const lengths = payloads.map(payloadBytes);
  let total = 0;
  for (const len of lengths) total += FRAME_HEADER_BYTES + len;
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  payloads.forEach((p, i) => {
    const len = lengths[i];
    const start = pos + FRAME_HEADER_BYTES;
    if (typeof p === 'string') out.write(p, start, len, 'utf8');
    else p.copy(out, start);
    out.writeUInt32LE(len, pos);
    out.writeUInt32LE(crc32(out.subarray(start, start + len)), pos + 4);
    pos = start + len;
  });
  return out;
}

/** Outcome of decoding frames from a buffer. */
export interface DecodeResult {
  /** Payloads of the valid frames, in order (views into the input buffer). */
  payloads: Buffer[];
  /** Bytes consumed (whole frames, including skipped corrupt ones). */
  consumed: number;
  /** Frames whose checksum did not match (skipped). */
  corrupt: number;
  /**
   * Set when the bytes at `consumed` cannot be a frame (length beyond `maxRecordBytes`):
   * nothing after that point can be trusted.
   */
  broken: boolean;
}

/**
 * Decodes the frames fully contained in `buf`. Stops at an incomplete frame (more bytes may
 * come) or at an impossible length (`broken`). Frames with a bad checksum are skipped and counted.
 */
export function decodeFrames(buf: Buffer, maxRecordBytes: number, maxFrames = Infinity, maxBytes = Infinity): DecodeResult {
  const payloads: Buffer[] = [];
  let pos = 0;
  let corrupt = 0;
  let bytes = 0;
  while (payloads.length < maxFrames && pos + FRAME_HEADER_BYTES <= buf.length) {
    const len = buf.readUInt32LE(pos);
    if (len > maxRecordBytes) return { payloads, consumed: pos, corrupt, broken: true };
    const end = pos + FRAME_HEADER_BYTES + len;
    if (end > buf.length) break;
    if (payloads.length > 0 && bytes + len > maxBytes) break;
    const payload = buf.subarray(pos + FRAME_HEADER_BYTES, end);
    if (crc32(payload) === buf.readUInt32LE(pos + 4)) {
      payloads.push(payload);
      bytes += len;
    } else {
      corrupt++;
    }
    pos = end;
  }
  return { payloads, consumed: pos, corrupt, broken: false };
}

/** Length of the frame starting at `pos` of `buf`, or undefined when the header is incomplete. */
export function frameLengthAt(buf: Buffer, pos: number): number | undefined {
  return pos + FRAME_HEADER_BYTES <= buf.length ? FRAME_HEADER_BYTES + buf.readUInt32LE(pos) : undefined;
}

/** State of the bytes at one position, read as a frame. */
type FrameAt = 'ok' | 'bad-checksum' | 'invalid' | 'incomplete';

function frameAt(buf: Buffer, pos: number, maxRecordBytes: number): { kind: FrameAt; end: number } {
  if (pos + FRAME_HEADER_BYTES > buf.length) return { kind: 'incomplete', end: buf.length };
  const len = buf.readUInt32LE(pos);
  if (len > maxRecordBytes) return { kind: 'invalid', end: pos };
  const end = pos + FRAME_HEADER_BYTES + len;
  if (end > buf.length) return { kind: 'incomplete', end };
  const ok = crc32(buf.subarray(pos + FRAME_HEADER_BYTES, end)) === buf.readUInt32LE(pos + 4);
  return { kind: ok ? 'ok' : 'bad-checksum', end };
}

/** A range of bytes `[start, end)` of a buffer. */
export interface ByteRange {
  /** First byte. */
  start: number;
  /** Byte past the last one. */
  end: number;
}

/** Outcome of {@link scanFrames}. */
export interface ScanResult {
  /** Byte ranges to keep, in order: valid frames and frames whose payload alone failed its checksum. */
  keep: ByteRange[];
  /** Valid frames. */
  records: number;
  /** Frames whose length was trusted but whose payload failed its checksum (kept, skipped by readers). */
  corrupt: number;
  /** Damaged regions skipped to resynchronise on the next valid frame (their records are lost). */
  skippedRegions: number;
  /** Bytes in those regions. */
  skippedBytes: number;
  /** Start of a torn tail (no valid frame after it), or `buf.length` when there is none. */
  tornAt: number;
}

/**
 * Reads a whole segment body for recovery, resynchronising after damage instead of giving
 * up: a frame whose checksum fails is skipped by its length when a valid frame (or the end)
 * follows it; otherwise its length is not trusted, and the bytes up to the next position
 * holding a valid non-empty frame are skipped and counted. Damage with no valid frame
 * after it is a torn tail (a write cut by a crash).
 */
export function scanFrames(buf: Buffer, maxRecordBytes: number): ScanResult {
  const out: ScanResult = { keep: [], records: 0, corrupt: 0, skippedRegions: 0, skippedBytes: 0, tornAt: buf.length };
  let pos = 0;
  while (pos < buf.length) {
    const here = frameAt(buf, pos, maxRecordBytes);
    if (here.kind === 'ok') {
      out.keep.push({ start: pos, end: here.end });
      out.records++;
      pos = here.end;
      continue;
    }
    if (here.kind === 'bad-checksum' && (here.end === buf.length || frameAt(buf, here.end, maxRecordBytes).kind === 'ok')) {
      out.keep.push({ start: pos, end: here.end });
      out.corrupt++;
      pos = here.end;
      continue;
    }
    let next = pos + 1;
    for (; next + FRAME_HEADER_BYTES <= buf.length; next++) {
      if (buf.readUInt32LE(next) > 0 && frameAt(buf, next, maxRecordBytes).kind === 'ok') break;
    }
    if (next + FRAME_HEADER_BYTES > buf.length) {
      out.tornAt = pos;
      break;
    }
    out.skippedRegions++;
    out.skippedBytes += next - pos;
    pos = next;
  }
  return out;
}
