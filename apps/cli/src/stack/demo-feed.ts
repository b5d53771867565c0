/**
 * Delivers generated demo records to a collector the two ways applications do: web
 * services POST their logs (NDJSON over HTTP), the background worker writes a log file
 * into the watched directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodedError } from '@log-sentinel/coded-error';
import { toRawLine, type DemoRecord } from '@log-sentinel/demo-generator';

/** Error of the demo's I/O with the stack. */
export class DemoError extends CodedError<'DEMO_HTTP_REJECTED' | 'DEMO_TIMEOUT' | 'DEMO_STACK_FAILED' | 'DEMO_INTERRUPTED'> {}

/** True for records the demo delivers through the watched directory (background jobs). */
export function viaFile(r: DemoRecord): boolean {
  return r.source === 'jobs';
}

/** The JSON object POSTed for a record: the Log Sentinel shape plus the client id and session. */
export function httpItem(r: DemoRecord): Record<string, string> {
  return { id: r.id, timestamp: r.timestamp, level: r.level, message: r.message, source: r.source, 'host.name': r.host, 'session.id': r.sessionId };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** POSTs records as one NDJSON body, honouring 429/503 Retry-After; throws DemoError when rejected. */
export async function postRecords(collectorUrl: string, records: readonly DemoRecord[], attempts = 20): Promise<number> {
  if (records.length === 0) return 0;
  const body = records.map((r) => JSON.stringify(httpItem(r))).join('\n') + '\n';
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(new URL('/logs', collectorUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body,
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      if (attempt >= attempts) throw new DemoError('DEMO_STACK_FAILED', `POST /logs failed: ${(err as Error).message}`, { cause: err });
      await sleep(500);
      continue;
    }
    const text = await res.text();
    if (res.ok) {
      const reply = JSON.parse(text) as { accepted?: number; rejected?: unknown[] };
      if (Array.isArray(reply.rejected) && reply.rejected.length > 0) {
        throw new DemoError('DEMO_HTTP_REJECTED', `collector rejected ${reply.rejected.length} demo records: ${JSON.stringify(reply.rejected.slice(0, 3))}`);
      }
      return reply.accepted ?? records.length;
    }
    if ((res.status === 429 || res.status === 503) && attempt < attempts) {
      const after = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 10) * 1000 : 500);
      continue;
    }
    throw new DemoError('DEMO_HTTP_REJECTED', `POST /logs answered HTTP ${res.status}: ${text.slice(0, 500)}`);
  }
}

/** Appends raw lines of the background worker's records to one log file in the watched directory. */
export class WatchedFileFeed {
  /** Path of the log file written. */
  readonly file: string;

  /** Creates (or appends to) `<watchDir>/<name>`. */
  constructor(watchDir: string, name: string) {
    fs.mkdirSync(watchDir, { recursive: true });
    this.file = path.join(watchDir, name);
  }

  /** Appends one line per record (newline-terminated, fsynced so the tailer sees whole lines). */
  append(records: readonly DemoRecord[]): void {
    if (records.length === 0) return;
    const fd = fs.openSync(this.file, 'a');
    try {
      fs.writeSync(fd, records.map((r) => toRawLine(r) + '\n').join(''));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Sends records in time order: HTTP records in batches, file records appended between batches. */
export async function deliver(
  records: readonly DemoRecord[],
  target: { collectorUrl: string; file: WatchedFileFeed; batchSize: number },
): Promise<{ http: number; file: number }> {
  let http = 0;
  let file = 0;
  for (let i = 0; i < records.length; i += target.batchSize) {
    const slice = records.slice(i, i + target.batchSize);
    const lines = slice.filter(viaFile);
    const posts = slice.filter((r) => !viaFile(r));
    target.file.append(lines);
    file += lines.length;
    http += await postRecords(target.collectorUrl, posts);
  }
  return { http, file };
}
