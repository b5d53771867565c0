/**
 * A durable, size-bounded FIFO of opaque records on local disk.
 *
 * Writers `append()` batches; concurrent appends are group-committed (one write + one
 * fdatasync for all of them) and resolve only once their bytes are on disk. One reader
 * `read()`s batches oldest first and `ack()`s them once delivered; a segment file is
 * deleted when it is sealed and every record in it is acknowledged. When the spool is
 * full, `append()` rejects with `SPOOL_FULL` (back-pressure): nothing stored is ever dropped.
 */
import { promises as fs } from 'node:fs';
import { SpoolError } from './errors';
import { FRAME_HEADER_BYTES, SEGMENT_MAGIC, decodeFrames, encodeFrames, frameLengthAt } from './frame';
import { positionAfter, type SpoolPosition } from './position';
import { resolveSpoolOptions, type ResolvedSpoolOptions, type SpoolOptions } from './spool-options';
import { BudgetCounter } from './budget';
import { syncDir } from '@log-sentinel/durable-fs';
import { type RecoveryReport, type Segment, createSegment, readAt, recoverSegments } from './segment';

export type { SpoolOptions } from './spool-options';

/** Records handed out by {@link Spool.read}; pass it back to {@link Spool.ack}. */
export interface SpoolBatch {
  /** Segment the records come from. */
  readonly segmentSeq: number;
  /** Record payloads, oldest first. */
  readonly records: Buffer[];
  /** True when the records were written by an earlier process (recovered at open). */
  readonly recovered: boolean;
  /** Position just after the last record (see {@link Spool.skipThrough}). */
  readonly end: SpoolPosition;
}

/** Counters of a spool, for metrics. */
export interface SpoolStats {
  /** Segment files on disk. */
  segments: number;
  /** Bytes on disk. */
  bytes: number;
  /** Records stored and not yet acknowledged (the queue depth). */
  unackedRecords: number;
  /** Records appended by this process. */
  appendedRecords: number;
  /** Records acknowledged by this process. */
  ackedRecords: number;
  /** Records refused because the spool was full (the writer was told; not a drop). */
  rejectedFullRecords: number;
  /** Records skipped by the reader because their checksum failed. */
  corruptRecordsSkipped: number;
}

interface PendingAppend {
  buf: Buffer;
  count: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A durable disk spool; see the module comment for the guarantees. */
export class Spool {
  /** What was found on disk at open. */
  readonly recovery: RecoveryReport;
  private readonly dir: string;
  private readonly segmentMaxBytes: number;
  private readonly maxTotalBytes: number;
  /** Largest record {@link append} takes, bytes (UTF-8 payload). */
  readonly maxRecordBytes: number;
  private readonly fullRetryAfterMs: number;
  private readonly segmentMaxAgeMs: number;
  private readonly nowMs: () => number;
  /** Epoch ms of the active segment's first record (0 = it holds none yet). */
  private activeSinceMs = 0;
  private ageTimer: NodeJS.Timeout | undefined;
  private readonly segments: Segment[];
  private readonly recoveredSeqMax: number;
  private nextSeq: number;
  private active: { segment: Segment; fh: fs.FileHandle } | undefined;
  private readonly readHandles = new Map<number, fs.FileHandle>();
  private queue: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private flushRunning = false;
  private pendingBytes = 0;
  private diskBytes: number;
  private closed = false;
  private closing: Promise<void> | undefined;
  private dataWaiters: Array<() => void> = [];
  private readonly counters: Omit<SpoolStats, 'segments' | 'bytes'>;
  /** This spool's bytes in the budget it shares with other spools (disk + being written). */
  private readonly budget: BudgetCounter;

  private constructor(opts: ResolvedSpoolOptions, segments: Segment[], recovery: RecoveryReport) {
    this.dir = opts.dir;
    this.segmentMaxBytes = opts.segmentMaxBytes;
    this.maxTotalBytes = opts.maxTotalBytes;
    this.maxRecordBytes = opts.maxRecordBytes;
    this.fullRetryAfterMs = opts.fullRetryAfterMs;
    this.segmentMaxAgeMs = opts.segmentMaxAgeMs;
    this.nowMs = opts.nowMs;
    this.segments = segments;
    this.recovery = recovery;
    this.recoveredSeqMax = segments.length ? segments[segments.length - 1].seq : 0;
    this.nextSeq = this.recoveredSeqMax + 1;
    this.diskBytes = segments.reduce((n, s) => n + s.sizeBytes, 0);
    this.budget = new BudgetCounter(opts.budget);
    this.budget.add(this.diskBytes);
    this.counters = {
      unackedRecords: recovery.records,
      appendedRecords: 0,
      ackedRecords: 0,
      rejectedFullRecords: 0,
      corruptRecordsSkipped: 0,
    };
  }

