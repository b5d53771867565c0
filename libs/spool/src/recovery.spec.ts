import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Spool } from './index';

const rec = (i: number): Buffer => Buffer.from(JSON.stringify({ i, msg: `record ${i}` }));

async function drain(spool: Spool): Promise<number[]> {
  const out: number[] = [];
  for (;;) {
    const b = await spool.read(1000, 1 << 20);
    if (!b) return out;
    out.push(...b.records.map((r) => (JSON.parse(r.toString()) as { i: number }).i));
    await spool.ack(b);
  }
}

/** A spool of `n` records in one segment; returns its directory, segment file and each record's frame offset. */
async function filled(n: number): Promise<{ dir: string; file: string; offsets: number[] }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spool-rec-'));
  const a = await Spool.open({ dir });
  for (let i = 0; i < n; i += 1000) await a.append(Array.from({ length: Math.min(1000, n - i) }, (_, k) => rec(i + k)));
  await a.close();
  const [seg] = (await fs.readdir(dir)).filter((x) => x.endsWith('.seg'));
  const offsets: number[] = [];
  let pos = 8;
  for (let i = 0; i < n; i++) {
    offsets.push(pos);
    pos += 8 + rec(i).length;
  }
  return { dir, file: path.join(dir, seg), offsets };
}

async function flipBit(file: string, byte: number, bit: number): Promise<void> {
  const buf = await fs.readFile(file);
  buf[byte] ^= 1 << bit;
  await fs.writeFile(file, buf);
}

const all = (n: number, except: number[]): number[] => [...Array(n).keys()].filter((i) => !except.includes(i));

describe('spool hardening (issue 17, defects 12 and 6)', () => {
  it.each([
    ['a high bit (length beyond the record limit)', 3, 7],
    ['a low bit (a plausible wrong length)', 0, 0],
  ])('defect 12 (torn spool): %s flipped in a record length MUST lose only that record: recovery resynchronises on the next valid frame and counts what it skipped', async (_name, byteInLength, bit) => {
    const n = 10_000;
    const { dir, file, offsets } = await filled(n);
    await flipBit(file, offsets[10] + byteInLength, bit);
    const b = await Spool.open({ dir });
    expect(b.recovery).toMatchObject({ records: n - 1, skippedRegions: 1, skippedBytes: 8 + rec(10).length, tornRecords: 0 });
    expect(await drain(b)).toEqual(all(n, [10]));
    await b.close();
    // The damaged region is cut out of the file: the next start finds nothing to skip.
    const c = await Spool.open({ dir });
    expect(c.recovery).toMatchObject({ skippedRegions: 0, tornRecords: 0, corruptRecords: 0 });
    await c.close();
  });

  it('defect 12 (torn spool): a damaged region followed by a torn tail keeps every valid record between them', async () => {
    const { dir, file, offsets } = await filled(100);
    await flipBit(file, offsets[5] + 3, 6);
    await fs.truncate(file, offsets[99] + 5); // the last record torn by a crash
    const b = await Spool.open({ dir });
    expect(b.recovery).toMatchObject({ records: 98, skippedRegions: 1, tornRecords: 1 });
    expect(await drain(b)).toEqual(all(99, [5]));
    await b.close();
  });

  it('defect 6 (spool wedge): a size bound below two segments MUST be refused at open, naming both options', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spool-cfg-'));
    await expect(Spool.open({ dir, maxTotalBytes: 1000, segmentMaxBytes: 600 })).rejects.toThrow(/maxTotalBytes \(1000\) must be at least 2 × segmentMaxBytes \(1200\)/);
    const ok = await Spool.open({ dir, maxTotalBytes: 1200, segmentMaxBytes: 600 });
    await ok.close();
  });

  it('defect 6 (spool wedge): a delivered active segment MUST be sealed by age and deleted, so a request refused as full fits afterwards', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spool-age-'));
    let now = 1_000_000;
    const spool = await Spool.open({ dir, segmentMaxBytes: 64 * 1024, maxTotalBytes: 128 * 1024, segmentMaxAgeMs: 200, nowMs: () => now });
    const kib = (from: number, n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.from(JSON.stringify({ i: from + i, pad: 'x'.repeat(1000) })));
    await spool.append(kib(0, 60));
    expect(await drain(spool)).toHaveLength(60); // delivered, but the active segment is not full: it stays
    expect(spool.stats()).toMatchObject({ segments: 1, unackedRecords: 0 });
    await expect(spool.append(kib(60, 70))).rejects.toMatchObject({ code: 'SPOOL_FULL' });
    expect(spool.isFull(70 * 1024)).toBe(true);
    now += 200; // the segment's age reaches segmentMaxAgeMs: the timer seals it; it is deleted (all acknowledged)
    const end = Date.now() + 5000;
    // the segment leaves the list before its file is unlinked, and its bytes count until then: wait for both
    while ((spool.stats().segments > 0 || spool.stats().bytes > 0) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(spool.stats()).toMatchObject({ segments: 0, bytes: 0 });
    await spool.append(kib(60, 70));
    expect(await drain(spool)).toEqual([...Array(70).keys()].map((i) => 60 + i));
    await spool.close();
  });

  it('defect 6 (spool wedge): under steady appends an old active segment MUST be sealed at the next append; segmentMaxAgeMs 0 seals by size only', async () => {
    let now = 0;
    const aged = await Spool.open({ dir: await fs.mkdtemp(path.join(os.tmpdir(), 'spool-age-')), segmentMaxAgeMs: 1000, nowMs: () => now });
    const bySize = await Spool.open({ dir: await fs.mkdtemp(path.join(os.tmpdir(), 'spool-age-')), segmentMaxAgeMs: 0, nowMs: () => now });
    for (let i = 0; i < 5; i++) {
      await Promise.all([aged.append([rec(i)]), bySize.append([rec(i)])]);
      now += 600;
    }
    expect(aged.stats().segments).toBe(3); // sealed at 1,200 ms and 2,400 ms of age
    expect(bySize.stats().segments).toBe(1);
    expect(await drain(aged)).toEqual([0, 1, 2, 3, 4]);
    await aged.close();
    await bySize.close();
    await expect(Spool.open({ dir: await fs.mkdtemp(path.join(os.tmpdir(), 'spool-age-')), segmentMaxAgeMs: -1 })).rejects.toThrow(/segmentMaxAgeMs/);
  });
});
