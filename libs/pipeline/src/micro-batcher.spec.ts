import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('merges concurrent requests into one run and returns each its own outputs in order', async () => {
    const runs: number[][] = [];
    const b = new MicroBatcher<number, number>(
      async (items) => {
        runs.push(items);
        return items.map((x) => x * 10);
      },
      { windowMs: 5, maxBatchItems: 100 },
    );
    const [r1, r2, r3] = await Promise.all([b.submit([1, 2]), b.submit([3]), b.submit([4, 5, 6])]);
    expect(r1).toEqual([10, 20]);
    expect(r2).toEqual([30]);
    expect(r3).toEqual([40, 50, 60]);
    expect(runs).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(b.stats()).toMatchObject({ runs: 1, requests: 3, items: 6, maxRunItems: 6 });
  });

  it('accumulates while a run is in flight and respects maxBatchItems', async () => {
    const runs: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const b = new MicroBatcher<number, number>(
      async (items) => {
        runs.push(items);
        if (runs.length === 1) await gate;
        return items;
      },
      { windowMs: 0, maxBatchItems: 3 },
    );
    const first = b.submit([1]);
    await new Promise((r) => setImmediate(r));
    const rest = [b.submit([2, 3]), b.submit([4]), b.submit([5])];
    release();
    await Promise.all([first, ...rest]);
    expect(runs).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('rejects every request of a failed run', async () => {
    const b = new MicroBatcher<number, number>(
      async () => {
        throw new Error('onnx failed');
      },
      { windowMs: 1, maxBatchItems: 10 },
    );
    await expect(Promise.all([b.submit([1]), b.submit([2])])).rejects.toThrow('onnx failed');
    await expect(b.submit([3])).rejects.toThrow('onnx failed');
  });
});
