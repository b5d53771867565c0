/**
 * File source: adapts the directory tailer (`@log-sentinel/file-tail`) to the intake. A
 * checkpoint moves only after the records are fsynced to the spool; when the spool is full
 * the tailer simply retries later (back-pressure, nothing skipped). A line that cannot
 * become a record (a poison line) is dead-lettered with its reason and the file goes on.
 */
import type { DeadLetter } from '@log-sentinel/elastic-sink';
import { FileTailer, type TailRecord } from '@log-sentinel/file-tail';
import { fileEventId, normalizeFileLine, type LogRecord } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import { OversizedRecordsError, type Ingestor } from '../ingest';
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

/** Where poison lines go; `write` resolves once they are durable (see `DeadLetterWriter`). */
export interface FileDeadLetters {
  /** Stores the letters durably. */
  write(letters: readonly DeadLetter[]): Promise<unknown>;
}

/** Marker index of dead letters that never were documents (file lines that could not be read as records). */
export const FILE_LINE_DEAD_LETTER_INDEX = '(file line)';

/** Starts tailing; resolves with the tailer (call `shutdown()` on it). */
export async function startFileSource(opts: FileSourceOptions, ingestor: Ingestor, metrics: CollectorMetrics, log: Logger, deadLetters: FileDeadLetters): Promise<FileTailer> {
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
      const poison: DeadLetter[] = [];
      const recordLines: TailRecord[] = [];
      const deadLetter = (l: TailRecord, reason: string): void => {
        const docJson = JSON.stringify({ log: { file: { path: l.path }, offset: l.offset }, event: { original: l.text } });
        poison.push({ item: { index: FILE_LINE_DEAD_LETTER_INDEX, id: fileEventId(l.identity, l.offset), docJson }, status: 0, reason, attempts: 0 });
      };
      lines.forEach((l, i) => {
        if (l.text.trim().length === 0) return;
        let reason: string;
        try {
          const r = normalizeFileLine({ line: l.text, path: l.path, fileIdentity: l.identity, offset: l.offset }, i, { receivedAt, origin: 'file' });
          if (r.ok) {
            records.push(r.record);
            recordLines.push(l);
            return;
          }
          reason = `${r.error.field} ${r.error.reason}`;
        } catch (err) {
          reason = `cannot be read as a record: ${(err as Error).message}`;
        }
        deadLetter(l, reason);
      });
      metrics.received.inc({ source: 'file' }, records.length + poison.length);
      let stored = records;
      try {
        await ingestor.ingest(records);
      } catch (err) {
        if (!(err instanceof OversizedRecordsError)) throw err;
        // Lines too large to store are poison too: dead-lettered; the rest of the batch goes on.
        for (const o of err.oversized) deadLetter(recordLines[o.position]!, err.reasonFor(o.bytes));
        stored = err.rest(records);
      }
      if (poison.length) {
        // Durable before the checkpoint can move past them (a retry rewrites the same ids).
        await deadLetters.write(poison);
        metrics.rejected.inc({ source: 'file' }, poison.length);
        log.warn({ deadLettered: poison.length, path: lines[0]?.path, firstId: poison[0].item.id, reason: poison[0].reason }, 'file lines that cannot be stored were dead-lettered; the file goes on');
      }
      if (stored !== records) await ingestor.ingest(stored);
    },
  });
  await tailer.start();
  return tailer;
}
