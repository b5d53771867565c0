/**
 * Local store of flagged documents (records and session verdicts): serves `GET /anomalies`
 * when Elasticsearch is not configured or not reachable, and feedback look-ups then. Bounded
 * in documents and in bytes (oldest dropped first, counted: flagged records of 1 MiB each once
 * grew the collector past 4 GB in the issue 17 fuzz run); kept across
 * restarts in an append-only NDJSON file compacted by an atomic replace (libs/durable-fs).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { replaceFileAtomic } from '@log-sentinel/durable-fs';
import { groupAnomalies, type AnomalyKind, type ElasticLogDocument } from '@log-sentinel/schema';

/** Filters of {@link AnomalyStore.query}, as `GET /anomalies` takes them. */
export interface LocalAnomalyQuery {
  /** Only records or only session verdicts. */
  kind?: AnomalyKind;
  /** One document per `anomaly.group` with `repeats` and `last_seen` (default true). */
  group?: boolean;
}

/** What the store reports (metrics, logs): never swallowed. */
export interface AnomalyStoreEvents {
  /** Oldest documents dropped because the store was full. */
  dropped?: (count: number) => void;
  /** Persisting to the file failed (the documents stay in memory; the spool holds the records). */
  writeFailed?: (err: Error) => void;
}

/** Bounded store of flagged documents. */
export class AnomalyStore {
  private docs: ElasticLogDocument[] = [];
  /** JSON length of each document in {@link docs}. */
  private sizes: number[] = [];
  private bytes = 0;
  private fileLines = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly max: number,
    private readonly events: AnomalyStoreEvents,
    private readonly maxBytes: number,
  ) {}

  /** Opens the store, loading what a previous process kept. */
  static async open(file: string, max: number, events: AnomalyStoreEvents = {}, maxBytes = 64 * 1024 * 1024): Promise<AnomalyStore> {
    const store = new AnomalyStore(file, max, events, maxBytes);
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      const text = await fs.readFile(file, 'utf8');
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          store.docs.push(JSON.parse(line) as ElasticLogDocument);
          store.sizes.push(line.length);
          store.bytes += line.length;
          store.fileLines++;
        } catch {
          // A torn last line after a crash: skip it.
        }
      }
      store.trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return store;
  }

  /** Number of documents held. */
  get size(): number {
    return this.docs.length;
  }

  /** Adds flagged documents (persisted in the background; the spool holds the records durably). */
  add(docs: readonly ElasticLogDocument[]): Promise<void> {
    if (docs.length === 0) return this.writing;
    const lines = docs.map((d) => JSON.stringify(d));
    this.docs.push(...docs);
    for (const l of lines) {
      this.sizes.push(l.length);
      this.bytes += l.length;
    }
    const over = this.trim();
    if (over > 0) this.events.dropped?.(over);
    const text = lines.join('\n') + '\n';
    this.fileLines += docs.length;
    const compact = this.fileLines > 2 * this.max;
    this.writing = this.writing.then(() => (compact ? this.compact() : fs.appendFile(this.file, text))).catch((err: Error) => this.events.writeFailed?.(err));
    return this.writing;
  }

  /** Drops the oldest documents past `max` documents or `maxBytes` (the newest is always kept); returns how many. */
  private trim(): number {
    let over = Math.max(0, this.docs.length - this.max);
    let bytes = this.bytes;
    for (let i = 0; i < over; i++) bytes -= this.sizes[i]!;
    while (bytes > this.maxBytes && over < this.docs.length - 1) bytes -= this.sizes[over++]!;
    if (over > 0) {
      this.docs.splice(0, over);
      this.sizes.splice(0, over);
      this.bytes = bytes;
    }
    return over;
  }

  private async compact(): Promise<void> {
    await replaceFileAtomic(this.file, this.docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    this.fileLines = this.docs.length;
  }

  /**
   * Flagged documents at or after `since`, newest first, at most `limit`; grouped by default
   * exactly as the Elasticsearch query groups them (`groupAnomalies`).
   */
  query(since: Date | undefined, limit: number, options: LocalAnomalyQuery = {}): ElasticLogDocument[] {
    const min = since?.getTime() ?? -Infinity;
    const kindOf = (d: ElasticLogDocument): AnomalyKind => d.anomaly?.kind ?? 'record';
    const newestFirst = this.docs
      .filter((d) => Date.parse(d['@timestamp']) >= min && (!options.kind || kindOf(d) === options.kind))
      .sort((a, b) => Date.parse(b['@timestamp']) - Date.parse(a['@timestamp']) || (a.event.id < b.event.id ? -1 : 1));
    return options.group === false ? newestFirst.slice(0, limit) : groupAnomalies(newestFirst, limit);
  }

  /** Documents with these event ids. */
  byEventIds(ids: readonly string[]): ElasticLogDocument[] {
    const want = new Set(ids);
    return this.docs.filter((d) => want.has(d.event.id));
  }

  /** Up to `limit` record documents of a template, newest first. */
  byTemplate(templateId: string, limit: number): ElasticLogDocument[] {
    return this.docs.filter((d) => d.template?.id === templateId && d.anomaly?.kind !== 'session').reverse().slice(0, limit);
  }

  /** Waits for pending writes. */
  async flush(): Promise<void> {
    await this.writing;
  }
}