  /** Opens (creating if needed) the spool in `opts.dir`, recovering what a previous process left. */
  static async open(opts: SpoolOptions): Promise<Spool> {
    const full = resolveSpoolOptions(opts);
    try {
      await fs.mkdir(full.dir, { recursive: true });
      const { segments, report } = await recoverSegments(full.dir, full.maxRecordBytes);
      const spool = new Spool(full, segments, report);
      spool.startAgeTimer();
      return spool;
    } catch (err) {
      throw new SpoolError('SPOOL_IO', `cannot open spool in ${full.dir}: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * Appends records (buffers, or strings stored as UTF-8) durably: resolves once every record is fsynced, rejects with
   * `SPOOL_FULL` (nothing written) when the size bound would be exceeded.
   */
  append(records: readonly (Buffer | string)[]): Promise<void> {
    if (this.closed) return Promise.reject(new SpoolError('SPOOL_CLOSED', 'spool is closed'));
    if (records.length === 0) return Promise.resolve();
    const buf = encodeFrames(records);
    for (let pos = 0; pos < buf.length; pos += FRAME_HEADER_BYTES + buf.readUInt32LE(pos)) {
      const len = buf.readUInt32LE(pos);
      if (len > this.maxRecordBytes) {
        return Promise.reject(new SpoolError('SPOOL_RECORD_TOO_LARGE', `record of ${len} bytes exceeds maxRecordBytes ${this.maxRecordBytes}`));
      }
    }
    if (this.diskBytes + this.pendingBytes + buf.length > this.maxTotalBytes || !this.budget.reserve(buf.length + SEGMENT_MAGIC.length)) {
      this.counters.rejectedFullRecords += records.length;
      return Promise.reject(
        new SpoolError('SPOOL_FULL', `spool is full (${this.diskBytes} of ${this.maxTotalBytes} bytes${this.budget.describe()})`, { retryAfterMs: this.fullRetryAfterMs }),
      );
    }
    this.pendingBytes += buf.length;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ buf, count: records.length, resolve, reject });
      if (!this.flushRunning) {
        this.flushRunning = true;
        this.flushing = this.flushLoop();
      }
    });
  }

  private async flushLoop(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0) {
        // Cleared in the same tick as the empty-queue check, so a later append starts a new loop.
        this.flushRunning = false;
        return;
      }
      const round = this.queue;
      this.queue = [];
      try {
        await this.writeRound(round);
        for (const p of round) p.resolve();
      } catch (err) {
        const e = err instanceof SpoolError ? err : new SpoolError('SPOOL_IO', `spool write failed: ${(err as Error).message}`, { cause: err });
        for (const p of round) p.reject(e);
        await this.abandonActive();
      } finally {
        for (const p of round) {
          this.pendingBytes -= p.buf.length;
          this.budget.add(-(p.buf.length + SEGMENT_MAGIC.length)); // the reservation (a new segment's magic included)
        }
      }
      this.wakeReaders();
    }
  }

  private async writeRound(round: PendingAppend[]): Promise<void> {
    let bufs: Buffer[] = [];
    let bytes = 0;
    let count = 0;
    for (const p of round) {
      let act = this.active ?? (await this.openActive());
      const hasData = bytes > 0 || act.segment.records > 0;
      if (hasData && (act.segment.sizeBytes + bytes + p.buf.length > this.segmentMaxBytes || this.activeTooOld())) {
        await this.commit(act, bufs, bytes, count);
        bufs = [];
        bytes = 0;
        count = 0;
        await this.sealActive();
        act = await this.openActive();
      }
      bufs.push(p.buf);
      bytes += p.buf.length;
      count += p.count;
    }
    if (this.active && bufs.length) await this.commit(this.active, bufs, bytes, count);
  }

  private async commit(act: { segment: Segment; fh: fs.FileHandle }, bufs: Buffer[], bytes: number, count: number): Promise<void> {
    if (bufs.length === 0) return;
    await act.fh.writev(bufs, act.segment.sizeBytes);
    await act.fh.datasync();
    if (act.segment.records === 0) this.activeSinceMs = this.nowMs();
    act.segment.sizeBytes += bytes;
    act.segment.records += count;
    this.diskBytes += bytes;
    this.budget.add(bytes);
    this.counters.appendedRecords += count;
    this.counters.unackedRecords += count;
  }

  private async openActive(): Promise<{ segment: Segment; fh: fs.FileHandle }> {
    const created = await createSegment(this.dir, this.nextSeq++);
    this.segments.push(created.segment);
    this.diskBytes += created.segment.sizeBytes;
    this.budget.add(created.segment.sizeBytes);
    this.active = created;
    return created;
  }

  /** True when the active segment holds records and is older than `segmentMaxAgeMs`. */
  private activeTooOld(): boolean {
    return this.segmentMaxAgeMs > 0 && !!this.active && this.active.segment.records > 0 && this.nowMs() - this.activeSinceMs >= this.segmentMaxAgeMs;
  }

  /** Seals an old active segment while no write is running (appends keep checking in {@link writeRound}). */
  private startAgeTimer(): void {
    if (this.segmentMaxAgeMs === 0) return;
    const everyMs = Math.max(50, Math.min(1000, Math.floor(this.segmentMaxAgeMs / 4)));
    this.ageTimer = setInterval(() => {
      if (this.closed || this.flushRunning || !this.activeTooOld()) return;
      // `sealActive` clears `active` before its first await: an append arriving meanwhile opens a new segment.
      this.sealActive().then(
        () => this.wakeReaders(),
        () => undefined, // a failed close leaves the file to recovery at the next start
      );
    }, everyMs);
    this.ageTimer.unref?.();
  }

  private async sealActive(): Promise<void> {
    const act = this.active;
    if (!act) return;
    this.active = undefined;
    this.activeSinceMs = 0;
    act.segment.sealed = true;
    await act.fh.close();
    await this.maybeDelete(act.segment);
  }

  /** After a failed write: cut the segment back to its last durable size and stop using it. */
  private async abandonActive(): Promise<void> {
    const act = this.active;
    if (!act) return;
    this.active = undefined;
    act.segment.sealed = true;
    try {
      await act.fh.truncate(act.segment.sizeBytes);
    } catch {
      // The reader never goes past sizeBytes; recovery cuts any torn tail at the next start.
    }
    await act.fh.close().catch(() => undefined);
  }

  private wakeReaders(): void {
    const waiters = this.dataWaiters;
    this.dataWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when new records may be readable, after `timeoutMs`, or at close. */
  waitForData(timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      timer.unref?.();
      const waiter = (): void => done();
      this.dataWaiters.push(waiter);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /**
   * Reads the next records (oldest first, from one segment) up to `maxRecords` and about
   * `maxBytes` of payload; undefined when nothing unread is durable yet. One reader at a time.
   */
  async read(maxRecords: number, maxBytes: number): Promise<SpoolBatch | undefined> {
    for (const seg of [...this.segments]) {
      while (seg.readPos < seg.sizeBytes) {
        const batch = await this.readFrom(seg, maxRecords, maxBytes);
        if (batch) return batch;
      }
      if (!seg.sealed) return undefined;
      await this.maybeDelete(seg);
    }
    return undefined;
  }

  private async readFrom(seg: Segment, maxRecords: number, maxBytes: number): Promise<SpoolBatch | undefined> {
    const fh = await this.readHandle(seg);
    const available = seg.sizeBytes - seg.readPos;
    // Read about what is asked for (at most 1 MiB at a time); callers loop for more.
    let want = Math.min(available, Math.max(64 * 1024, Math.min(maxBytes + FRAME_HEADER_BYTES * maxRecords, 1024 * 1024)));
    let buf = await readAt(fh, seg.readPos, want);
    let decoded = decodeFrames(buf, this.maxRecordBytes, maxRecords, maxBytes);
    if (decoded.payloads.length === 0 && decoded.consumed === 0 && !decoded.broken) {
      const frameLen = frameLengthAt(buf, 0);
      want = Math.min(available, frameLen ?? available);
      buf = await readAt(fh, seg.readPos, want);
      decoded = decodeFrames(buf, this.maxRecordBytes, maxRecords, Infinity);
    }
    this.counters.corruptRecordsSkipped += decoded.corrupt;
    if (decoded.broken || (decoded.consumed === 0 && decoded.payloads.length === 0)) {
      // Nothing after this point can be trusted: skip the rest of the segment.
      this.counters.corruptRecordsSkipped += 1;
      seg.readPos = seg.sizeBytes;
      seg.records = seg.readRecords;
    } else {
      seg.readPos += decoded.consumed;
    }
    if (decoded.payloads.length === 0) return undefined;
    seg.readRecords += decoded.payloads.length;
    const end = positionAfter(seg.seq, seg.readPos, decoded.payloads[decoded.payloads.length - 1]!);
    return { segmentSeq: seg.seq, records: decoded.payloads, recovered: seg.seq <= this.recoveredSeqMax, end };
  }

  private async readHandle(seg: Segment): Promise<fs.FileHandle> {
    let fh = this.readHandles.get(seg.seq);
    if (!fh) {
      fh = await fs.open(seg.path, 'r');
      this.readHandles.set(seg.seq, fh);
    }
    return fh;
  }

  /**
   * Before the first {@link read}: marks every record up to `pos` read and acknowledged (a
   * consumer handled them before a crash), so they are not replayed; returns how many. Skips
   * nothing (0) unless a record of a segment recovered at open ends exactly at `pos` and has its checksum.
   */
  async skipThrough(pos: SpoolPosition): Promise<number> {
    const target = this.segments.find((s) => s.seq === pos.segment && s.seq <= this.recoveredSeqMax);
    if (!target || this.segments.some((s) => s.readRecords > 0) || pos.offset <= SEGMENT_MAGIC.length || pos.offset > target.sizeBytes) return 0;
    const bytes = await readAt(await this.readHandle(target), SEGMENT_MAGIC.length, pos.offset - SEGMENT_MAGIC.length);
    const upTo = decodeFrames(bytes, this.maxRecordBytes);
    const last = upTo.payloads[upTo.payloads.length - 1];
    if (upTo.broken || upTo.corrupt > 0 || upTo.consumed !== bytes.length || !last || positionAfter(pos.segment, pos.offset, last).crc !== pos.crc) return 0;
    let skipped = 0;
    for (const seg of this.segments.filter((s) => s.seq <= pos.segment)) {
      const n = seg === target ? upTo.payloads.length : seg.records;
      seg.readPos = seg === target ? pos.offset : seg.sizeBytes;
      seg.readRecords = seg.ackedRecords = n;
      skipped += n;
      await this.maybeDelete(seg);
    }
    this.counters.ackedRecords += skipped;
    this.counters.unackedRecords -= skipped;
    return skipped;
  }

  /** The newest record `pick` recognises (segments newest first; independent of the reader), or undefined. */
  async findNewest<T>(pick: (payload: Buffer) => T | undefined): Promise<T | undefined> {
    for (const seg of [...this.segments].reverse()) {
      let file: Buffer;
      try {
        file = await fs.readFile(seg.path);
      } catch {
        continue; // delivered and deleted meanwhile
      }
      const { payloads } = decodeFrames(file.subarray(SEGMENT_MAGIC.length, seg.sizeBytes), this.maxRecordBytes);
      for (let i = payloads.length - 1; i >= 0; i--) {
        const found = pick(payloads[i]!);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  /** Acknowledges a batch from {@link read}: its records are delivered and may be deleted. */
  async ack(batch: SpoolBatch): Promise<void> {
    const seg = this.segments.find((s) => s.seq === batch.segmentSeq);
    if (!seg) return;
    seg.ackedRecords += batch.records.length;
    this.counters.ackedRecords += batch.records.length;
    this.counters.unackedRecords -= batch.records.length;
    await this.maybeDelete(seg);
  }

  private async maybeDelete(seg: Segment): Promise<void> {
    if (!seg.sealed || seg.readPos < seg.sizeBytes || seg.ackedRecords < seg.readRecords) return;
    const i = this.segments.indexOf(seg);
    if (i < 0) return;
    this.segments.splice(i, 1);
    const fh = this.readHandles.get(seg.seq);
    this.readHandles.delete(seg.seq);
    await fh?.close();
    await fs.unlink(seg.path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    this.diskBytes -= seg.sizeBytes;
    this.budget.add(-seg.sizeBytes);
  }

  /** Current counters. */
  stats(): SpoolStats {
    return { ...this.counters, segments: this.segments.length, bytes: this.diskBytes };
  }

  /** True when appends would currently be refused for lack of space. */
  isFull(extraBytes = 0): boolean {
    return this.diskBytes + this.pendingBytes + extraBytes > this.maxTotalBytes || this.budget.wouldExceed(extraBytes);
  }

  /**
   * Stops accepting appends, waits for pending ones to be durable, seals the active segment
   * (deleting it when fully acknowledged). Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      if (this.ageTimer) clearInterval(this.ageTimer);
      while (this.flushRunning) await this.flushing;
      await this.sealActive();
      for (const fh of this.readHandles.values()) await fh.close().catch(() => undefined);
      this.readHandles.clear();
      await syncDir(this.dir).catch(() => undefined);
      this.wakeReaders();
    })();
    return this.closing;
  }
}
