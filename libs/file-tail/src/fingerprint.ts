/**
 * File identity by content: the SHA-256 of the first line (through its newline), or of the
 * first `maxBytes` bytes when that line is longer. It stays the same when a file is renamed
 * (rename rotation) or copied (copytruncate), and changes when the file is truncated and
 * rewritten with a different first line.
 */
import { createHash } from 'node:crypto';
import type { promises as fs } from 'node:fs';

/** Fingerprint of an open file, or undefined while it has neither a newline nor `maxBytes` bytes. */
export async function fingerprintOf(fh: fs.FileHandle, maxBytes: number): Promise<string | undefined> {
  const buf = Buffer.alloc(maxBytes);
  const { bytesRead } = await fh.read(buf, 0, maxBytes, 0);
  const head = buf.subarray(0, bytesRead);
  const nl = head.indexOf(10);
  if (nl < 0 && bytesRead < maxBytes) return undefined;
  const basis = nl < 0 ? head : head.subarray(0, nl + 1);
  return createHash('sha256').update(basis).digest('hex').slice(0, 32);
}
