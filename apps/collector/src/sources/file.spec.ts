import { DeadLetterWriter } from '@log-sentinel/elastic-sink';
import { loadCheckpoints } from '@log-sentinel/file-tail';
import { Spool, decodeSpoolRecord } from '@log-sentinel/spool';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { Ingestor } from '../ingest';
import { CollectorMetrics } from '../metrics';
import { FILE_LINE_DEAD_LETTER_INDEX, startFileSource } from './file';

async function until(cond: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('file source', () => {
  it('defect 2 (poison line): a line that cannot be stored (6,000-level nested JSON) MUST be dead-lettered with its reason and the file MUST go on (checkpoint past it)', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'file-src-'));
    const dir = path.join(root, 'logs');
    await fs.mkdir(dir);
    const poison = '{"message":"deep","a":' + '['.repeat(6000) + ']'.repeat(6000) + '}';
    const file = path.join(dir, 'app.log');
    const good = (i: number): string => `2026-06-01T12:00:0${i}Z INFO good line ${i}`;
    await fs.writeFile(file, `${good(0)}\n${poison}\n${good(1)}\n`);
    const spool = await Spool.open({ dir: path.join(root, 'spool'), maxTotalBytes: 64 * 1024 * 1024, segmentMaxBytes: 1024 * 1024, fullRetryAfterMs: 1000 });
    const metrics = new CollectorMetrics({ spoolUnacked: () => spool.stats().unackedRecords, spoolBytes: () => ({}), anomalyStoreSize: () => 0, elasticUp: () => 0, detectorsUp: () => ({}) });
    const deadLetterFile = path.join(root, 'dead-letter.ndjson');
    const checkpointPath = path.join(root, 'checkpoints.json');
    const tailer = await startFileSource(
      { dir, checkpointPath, pollIntervalMs: 50, fingerprintBytes: 1024, shortFileIdleMs: 100, followSymlinks: false },
      new Ingestor(spool, metrics),
      metrics,
      pino({ level: 'silent' }),
      new DeadLetterWriter(undefined, 'logs-sentinel', deadLetterFile),
    );
    await until(async () => spool.stats().unackedRecords === 2);
    await fs.appendFile(file, `${good(2)}\n`); // the file goes on after the poison line
    await until(async () => spool.stats().unackedRecords === 3);
    await tailer.shutdown();

    const batch = (await spool.read(10, 10 * 1024 * 1024))!;
    const messages = batch.records.map((r) => (JSON.parse(decodeSpoolRecord(r).docJson) as { message: string }).message);
    expect(messages).toEqual([good(0), good(1), good(2)]);
    const letters = (await fs.readFile(deadLetterFile, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { dead_letter: { reason: string; index: string; document: string } });
    expect(letters).toHaveLength(1);
    expect(letters[0].dead_letter.index).toBe(FILE_LINE_DEAD_LETTER_INDEX);
    expect(letters[0].dead_letter.reason).toMatch(/nested deeper than 64 levels/);
    expect((JSON.parse(letters[0].dead_letter.document) as { event: { original: string } }).event.original).toBe(poison);
    const [cp] = (await loadCheckpoints(checkpointPath)).checkpoints.values();
    expect(cp.offset).toBe((await fs.stat(file)).size);
    await spool.close();
  });
});
