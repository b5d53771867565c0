/**
 * File identity by content, as Filebeat's `fingerprint` file identity: the SHA-256 of the
 * first N bytes of a file (N = `fingerprintBytes`, default 1 KiB). The tailer combines it
 * with device + inode (+ birth time where the filesystem reports it), and with a hash of the
 * bytes just before a checkpoint's offset, to tell a renamed file, a copy (copytruncate), a
 * rewritten file and a new file apart.
 */
import { createHash } from 'node:crypto';
import type { promises as fs } from 'node:fs';

/** A content fingerprint: the hash of the first `bytes` bytes of a file. */
export interface Fingerprint {
  /** SHA-256 (hex, first 32 characters) of the bytes. */
  hash: string;
  /** How many bytes were hashed (N, or fewer for a short file fingerprinted once idle). */
  bytes: number;
}

/** Hash of the bytes `[start, end)` of an open file, or undefined when the file does not hold them all. */
export async function hashRange(fh: fs.FileHandle, start: number, end: number): Promise<string | undefined> {
  const len = end - start;
  if (len < 0) return undefined;
  const buf = Buffer.alloc(len);
  const { bytesRead } = len > 0 ? await fh.read(buf, 0, len, start) : { bytesRead: 0 };
  if (bytesRead < len) return undefined;
  return createHash('sha256').update(buf).digest('hex').slice(0, 32);
}

/**
 * Fingerprint of the first `maxBytes` bytes of an open file of `size` bytes. A file shorter
 * than `maxBytes` has none unless `allowShort` (it is idle or gone), in which case all its
 * bytes are hashed; an empty file never has one.
 */
export async function fingerprintOf(fh: fs.FileHandle, maxBytes: number, size: number, allowShort: boolean): Promise<Fingerprint | undefined> {
  if (size <= 0 || (size < maxBytes && !allowShort)) return undefined;
  const bytes = Math.min(size, maxBytes);
  const hash = await hashRange(fh, 0, bytes);
  return hash === undefined ? undefined : { hash, bytes };
}

/**
 * The identity format 1 checkpoints used (hash of the first line, at most 256 bytes), kept
 * only to carry their offsets and event ids over to format 2.
 */
export async function legacyFingerprintOf(fh: fs.FileHandle): Promise<string | undefined> {
  const buf = Buffer.alloc(256);
  const { bytesRead } = await fh.read(buf, 0, 256, 0);
  const head = buf.subarray(0, bytesRead);
  const nl = head.indexOf(10);
  if (nl < 0 && bytesRead < 256) return undefined;
  const basis = nl < 0 ? head : head.subarray(0, nl + 1);
  return createHash('sha256').update(basis).digest('hex').slice(0, 32);
}
