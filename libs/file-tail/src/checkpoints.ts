/**
 * Checkpoint store of the tailer: for each file identity, the offset up to which its
 * records are durable downstream, and what identifies the file. Saved as versioned JSON,
 * temp file + fsync + rename. Format 1 files (identity = first line) are read as legacy
 * entries so an upgrade neither re-reads nor re-ids a file.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileTailError } from './errors';
import { replaceFileAtomic } from '@log-sentinel/durable-fs';

/** Format version of the checkpoint file. */
export const CHECKPOINT_VERSION = 2;

/** One file's checkpoint. */
export interface Checkpoint {
  /** The file's identity: the basis of its event ids; never given to another file. */
  identity: string;
  /** Hash of the file's first `fingerprintBytes` bytes (see `fingerprint.ts`). */
  fingerprint: string;
  /** Bytes covered by `fingerprint`. */
  fingerprintBytes: number;
  /** Device of the file. */
  dev: number;
  /** Inode of the file. */
  ino: number;
  /** Birth time in ns as a decimal string ("0" where the filesystem does not report it). */
  birthtimeNs: string;
  /** How many identities this device + inode had before this one (a reused inode or a rewritten file). */
  generation: number;
  /** First byte not yet delivered. */
  offset: number;
  /** Hash of the bytes just before `offset` (up to `fingerprintBytes` of them); "" at offset 0. */
  tailHash: string;
  /** Set once the file was truncated or rewritten: the content now lives only in a copy, if anywhere. */
  orphaned: boolean;
  /** Path the file was last seen at. */
  path: string;
  /** Last update, epoch ms. */
  updatedAtMs: number;
}

/** A format 1 checkpoint: the offset of the file whose first line hashes to `fingerprint`. */
export interface LegacyCheckpoint {
  /** First-line hash; becomes the file's identity so its event ids stay the same. */
  fingerprint: string;
  /** First byte not yet delivered. */
  offset: number;
}

/** What {@link loadCheckpoints} found. */
export interface LoadedCheckpoints {
  /** Format 2 checkpoints by identity. */
  checkpoints: Map<string, Checkpoint>;
  /** Format 1 checkpoints by first-line hash, waiting for their file. */
  legacy: Map<string, LegacyCheckpoint>;
}

function invalid(file: string, c: unknown): FileTailError {
  return new FileTailError('CHECKPOINT_UNREADABLE', `checkpoint file ${file} has an invalid entry ${JSON.stringify(c)}`);
}

/** Reads the checkpoint file; an absent file means no checkpoints. */
export async function loadCheckpoints(file: string): Promise<LoadedCheckpoints> {
  const out: LoadedCheckpoints = { checkpoints: new Map(), legacy: new Map() };
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw new FileTailError('CHECKPOINT_UNREADABLE', `cannot read checkpoint file ${file}: ${(err as Error).message}`, err);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new FileTailError('CHECKPOINT_UNREADABLE', `checkpoint file ${file} is not JSON: ${(err as Error).message}`, err);
  }
  const obj = parsed as { version?: unknown; checkpoints?: unknown };
  if (obj.version !== CHECKPOINT_VERSION && obj.version !== 1) {
    throw new FileTailError('CHECKPOINT_VERSION', `checkpoint file ${file} has version ${String(obj.version)}, expected ${CHECKPOINT_VERSION} (or 1)`);
  }
  if (!Array.isArray(obj.checkpoints)) throw new FileTailError('CHECKPOINT_UNREADABLE', `checkpoint file ${file} has no checkpoints array`);
  const offsetOk = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
  for (const c of obj.checkpoints as Record<string, unknown>[]) {
    if (obj.version === 1) {
      if (typeof c.fingerprint !== 'string' || !offsetOk(c.offset)) throw invalid(file, c);
      out.legacy.set(c.fingerprint, { fingerprint: c.fingerprint, offset: c.offset as number });
      continue;
    }
    if (
      typeof c.identity !== 'string' || typeof c.fingerprint !== 'string' || typeof c.birthtimeNs !== 'string' || typeof c.tailHash !== 'string' ||
      ![c.offset, c.fingerprintBytes, c.dev, c.ino, c.generation].every(offsetOk)
    ) {
      throw invalid(file, c);
    }
    out.checkpoints.set(c.identity, {
      identity: c.identity,
      fingerprint: c.fingerprint,
      fingerprintBytes: c.fingerprintBytes as number,
      dev: c.dev as number,
      ino: c.ino as number,
      birthtimeNs: c.birthtimeNs,
      generation: c.generation as number,
      offset: c.offset as number,
      tailHash: c.tailHash,
      orphaned: c.orphaned === true,
      path: String(c.path),
      updatedAtMs: Number(c.updatedAtMs) || 0,
    });
  }
  return out;
}

/** Writes the checkpoints atomically: temp file, fsync, rename, fsync of the directory. */
export async function saveCheckpoints(file: string, checkpoints: Iterable<Checkpoint>): Promise<void> {
  const body = JSON.stringify({ version: CHECKPOINT_VERSION, checkpoints: [...checkpoints] });
  await fs.mkdir(path.dirname(file), { recursive: true });
  await replaceFileAtomic(file, body);
}
