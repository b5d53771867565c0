import type { ElasticLogDocument, SessionVerdict } from '@log-sentinel/schema';
import { Spool, decodeSpoolRecord } from '@log-sentinel/spool';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { SessionVerdictSpooler, type SpoolAppender } from './session-verdicts';


const verdict = (id: string): SessionVerdict => ({
  sessionId: id,
  isAnomaly: true,
  score: 0.8,
  reasons: ['deeplog.missing_step'],
  modelVersion: 'v1',
  explanation: 'ended early',
  records: 3,
  flaggedRecords: 0,
  recent: ['a <*>'],
  closedAt: '2026-06-01T12:00:00.000Z',
  status: 'scored',
});
const log = pino({ level: 'silent' });

describe('SessionVerdictSpooler', () => {
  it('appends each verdict to the real spool as a session document, fsynced before it reports them stored', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sv-spool-'));
    const spool = await Spool.open({ dir, maxTotalBytes: 1 << 20, segmentMaxBytes: 1 << 16, fullRetryAfterMs: 100 });
    const stored: ElasticLogDocument[] = [];
    const s = new SessionVerdictSpooler(spool, (d) => stored.push(...d), log);
    s.add([verdict('blk_1'), verdict('blk_2')]);
    await s.drain();
    expect(stored.map((d) => d.session?.id)).toEqual(['blk_1', 'blk_2']);
    await spool.close();
    const again = await Spool.open({ dir, maxTotalBytes: 1 << 20, segmentMaxBytes: 1 << 16, fullRetryAfterMs: 100 });
    const batch = await again.read(10, 1 << 20);
    const docs = batch!.records.map((r) => decodeSpoolRecord(r));
    expect(docs.map((d) => [d.meta.id, d.meta.st, (JSON.parse(d.docJson) as ElasticLogDocument).anomaly?.kind])).toEqual([
      [stored[0]!.event.id, 'scored', 'session'],
      [stored[1]!.event.id, 'scored', 'session'],
    ]);
    await again.close();
  });

  it('keeps verdicts the spool refused and appends them on a later retry, in order', async () => {
    const appended: string[][] = [];
    let refuse = 2;
    const spool: SpoolAppender = {
      append: (payloads) => {
        if (refuse-- > 0) return Promise.reject(Object.assign(new Error('spool full'), { code: 'SPOOL_FULL' }));
        appended.push(payloads.map((p) => String(p)));
        return Promise.resolve();
      },
    };
    const stored: string[] = [];
    const s = new SessionVerdictSpooler(spool, (d) => stored.push(...d.map((x) => x.session!.id)), log, 20);
    s.add([verdict('blk_1')]);
    s.add([verdict('blk_2')]);
    expect(s.queued).toBe(2);
    const until = Date.now() + 3000;
    while (stored.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(stored).toEqual(['blk_1', 'blk_2']);
    expect(s.queued).toBe(0);
    expect(appended.flat()).toHaveLength(2);
    await s.shutdown();
  });
});
