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
