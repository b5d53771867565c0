/**
 * Decides which checkpoint a newly seen file continues, or gives it a new identity.
 *
 * 1. Its own checkpoint: same device, inode and birth time, not orphaned, and the file still
 *    holds the checkpoint's first bytes and the bytes just before its offset (rename rotation,
 *    restart). A reused inode with other content fails these checks.
 * 2. A checkpoint of another file whose content this file starts with, through that
 *    checkpoint's offset: a copy (copytruncate). A file that starts like it but is still
 *    shorter than its offset waits until it stops growing (a copy being written). While that
 *    file is still read the copy waits; once that file was truncated (its checkpoint orphaned) or is gone, the copy takes
 *    the checkpoint over (same identity, same offset: nothing read twice, no id reused).
 * 3. A format 1 checkpoint with the same first line (upgrade): its offset and identity.
 * 4. Otherwise a new identity: hash of fingerprint, device, inode, birth time and a
 *    generation one past every earlier identity of that inode, so it never equals an old one.
 * A file shorter than the fingerprint length waits (for steps 2 to 4) until it grows or is idle.
 */
import { createHash } from 'node:crypto';
import type { promises as fs } from 'node:fs';
import type { Checkpoint, LegacyCheckpoint } from './checkpoints';
import { fingerprintOf, hashRange, legacyFingerprintOf } from './fingerprint';

/** What identifies an open file besides its content. */
export interface FileIdentityInput {
  /** Device. */
  dev: number;
  /** Inode. */
  ino: number;
  /** Birth time in ns ("0" when unknown). */
  birthtimeNs: string;
  /** Open handle. */
  fh: fs.FileHandle;
  /** Current path. */
  path: string;
}

/** State {@link identify} consults. */
export interface IdentityContext {
  /** Every known checkpoint by identity. */
  checkpoints: Map<string, Checkpoint>;
  /** Format 1 checkpoints by first-line hash (an entry is removed once taken). */
  legacy: Map<string, LegacyCheckpoint>;
  /** Checkpoints of files currently open. */
  live: Set<Checkpoint>;
  /** N: bytes of the fingerprint. */
  fingerprintBytes: number;
}

/** Outcome of {@link identify}. */
export type IdentityResult = { kind: 'wait' } | { kind: 'resume' | 'copy' | 'legacy' | 'new'; checkpoint: Checkpoint };

/** Hash of the up to `maxBytes` bytes before `offset` ("" at offset 0). */
export async function tailHashAt(fh: fs.FileHandle, offset: number, maxBytes: number): Promise<string | undefined> {
  if (offset === 0) return '';
  return hashRange(fh, Math.max(0, offset - maxBytes), offset);
}

/** Whether the file (of `size` bytes) still holds the checkpoint's first bytes and the bytes before its offset. */
export async function matchesCheckpoint(fh: fs.FileHandle, cp: Checkpoint, size: number): Promise<boolean> {
  if (size < cp.offset || size < cp.fingerprintBytes) return false;
  if ((await hashRange(fh, 0, cp.fingerprintBytes)) !== cp.fingerprint) return false;
  return (await tailHashAt(fh, cp.offset, cp.fingerprintBytes)) === cp.tailHash;
}

/** Finds or creates the checkpoint of a file seen for the first time (or again after a truncation). */
export async function identify(file: FileIdentityInput, size: number, idle: boolean, ctx: IdentityContext): Promise<IdentityResult> {
  const sameInode = [...ctx.checkpoints.values()].filter((c) => c.dev === file.dev && c.ino === file.ino);
  for (const c of sameInode) {
    if (!c.orphaned && c.birthtimeNs === file.birthtimeNs && !ctx.live.has(c) && (await matchesCheckpoint(file.fh, c, size))) return { kind: 'resume', checkpoint: c };
  }
  const legacyFp = ctx.legacy.size > 0 ? await legacyFingerprintOf(file.fh) : undefined;
  const legacy = legacyFp === undefined ? undefined : ctx.legacy.get(legacyFp);
  const fp = await fingerprintOf(file.fh, ctx.fingerprintBytes, size, idle || legacy !== undefined);
  if (!fp) return { kind: 'wait' };
  const heads = new Map<number, string | undefined>(); // this file's prefix hash per fingerprint length
  for (const c of ctx.checkpoints.values()) {
    if (c.offset === 0 || size < c.fingerprintBytes || (c.dev === file.dev && c.ino === file.ino)) continue;
    if (!heads.has(c.fingerprintBytes)) heads.set(c.fingerprintBytes, await hashRange(file.fh, 0, c.fingerprintBytes));
    if (heads.get(c.fingerprintBytes) !== c.fingerprint) continue;
    // Starts like that file but holds less than was read of it: a copy still being written
    // (copytruncate); it waits until it stops growing, else it would be read again from byte 0.
    if (c.offset > size) {
      if (!idle) return { kind: 'wait' };
      continue;
    }
    if (!(await matchesCheckpoint(file.fh, c, size))) continue;
    if (!c.orphaned && ctx.live.has(c)) return { kind: 'wait' }; // a copy of a file still being read
    Object.assign(c, { dev: file.dev, ino: file.ino, birthtimeNs: file.birthtimeNs, orphaned: false });
    return { kind: 'copy', checkpoint: c };
  }
  const generation = sameInode.reduce((g, c) => Math.max(g, c.generation + 1), 0);
  const base = { fingerprint: fp.hash, fingerprintBytes: fp.bytes, dev: file.dev, ino: file.ino, birthtimeNs: file.birthtimeNs, generation, orphaned: false, path: file.path, updatedAtMs: Date.now() };
  if (legacy && legacy.offset <= size && !ctx.checkpoints.has(legacy.fingerprint)) {
    ctx.legacy.delete(legacy.fingerprint);
    const tailHash = await tailHashAt(file.fh, legacy.offset, fp.bytes);
    if (tailHash !== undefined) return { kind: 'legacy', checkpoint: { ...base, identity: legacy.fingerprint, offset: legacy.offset, tailHash } };
  }
  const identity = createHash('sha256').update(`${fp.hash}:${file.dev}:${file.ino}:${file.birthtimeNs}:${generation}`).digest('hex').slice(0, 32);
  return { kind: 'new', checkpoint: { ...base, identity, offset: 0, tailHash: '' } };
}
