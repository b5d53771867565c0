/**
 * Checkpoint store of the tailer: for each file fingerprint, the offset up to which its
 * records are durable downstream. Saved as versioned JSON, temp file + fsync + rename.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileTailError } from './errors';

/** Format version of the checkpoint file. */
export const CHECKPOINT_VERSION = 1;

/** One file's checkpoint. */
export interface Checkpoint {
  /** Content fingerprint of the file (see `fingerprint.ts`). */
  fingerprint: string;
  /** First byte not yet delivered. */
  offset: number;
  /** Path the file was last seen at. */
  path: string;
  /** Last update, epoch ms. */
  updatedAtMs: number;
}

/** Reads the checkpoint file; an absent file means no checkpoints. */
export async function loadCheckpoints(file: string): Promise<Map<string, Checkpoint>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new FileTailError('CHECKPOINT_UNREADABLE', `cannot read checkpoint file ${file}: ${(err as Error).message}`, err);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new FileTailError('CHECKPOINT_UNREADABLE', `checkpoint file ${file} is not JSON: ${(err as Error).message}`, err);
  }
  const obj = parsed as { version?: unknown; checkpoints?: unknown };
  if (obj.version !== CHECKPOINT_VERSION) {
    throw new FileTailError('CHECKPOINT_VERSION', `checkpoint file ${file} has version ${String(obj.version)}, expected ${CHECKPOINT_VERSION}`);
  }
  if (!Array.isArray(obj.checkpoints)) throw new FileTailError('CHECKPOINT_UNREADABLE', `checkpoint file ${file} has no checkpoints array`);
  const out = new Map<string, Checkpoint>();
  for (const c of obj.checkpoints as Checkpoint[]) {
    if (typeof c.fingerprint !== 'string' || !Number.isSafeInteger(c.offset) || c.offset < 0) {
      throw new FileTailError('CHECKPOINT_UNREADABLE', `checkpoint file ${file} has an invalid entry ${JSON.stringify(c)}`);
    }
    out.set(c.fingerprint, { fingerprint: c.fingerprint, offset: c.offset, path: String(c.path), updatedAtMs: Number(c.updatedAtMs) || 0 });
  }
  return out;
}

/** Writes the checkpoints atomically: temp file, fsync, rename, fsync of the directory. */
export async function saveCheckpoints(file: string, checkpoints: Iterable<Checkpoint>): Promise<void> {
  const body = JSON.stringify({ version: CHECKPOINT_VERSION, checkpoints: [...checkpoints] });
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(body);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
  const dh = await fs.open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}
