/**
 * File source: adapts the directory tailer (`@log-sentinel/file-tail`) to the intake. A
 * checkpoint moves only after the records are fsynced to the spool; when the spool is full
 * the tailer simply retries later (back-pressure, nothing skipped).
 */
import { FileTailer, type TailRecord } from '@log-sentinel/file-tail';
import { normalizeFileLine, type LogRecord } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import type { Ingestor } from '../ingest';
import type { CollectorMetrics } from '../metrics';

/** Options of {@link startFileSource}. */
export interface FileSourceOptions {
  /** Watched directory. */
  dir: string;
  /** Checkpoint file. */
  checkpointPath: string;
  /** Start-of-record pattern for multi-line records. */
  multilineStart?: RegExp;
  /** Rescan interval. */
  pollIntervalMs: number;
  /** Bytes of the identity fingerprint. */
  fingerprintBytes: number;
  /** Idle time after which a file shorter than the fingerprint is read. */
  shortFileIdleMs: number;
  /** Follow symbolic links leaving the directory. */
  followSymlinks: boolean;
}

/** Starts tailing; resolves with the tailer (call `shutdown()` on it). */
export async function startFileSource(opts: FileSourceOptions, ingestor: Ingestor, metrics: CollectorMetrics, log: Logger): Promise<FileTailer> {
  const tailer = new FileTailer({
    dir: opts.dir,
    checkpointPath: opts.checkpointPath,
    pollIntervalMs: opts.pollIntervalMs,
    fingerprintBytes: opts.fingerprintBytes,
    shortFileIdleMs: opts.shortFileIdleMs,
    followSymlinks: opts.followSymlinks,
    ...(opts.multilineStart ? { startPattern: opts.multilineStart } : {}),
    logger: log,
    onRecords: async (lines: TailRecord[]) => {
      const receivedAt = new Date();
      const records: LogRecord[] = [];
      let rejected = 0;
      lines.forEach((l, i) => {
        if (l.text.trim().length === 0) return;
        const r = normalizeFileLine({ line: l.text, path: l.path, fileIdentity: l.identity, offset: l.offset }, i, { receivedAt, origin: 'file' });
        if (r.ok) records.push(r.record);
        else rejected++;
      });
      metrics.received.inc({ source: 'file' }, records.length + rejected);
      if (rejected) {
        metrics.rejected.inc({ source: 'file' }, rejected);
        log.warn({ rejected, path: lines[0]?.path }, 'file lines could not be read as records and were skipped');
      }
      await ingestor.ingest(records);
    },
  });
  await tailer.start();
  return tailer;
}
