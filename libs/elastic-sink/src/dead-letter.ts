/**
 * Dead letters: documents Elasticsearch refused for good (mapping errors, other 4xx, or
 * 429/5xx past the attempt limit), kept with the reason in the index `<prefix>.deadletter`
 * or, when that fails, in an fsynced NDJSON file. `write()` resolves only once they are durable.
 */
import type { Client } from '@elastic/elasticsearch';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { docText, type SinkItem } from './sink';

/** A refused document and why. */
export interface DeadLetter {
  /** The document as it was sent. */
  item: SinkItem;
  /** HTTP status of the refusal (0 if none). */
  status: number;
  /** Elasticsearch's reason. */
  reason: string;
  /** Attempts made. */
  attempts: number;
}

const MAPPINGS = {
  dynamic: false,
  properties: {
    '@timestamp': { type: 'date' },
    event: { properties: { id: { type: 'keyword' } } },
    dead_letter: {
      properties: {
        reason: { type: 'text' },
        status: { type: 'integer' },
        index: { type: 'keyword' },
        attempts: { type: 'integer' },
        document: { type: 'keyword', index: false, doc_values: false },
      },
    },
  },
};

/** Name of the dead-letter index of a prefix (outside the `<prefix>-*` template pattern). */
export function deadLetterIndex(prefix: string): string {
  return `${prefix}.deadletter`;
}

/** Writes dead letters to Elasticsearch, falling back to a local file. */
export class DeadLetterWriter {
  private indexReady = false;

  /** `client` may be undefined (Elasticsearch off): then only the file is used. */
  constructor(
    private readonly client: Client | undefined,
    private readonly prefix: string,
    private readonly file: string,
  ) {}

  /** Stores the dead letters durably (index, else file); rejects only if both fail. */
  async write(letters: readonly DeadLetter[]): Promise<'index' | 'file'> {
    if (letters.length === 0) return 'index';
    const now = new Date().toISOString();
    const docs = letters.map((l) => ({
      '@timestamp': now,
      event: { id: l.item.id },
      dead_letter: { reason: l.reason, status: l.status, index: l.item.index, attempts: l.attempts, document: docText(l.item) },
    }));
    if (this.client) {
      try {
        await this.ensureIndex(this.client);
        const index = deadLetterIndex(this.prefix);
        const res = await this.client.bulk({ operations: docs.flatMap((d) => [{ index: { _index: index, _id: d.event.id } }, d]) }, { maxRetries: 0 });
        if (!res.errors) return 'index';
      } catch {
        // Fall through to the file.
      }
    }
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const fh = await fs.open(this.file, 'a');
    try {
      await fh.writeFile(docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    return 'file';
  }

  private async ensureIndex(client: Client): Promise<void> {
    if (this.indexReady) return;
    try {
      await client.indices.create({ index: deadLetterIndex(this.prefix), mappings: MAPPINGS as never, settings: { number_of_shards: 1, number_of_replicas: 0 } }, { maxRetries: 0 });
    } catch (err) {
      const type = (err as { body?: { error?: { type?: string } } }).body?.error?.type;
      if (type !== 'resource_already_exists_exception') throw err;
    }
    this.indexReady = true;
  }
}
