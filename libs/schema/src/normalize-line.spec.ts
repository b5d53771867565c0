import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileEventId } from './event-id';
import { findTimestampInLine, normalizeFileLine, normalizeLine } from './normalize-line';
import type { NormalizeContext } from './record';

const DATA = path.resolve(__dirname, '..', '..', '..', 'testdata', 'loghub_2k');
const receivedAt = new Date('2026-11-22T16:00:00.000Z');
const ctx: NormalizeContext = { receivedAt, newId: () => 'gen' };

/** First line of a Loghub sample, CRLF kept as the file has it. */
function firstLine(system: string): string {
  return readFileSync(path.join(DATA, system, `${system}_2k.log`), 'utf8').split('\n')[0]!;
}

describe('normalizeLine on real Loghub lines', () => {
  it.each([
    ['HDFS', '2008-11-09T20:36:15.000Z', 'INFO'],
    ['Hadoop', '2015-10-18T18:01:47.978Z', 'INFO'],
    ['Zookeeper', '2015-07-29T17:41:44.747Z', 'INFO'],
    ['Apache', '2005-12-04T04:47:44.000Z', 'notice'],
    ['OpenSSH', '2026-12-10T06:55:46.000Z', undefined],
    ['Windows', '2016-09-28T04:30:30.000Z', undefined],
  ])('%s: timestamp and level from the header, whole line kept as message', (system, timestamp, level) => {
    const raw = firstLine(system);
    const res = normalizeLine(raw, 0, system === 'OpenSSH' ? { ...ctx, receivedAt: new Date('2027-01-05T00:00:00Z') } : ctx);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const line = raw.replace(/\r$/, '');
    expect(res.record.message).toBe(line);
    expect(res.record.original).toBe(line);
    expect(res.record.timestamp).toBe(timestamp);
    expect(res.record.timestampAssigned).toBe(false);
    expect(res.record.level).toBe(level);
  });

  it('uses the receipt time for headers it does not know (Android has no year, Spark is ambiguous)', () => {
    for (const system of ['Android', 'Spark']) {
      const res = normalizeLine(firstLine(system), 0, ctx);
      expect(res.ok && res.record.timestamp).toBe('2026-11-22T16:00:00.000Z');
      expect(res.ok && res.record.timestampAssigned).toBe(true);
    }
  });

  it('finds a common-log-format time inside an access log line', () => {
    const line = '203.0.113.9 - alice [01/Jun/2024:14:00:00 +0200] "GET /index.html HTTP/1.1" 200 2326';
    expect(findTimestampInLine(line, receivedAt)?.toISOString()).toBe('2024-06-01T12:00:00.000Z');
    const res = normalizeLine(line, 0, ctx);
    expect(res).toMatchObject({ ok: true, record: { origin: 'http', id: 'gen', timestamp: '2024-06-01T12:00:00.000Z' } });
    expect(res.ok && res.record).not.toHaveProperty('level');
  });

  it('takes levels in upper case or in lower-case brackets, not inside words', () => {
    const level = (line: string): string | undefined => {
      const res = normalizeLine(line, 0, ctx);
      return res.ok ? res.record.level : 'rejected';
    };
    expect(level('2024-06-01 12:00:00 WARN disk 91% full')).toBe('WARN');
    expect(level('[2024-06-01 12:00:00] [error] client denied')).toBe('error');
    expect(level('processing INFORMATION request')).toBeUndefined();
    expect(level('level=ERROR msg=x')).toBeUndefined();
  });

  it('rejects blank and oversized lines with field (line)', () => {
    expect(normalizeLine('  \r\n', 3, ctx)).toEqual({ ok: false, error: { index: 3, field: '(line)', reason: 'is blank' } });
    const res = normalizeLine('x'.repeat(1_048_577), 4, ctx);
    expect(res.ok ? undefined : res.error).toEqual({ index: 4, field: '(line)', reason: expect.stringMatching(/longer than/) });
  });

  it('applies default service and host', () => {
    const res = normalizeLine('hello', 0, { ...ctx, defaultService: 'batch', defaultHost: 'h1' });
    expect(res.ok && res.record).toMatchObject({ service: 'batch', host: 'h1' });
  });
});

describe('normalizeFileLine', () => {
  const at = { path: '/var/log/log_sentinel/app.log', fileIdentity: '2049:131074', offset: 4096 };

  it('reads a plain line with a deterministic id, file path and offset', () => {
    const res = normalizeFileLine({ ...at, line: '081109 203615 148 INFO dfs.DataNode: Receiving block\n' }, 0, ctx);
    expect(res).toEqual({
      ok: true,
      record: expect.objectContaining({
        id: fileEventId('2049:131074', 4096),
        message: '081109 203615 148 INFO dfs.DataNode: Receiving block',
        origin: 'file',
        file: { path: '/var/log/log_sentinel/app.log', offset: 4096 },
        timestamp: '2008-11-09T20:36:15.000Z',
      }),
    });
    const again = normalizeFileLine({ ...at, line: '081109 203615 148 INFO dfs.DataNode: Receiving block\n' }, 0, ctx);
    expect(again.ok && again.record.id).toBe(res.ok && res.record.id);
  });

  it('reads a JSON line like NDJSON, keeping its own id in labels', () => {
    const line = '{"@timestamp":"2024-06-01T12:00:00Z","log.level":"warn","message":"slow query","event.id":"c-1"}';
    const res = normalizeFileLine({ ...at, line: `${line}\r\n` }, 0, ctx);
    expect(res.ok && res.record).toMatchObject({
      id: fileEventId('2049:131074', 4096),
      level: 'warn',
      message: 'slow query',
      original: line,
      labels: { 'event.id': 'c-1' },
      file: { path: at.path, offset: 4096 },
      origin: 'file',
    });
  });

  it('reports a bad JSON line field like an NDJSON item, and reads broken JSON as text', () => {
    const bad = normalizeFileLine({ ...at, line: '{"message":"x","timestamp":"soon"}' }, 9, ctx);
    expect(bad).toEqual({ ok: false, error: { index: 9, field: 'timestamp', reason: expect.stringMatching(/unparseable/) } });
    const text = normalizeFileLine({ ...at, line: '{not json}' }, 0, ctx);
    expect(text.ok && text.record.message).toBe('{not json}');
  });
});
