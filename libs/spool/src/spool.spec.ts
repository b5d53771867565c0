import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Spool, SpoolError, type SpoolBatch } from './index';

const rec = (i: number): Buffer => Buffer.from(JSON.stringify({ i, msg: `record ${i}` }));
const ids = (b: SpoolBatch | undefined): number[] => (b ? b.records.map((r) => (JSON.parse(r.toString()) as { i: number }).i) : []);

async function tmpDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'spool-'));
}

async function drain(spool: Spool, ack = true): Promise<number[]> {
  const out: number[] = [];
  for (;;) {
    const b = await spool.read(1000, 1 << 20);
    if (!b) return out;
    out.push(...ids(b));
    if (ack) await spool.ack(b);
  }
}

describe('Spool', () => {
  it('returns appended records oldest first across segments and deletes acknowledged segments', async () => {
    const dir = await tmpDir();
    const spool = await Spool.open({ dir, segmentMaxBytes: 200 });
    for (let i = 0; i < 20; i++) await spool.append([rec(i)]);
    expect(spool.stats().segments).toBeGreaterThan(3);
    expect(await drain(spool)).toEqual([...Array(20).keys()]);
    await spool.close();
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.seg'))).toEqual([]);
    expect(spool.stats().unackedRecords).toBe(0);
  });

  it('G1: an append MUST resolve only once its records are durable (group-committed fsync)', async () => {
    const dir = await tmpDir();
    const spool = await Spool.open({ dir });
    await Promise.all(Array.from({ length: 50 }, (_, i) => spool.append([rec(i * 2), rec(i * 2 + 1)])));
    expect(spool.stats().appendedRecords).toBe(100);
    // A fresh process sees everything that was acknowledged, without close().
    const again = await Spool.open({ dir });
    expect((await drain(again)).sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    await again.close();
    await spool.close();
  });

  it('G12: unacknowledged records MUST be replayed oldest first after a restart; acknowledged segments MUST be deleted', async () => {
    const dir = await tmpDir();
    const a = await Spool.open({ dir, segmentMaxBytes: 120 });
    for (let i = 0; i < 10; i++) await a.append([rec(i)]);
    // Ack the first three batches (each from its own sealed segment).
    for (let k = 0; k < 3; k++) {
      const b = await a.read(1, 1 << 20);
      await a.ack(b!);
    }
    // Simulated crash: no close().
    const b = await Spool.open({ dir, segmentMaxBytes: 120 });
    expect(b.recovery.records).toBe(7);
    const first = await b.read(1000, 1 << 20);
    expect(first!.recovered).toBe(true);
    expect([...ids(first), ...(await drain(b))]).toEqual([3, 4, 5, 6, 7, 8, 9]);
    await b.close();
  });

  it('G11: a torn tail record after a crash MUST be detected, cut off and counted, and the records before it replayed', async () => {
    const dir = await tmpDir();
    const a = await Spool.open({ dir });
    await a.append([rec(1), rec(2), rec(3)]);
    const [seg] = (await fs.readdir(dir)).filter((n) => n.endsWith('.seg'));
    // A crash in the middle of writing record 4: header and half of its payload.
    const torn = Buffer.alloc(8 + 5);
    torn.writeUInt32LE(40, 0);
    await fs.appendFile(path.join(dir, seg), torn);
    const b = await Spool.open({ dir });
    expect(b.recovery).toMatchObject({ records: 3, tornRecords: 1, truncatedBytes: 13 });
    expect(await drain(b)).toEqual([1, 2, 3]);
    await b.close();
  });

  it('skips and counts a record whose checksum fails, keeping its neighbours', async () => {
    const dir = await tmpDir();
    const a = await Spool.open({ dir });
    await a.append([rec(1), rec(2), rec(3)]);
    await a.close();
    const [seg] = (await fs.readdir(dir)).filter((n) => n.endsWith('.seg'));
    const file = path.join(dir, seg);
    const buf = await fs.readFile(file);
    const second = 8 + (8 + rec(1).length) + 8 + 2; // a byte inside record 2's payload
    buf[second] ^= 0xff;
    await fs.writeFile(file, buf);
    const b = await Spool.open({ dir });
    expect(b.recovery.corruptRecords).toBe(1);
    expect(await drain(b)).toEqual([1, 3]);
    expect(b.stats().corruptRecordsSkipped).toBe(1);
    await b.close();
  });

  it('G8: at the size bound appends MUST be refused with SPOOL_FULL (nothing written, nothing dropped) and accepted again after acks', async () => {
    const dir = await tmpDir();
    const spool = await Spool.open({ dir, maxTotalBytes: 400, segmentMaxBytes: 150, fullRetryAfterMs: 250 });
    let accepted = 0;
    let refused: SpoolError | undefined;
    for (let i = 0; i < 100 && !refused; i++) {
      try {
        await spool.append([rec(i)]);
        accepted++;
      } catch (err) {
        refused = err as SpoolError;
      }
    }
    expect(refused).toBeInstanceOf(SpoolError);
    expect(refused!.code).toBe('SPOOL_FULL');
    expect(refused!.retryAfterMs).toBe(250);
    expect(spool.stats().rejectedFullRecords).toBe(1);
    expect(spool.stats().bytes).toBeLessThanOrEqual(400);
    expect(await drain(spool)).toEqual([...Array(accepted).keys()]);
    await spool.append([rec(1000)]);
    expect(ids(await spool.read(10, 1 << 20))).toEqual([1000]);
    await spool.close();
  });

  it('refuses oversized records and appends after close; close is idempotent', async () => {
    const dir = await tmpDir();
    const spool = await Spool.open({ dir, maxRecordBytes: 10 });
    await expect(spool.append([Buffer.alloc(11)])).rejects.toMatchObject({ code: 'SPOOL_RECORD_TOO_LARGE' });
    await Promise.all([spool.close(), spool.close()]);
    await expect(spool.append([Buffer.alloc(1)])).rejects.toMatchObject({ code: 'SPOOL_CLOSED' });
  });

  it('reads a record larger than one read chunk', async () => {
    const dir = await tmpDir();
    const spool = await Spool.open({ dir });
    const big = Buffer.alloc(300_000, 7);
    await spool.append([big, rec(1)]);
    const b1 = await spool.read(10, 10);
    expect(b1!.records[0].equals(big)).toBe(true);
    await spool.ack(b1!);
    expect(await drain(spool)).toEqual([1]);
    await spool.close();
  });
});
