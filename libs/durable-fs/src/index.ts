/**
 * Durable file-system steps, the one implementation every package uses: write + fsync, fsync a
 * directory, atomic replace (temp file in the same directory, fsync, rename, fsync of the
 * directory — so after a crash a reader sees the old file or the new one, never a torn one,
 * and the rename itself survives). A sync variant serves the CLI's one-shot output files.
 */
import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/** Writes `data` to `file` and fsyncs it before closing. */
export async function writeFileSynced(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fsp.open(file, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Fsyncs a directory so renames, creations and deletions inside it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A temp name beside `file` (same directory, so the rename is atomic), unique per process and call. */
function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** Replaces `file` atomically: temp file in the same directory, fsync, rename, fsync of the directory. */
export async function replaceFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = tempNameFor(file);
  try {
    await writeFileSynced(tmp, data);
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await syncDir(path.dirname(file));
}

/** {@link replaceFileAtomic}, synchronously (one-shot CLI output). */
export function replaceFileAtomicSync(file: string, data: Uint8Array | string): void {
  const tmp = tempNameFor(file);
  try {
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDirSync(path.dirname(file));
}

/** {@link syncDir}, synchronously. */
export function syncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
