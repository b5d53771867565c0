/**
 * Tails every regular file of one directory: reads complete records from a checkpointed
 * offset, hands them to `onRecords`, and moves the checkpoint only once that resolves
 * (the consumer made them durable). A file's identity is device + inode + birth time plus
 * a fingerprint of its first N bytes (see `identity.ts`): rename rotation is followed by
 * inode, copytruncate by content, truncation by size and fingerprint checks.
 */
import { watch, type FSWatcher } from 'chokidar';
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { type Checkpoint, type LegacyCheckpoint, loadCheckpoints, saveCheckpoints } from './checkpoints';
import { FileTailError } from './errors';
import { type FileIdentityInput, identify, matchesCheckpoint, tailHashAt } from './identity';
import { splitRecords } from './lines';

/** Names never tailed: temporary files and rotated files that logrotate compressed. */
const COMPRESSED_OR_TEMP = /\.(tmp|gz|bz2|xz|zst|lz4|zip)$/i;

/** One record read from a file. */
export interface TailRecord {
  /** Path the file had when the record was read. */
  path: string;
  /** The file's identity (fingerprint + device + inode): the basis of its event ids, kept across renames and copies. */
  identity: string;
  /** Byte offset of the record's first byte. */
  offset: number;
  /** The record's text, without its final newline. */
  text: string;
}

/** Minimal structured logger (pino-compatible). */
export interface TailLogger {
  /** Recovered problems. */
  warn(obj: object, msg: string): void;
  /** Lifecycle events. */
  info(obj: object, msg: string): void;
}

/** Options of {@link FileTailer}. */
export interface FileTailerOptions {
  /** Directory whose files are tailed (not recursive; dot-files, `*.tmp` and compressed files are ignored). */
  dir: string;
  /** Checkpoint file (JSON, written atomically). */
  checkpointPath: string;
  /** Receives records in file order; resolve only once they are durable. A rejection is retried later. */
  onRecords: (records: TailRecord[]) => Promise<void>;
  /** Bytes hashed for the fingerprint (default 1024); a shorter file waits until it has them or is idle. */
  fingerprintBytes?: number;
  /** A file shorter than `fingerprintBytes` is fingerprinted as it is after this long without growing (default 2000). */
  shortFileIdleMs?: number;
  /** Follow symbolic links whose target is outside the watched directory (default false: skipped and counted). */
  followSymlinks?: boolean;
  /** Start-of-record pattern: lines that do not match it continue the previous record. */
  startPattern?: RegExp;
  /** A held multi-line record is emitted after its file is idle this long (default 1000). */
  multilineTimeoutMs?: number;
  /** Full rescan interval, the safety net behind file events (default 1000). */
  pollIntervalMs?: number;
  /** Bytes read per batch; a line longer than this is split (default 1 MiB). */
  maxBatchBytes?: number;
  /** Logger. */
  logger?: TailLogger;
}

/** Counters of a tailer. */
export interface FileTailStats {
  /** Files currently open. */
  files: number;
  /** Records delivered to `onRecords` successfully. */
  records: number;
  /** Truncations detected. */
  truncations: number;
  /** Renames followed. */
  renames: number;
  /** Lines longer than `maxBatchBytes`, delivered in pieces. */
  longLinesSplit: number;
  /** Rejected `onRecords` calls (retried later). */
  deliveryFailures: number;
  /** Symbolic links skipped (target outside the directory and `followSymlinks` off, or a file tailed directly). */
  symlinksSkipped: number;
  /** Reads dropped because the file was truncated or rewritten during them (its lines are read again under its new identity). */
  changedWhileRead: number;
  /** Rescans completed: passes that listed the directory and polled every file (after two more, whatever was there has been read). */
  rescans: number;
}

interface FileState extends FileIdentityInput {
  path: string;
  fh: fs.FileHandle;
  cp?: Checkpoint;
  sizeSeen: number;
  changedAtMs: number;
}

