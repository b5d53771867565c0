/** On-disk segment files of the spool: naming, creation and crash recovery. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { replaceFileAtomic, syncDir } from '@log-sentinel/durable-fs';
import { SEGMENT_MAGIC, scanFrames } from './frame';

/** File name suffix of a segment. */
export const SEGMENT_SUFFIX = '.seg';

/** In-memory state of one segment file. */
export interface Segment {
  /** Sequence number (file name), increasing with age. */
  seq: number;
  /** Absolute file path. */
  path: string;
  /** Durable bytes (magic included): readers never go past it. */
  sizeBytes: number;
  /** True once no more records will be appended. */
  sealed: boolean;
  /** Valid records known to be in the file. */
  records: number;
  /** Next byte the reader will read. */
  readPos: number;
  /** Records handed out by the reader. */
  readRecords: number;
  /** Records acknowledged by the consumer. */
  ackedRecords: number;
}

/** What recovery found in the existing segments. */
export interface RecoveryReport {
  /** Segments found (and kept). */
  segments: number;
  /** Valid records found in them, to be replayed oldest first. */
  records: number;
  /** Records whose checksum failed (skipped). */
  corruptRecords: number;
  /** Torn records at segment tails (a write cut by a crash), cut off. */
  tornRecords: number;
  /** Bytes cut off segment tails. */
  truncatedBytes: number;
  /** Damaged regions inside segments skipped by resynchronising on the next valid frame (records in them are lost). */
  skippedRegions: number;
  /** Bytes in those regions. */
  skippedBytes: number;
}

/** Path of segment `seq` in `dir`. */
export function segmentPath(dir: string, seq: number): string {
  return path.join(dir, `${seq.toString().padStart(16, '0')}${SEGMENT_SUFFIX}`);
}

/** Creates segment `seq` with its magic header, durably (file and directory entry fsynced). */
export async function createSegment(dir: string, seq: number): Promise<{ segment: Segment; fh: fs.FileHandle }> {
  const file = segmentPath(dir, seq);
  const fh = await fs.open(file, 'wx');
  await fh.write(SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length, 0);
  await fh.datasync();
  await syncDir(dir);
  const segment: Segment = {
    seq,
    path: file,
    sizeBytes: SEGMENT_MAGIC.length,
    sealed: false,
    records: 0,
    readPos: SEGMENT_MAGIC.length,
    readRecords: 0,
    ackedRecords: 0,
  };
  return { segment, fh };
}

/**
 * Opens the segments left in `dir` (oldest first), validating every record: a torn tail
 * (a write cut by a crash) is cut off and counted; a damaged region inside a segment is
 * skipped by resynchronising on the next valid frame, counted, and cut out of the file; files too short to hold the magic are
 * removed; files with a foreign header are renamed `*.bad` and left for an operator.
 */
export async function recoverSegments(dir: string, maxRecordBytes: number): Promise<{ segments: Segment[]; report: RecoveryReport; badFiles: string[] }> {
  const all = await fs.readdir(dir);
  // A rewrite cut short by a crash: the original segment is still in place.
  for (const stale of all.filter((n) => /^\d+\.seg\.tmp$/.test(n))) await fs.unlink(path.join(dir, stale));
  const names = all.filter((n) => n.endsWith(SEGMENT_SUFFIX) && /^\d+\.seg$/.test(n)).sort();
  const report: RecoveryReport = { segments: 0, records: 0, corruptRecords: 0, tornRecords: 0, truncatedBytes: 0, skippedRegions: 0, skippedBytes: 0 };
  const segments: Segment[] = [];
  const badFiles: string[] = [];
  let changed = false;
  for (const name of names) {
    const file = path.join(dir, name);
    const buf = await fs.readFile(file);
    if (buf.length < SEGMENT_MAGIC.length) {
      report.truncatedBytes += buf.length;
      await fs.unlink(file);
      changed = true;
      continue;
    }
    if (!buf.subarray(0, SEGMENT_MAGIC.length).equals(SEGMENT_MAGIC)) {
      await fs.rename(file, `${file}.bad`);
      badFiles.push(`${file}.bad`);
      changed = true;
      continue;
    }
    const body = buf.subarray(SEGMENT_MAGIC.length);
    const scan = scanFrames(body, maxRecordBytes);
    let validEnd = SEGMENT_MAGIC.length + scan.tornAt;
    if (scan.tornAt < body.length) {
      report.tornRecords++;
      report.truncatedBytes += body.length - scan.tornAt;
    }
    if (scan.skippedRegions > 0) {
      // Rewrite the segment without the damaged regions (atomic replace), so the reader only
      // ever meets whole frames.
      report.skippedRegions += scan.skippedRegions;
      report.skippedBytes += scan.skippedBytes;
      const kept = Buffer.concat([SEGMENT_MAGIC, ...scan.keep.map((r) => body.subarray(r.start, r.end))]);
      await replaceFileAtomic(file, kept);
      changed = true;
      validEnd = kept.length;
    } else if (validEnd < buf.length) {
      const fh = await fs.open(file, 'r+');
      try {
        await fh.truncate(validEnd);
        await fh.datasync();
      } finally {
        await fh.close();
      }
    }
    const decoded = { corrupt: scan.corrupt, records: scan.records };
    report.corruptRecords += decoded.corrupt;
    report.records += decoded.records;
    report.segments++;
    segments.push({
      seq: Number(name.slice(0, -SEGMENT_SUFFIX.length)),
      path: file,
      sizeBytes: validEnd,
      sealed: true,
      records: decoded.records,
      readPos: SEGMENT_MAGIC.length,
      readRecords: 0,
      ackedRecords: 0,
    });
  }
  if (changed) await syncDir(dir);
  return { segments, report, badFiles };
}

/** Reads `len` bytes at `pos` (fewer at the end of the file). */
export async function readAt(fh: fs.FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(len);
  let got = 0;
  while (got < len) {
    const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === len ? buf : buf.subarray(0, got);
}