/** The tailer; `start()` then `shutdown()`. */
export class FileTailer {
  private readonly opts: Required<Omit<FileTailerOptions, 'startPattern' | 'logger'>> & Pick<FileTailerOptions, 'startPattern' | 'logger'>;
  private checkpoints = new Map<string, Checkpoint>();
  private legacy = new Map<string, LegacyCheckpoint>();
  private realDir = '';
  private readonly skippedLinks = new Set<string>();
  private readonly files = new Map<string, FileState>();
  private readonly dirty = new Set<string>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private working: Promise<void> | undefined;
  private saving: Promise<void> | undefined;
  private saveAgain = false;
  private stopped = false;
  private refusing = false;
  private shutdownPromise: Promise<void> | undefined;
  private readonly counters: Omit<FileTailStats, 'files'> = { records: 0, truncations: 0, renames: 0, longLinesSplit: 0, deliveryFailures: 0, symlinksSkipped: 0, changedWhileRead: 0, rescans: 0 };

  /** Validates options; nothing is read until {@link start}. */
  constructor(opts: FileTailerOptions) {
    this.opts = {
      fingerprintBytes: 1024,
      shortFileIdleMs: 2000,
      followSymlinks: false,
      multilineTimeoutMs: 1000,
      pollIntervalMs: 1000,
      maxBatchBytes: 1024 * 1024,
      ...opts,
    };
    for (const key of ['fingerprintBytes', 'shortFileIdleMs', 'multilineTimeoutMs', 'pollIntervalMs', 'maxBatchBytes'] as const) {
      const v = this.opts[key];
      if (!Number.isInteger(v) || v <= 0) throw new FileTailError('INVALID_OPTION', `file tailer option ${key} must be a positive integer, got ${v}`);
    }
  }

  /** Loads checkpoints, creates the directory if needed, and starts watching. */
  async start(): Promise<void> {
    ({ checkpoints: this.checkpoints, legacy: this.legacy } = await loadCheckpoints(this.opts.checkpointPath));
    await fs.mkdir(this.opts.dir, { recursive: true });
    this.realDir = await fs.realpath(this.opts.dir);
    this.watcher = watch(this.opts.dir, { depth: 0, ignoreInitial: true, persistent: false, ignored: (p: string) => this.ignored(p) });
    for (const ev of ['add', 'change', 'unlink'] as const) this.watcher.on(ev, (p: string) => this.markDirty(p));
    this.watcher.on('error', (err) => this.opts.logger?.warn({ err }, 'file watcher error; the periodic rescan continues'));
    await this.rescan();
    this.timer = setInterval(() => void this.rescan(), this.opts.pollIntervalMs);
    this.timer.unref();
  }

  private ignored(p: string): boolean {
    const base = path.basename(p);
    return p !== this.opts.dir && (base.startsWith('.') || COMPRESSED_OR_TEMP.test(base));
  }

  private async rescan(): Promise<void> {
    if (this.stopped) return;
    let names: string[] = [];
    try {
      names = await fs.readdir(this.opts.dir);
    } catch (err) {
      this.opts.logger?.warn({ err, dir: this.opts.dir }, 'cannot list the watched directory');
    }
    for (const n of names) {
      const p = path.join(this.opts.dir, n);
      if (!this.ignored(p)) this.dirty.add(p);
    }
    for (const p of this.files.keys()) this.dirty.add(p);
    this.kick();
    await this.working;
    this.counters.rescans++;
  }

  private markDirty(p: string): void {
    if (this.stopped) return;
    this.dirty.add(p);
    this.kick();
  }

  private kick(): void {
    if (this.working) return;
    this.working = this.work().finally(() => {
      this.working = undefined;
      if (this.dirty.size > 0 && !this.stopped) this.kick();
    });
  }

  private async work(): Promise<void> {
    while (this.dirty.size > 0 && !this.stopped) {
      const [p] = this.dirty;
      this.dirty.delete(p);
      try {
        await this.poll(p);
      } catch (err) {
        this.opts.logger?.warn({ err, path: p }, 'file poll failed; retried at the next rescan');
      }
    }
  }

  /** Whether the symbolic link at `p` is tailed: its target must be outside the directory's own files and allowed. */
  private async linkAllowed(p: string): Promise<boolean> {
    let target: string;
    try {
      target = await fs.realpath(p);
    } catch {
      return false; // dangling: nothing to read
    }
    const inside = path.dirname(target) === this.realDir; // tailed directly under its own name
    const allowed = !inside && this.opts.followSymlinks;
    if (!allowed && !this.skippedLinks.has(p)) {
      this.skippedLinks.add(p);
      this.counters.symlinksSkipped++;
      this.opts.logger?.warn({ path: p, target }, inside ? 'symbolic link to a file of the watched directory skipped (the file is read itself)' : 'symbolic link leaving the watched directory skipped (followSymlinks is off)');
    }
    return allowed;
  }

  private async poll(p: string): Promise<void> {
    let st: Stats | undefined;
    try {
      const lst = await fs.lstat(p);
      st = !lst.isSymbolicLink() ? lst : (await this.linkAllowed(p)) ? await fs.stat(p) : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    let state = this.files.get(p);
    if (state && (!st || st.ino !== state.ino || st.dev !== state.dev)) {
      // Removed or replaced at this path: deliver what the old file still holds, then let go.
      await this.readAvailable(state, true);
      await this.release(state);
      state = undefined;
    }
    if (!st || !st.isFile()) return;
    const { ino, dev } = st;
    const birthtimeNs = st.birthtimeMs > 0 ? String(Math.round(st.birthtimeMs * 1e6)) : '0';
    if (!state) {
      const moved = [...this.files.values()].find((s) => s.ino === ino && s.dev === dev);
      if (moved) {
        // Renamed within the directory: same file, same offset.
        this.files.delete(moved.path);
        moved.path = p;
        this.files.set(p, moved);
        this.counters.renames++;
        state = moved;
      } else {
        state = { path: p, dev, ino, birthtimeNs, fh: await fs.open(p, 'r'), sizeSeen: -1, changedAtMs: Date.now() };
        this.files.set(p, state);
      }
    }
    await this.readAvailable(state, false);
  }

  private async release(state: FileState): Promise<void> {
    this.files.delete(state.path);
    await state.fh.close().catch(() => undefined);
  }

  /** Identifies the file if needed, detects truncation, then delivers its complete records. */
  private async readAvailable(state: FileState, final: boolean): Promise<void> {
    const { size } = await state.fh.stat();
    if (size !== state.sizeSeen) {
      state.sizeSeen = size;
      state.changedAtMs = Date.now();
    }
    if (state.cp) {
      const cp = state.cp;
      if (!(await matchesCheckpoint(state.fh, cp, size))) {
        // Truncated (copytruncate, or rewritten): the old content keeps its checkpoint for a copy.
        this.counters.truncations++;
        this.opts.logger?.warn({ path: state.path, offset: cp.offset, size }, 'file truncated; reading it from the start');
        cp.orphaned = true;
        state.cp = undefined;
        this.scheduleSave();
      }
    }
    if (!state.cp) {
      const idle = final || Date.now() - state.changedAtMs >= this.opts.shortFileIdleMs;
      const live = new Set<Checkpoint>();
      for (const s of this.files.values()) if (s.cp) live.add(s.cp);
      const found = await identify(state, size, idle, { checkpoints: this.checkpoints, legacy: this.legacy, live, fingerprintBytes: this.opts.fingerprintBytes });
      if (found.kind === 'wait') return;
      const cp = found.checkpoint;
      if (found.kind !== 'resume' || cp.path !== state.path) {
        cp.path = state.path;
        this.checkpoints.set(cp.identity, cp);
        this.scheduleSave();
      }
      state.cp = cp;
    }
    while (!this.stopped || final) {
      const delivered = await this.deliverNext(state, size, final);
      if (!delivered) return;
    }
  }

  private async deliverNext(state: FileState, size: number, final: boolean): Promise<boolean> {
    const cp = state.cp!;
    const len = Math.min(size - cp.offset, this.opts.maxBatchBytes);
    if (len <= 0) return false;
    const buf = Buffer.allocUnsafe(len);
    const { bytesRead } = await state.fh.read(buf, 0, len, cp.offset);
    // A short read: the file shrank since its size was taken (truncated, perhaps already
    // rewritten). What came back may be the new content: nothing is delivered from it.
    if (bytesRead < len) return this.changedWhileRead(state, cp.offset, bytesRead, len);
    const chunk = buf.subarray(0, bytesRead);
    const atEof = cp.offset + bytesRead >= size;
    const idle = Date.now() - state.changedAtMs >= this.opts.multilineTimeoutMs;
    const lastLineComplete = chunk.length > 0 && chunk[chunk.length - 1] === 10;
    let { records, consumedTo } = splitRecords(chunk, cp.offset, this.opts.startPattern, atEof && lastLineComplete && (idle || final));
    if (records.length === 0 && !atEof) {
      // One line (or multi-line record) longer than maxBatchBytes: deliver it in pieces.
      this.counters.longLinesSplit++;
      records = [{ offset: cp.offset, endOffset: cp.offset + chunk.length, text: chunk.toString('utf8') }];
      consumedTo = cp.offset + chunk.length;
    }
    if (records.length === 0) return false;
    // The size and identity were checked before this read, not during it: a copytruncate (or
    // any rewrite) in between would have these bytes delivered under the old identity, then
    // read again from byte 0 under the new one, with other event ids. So the file must still
    // hold the checkpoint's first bytes and the bytes before its offset after the read, and the
    // new tail hash is taken before that check.
    const tailHash = (await tailHashAt(state.fh, consumedTo, cp.fingerprintBytes)) ?? '';
    const { size: sizeNow } = await state.fh.stat();
    if (sizeNow < consumedTo || !(await matchesCheckpoint(state.fh, cp, sizeNow))) return this.changedWhileRead(state, cp.offset, bytesRead, len);
    const out: TailRecord[] = records.map((r) => ({ path: state.path, identity: cp.identity, offset: r.offset, text: r.text }));
    try {
      await this.opts.onRecords(out);
    } catch (err) {
      this.counters.deliveryFailures++;
      // Logged once per episode (a full spool refuses every rescan until it drains).
      if (!this.refusing) this.opts.logger?.warn({ err, path: state.path }, 'records not accepted downstream; retrying at every rescan');
      this.refusing = true;
      return false;
    }
    if (this.refusing) this.opts.logger?.info({ path: state.path }, 'records accepted downstream again');
    this.refusing = false;
    this.counters.records += out.length;
    cp.tailHash = tailHash;
    cp.offset = consumedTo;
    cp.path = state.path;
    cp.updatedAtMs = Date.now();
    this.scheduleSave();
    return true;
  }

  /** Drops a read the file no longer vouches for; the file is polled again at once (truncation check, new identity). */
  private changedWhileRead(state: FileState, offset: number, bytesRead: number, len: number): false {
    this.counters.changedWhileRead++;
    this.opts.logger?.warn({ path: state.path, offset, bytesRead, requested: len }, 'file truncated or rewritten while it was read; the read is dropped and the file checked again');
    this.dirty.add(state.path);
    return false;
  }

  private scheduleSave(): void {
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.saving = (async () => {
      do {
        this.saveAgain = false;
        try {
          await saveCheckpoints(this.opts.checkpointPath, this.checkpoints.values());
        } catch (err) {
          this.opts.logger?.warn({ err, file: this.opts.checkpointPath }, 'checkpoint save failed; records may be re-read (same ids) after a restart');
        }
      } while (this.saveAgain);
    })().finally(() => (this.saving = undefined));
  }

  /** Counters. */
  stats(): FileTailStats {
    return { ...this.counters, files: this.files.size };
  }

  /** Stops watching, finishes the batch in hand, saves checkpoints, closes files. Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.stopped = true;
      if (this.timer) clearInterval(this.timer);
      await this.watcher?.close();
      while (this.working) await this.working;
      while (this.saving) await this.saving;
      await saveCheckpoints(this.opts.checkpointPath, this.checkpoints.values());
      for (const s of [...this.files.values()]) await this.release(s);
    })();
    return this.shutdownPromise;
  }
}
