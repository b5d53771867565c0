import { Worker } from 'node:worker_threads';
import { threadNiceValues } from './priority';

describe('thread priority (Linux: the nice value is per thread)', () => {
  it('os.setPriority(0, n) inside a worker thread lowers that thread only: /proc/self/task/<tid>/stat field 19 shows n for one thread, 0 for the main thread', async () => {
    const before = await threadNiceValues();
    expect(before.get(process.pid)).toBe(0);
    // The OS fact the scoring worker relies on, with plain Node in a worker (the collector itself: scoring.int.spec.ts).
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads'); const os = require('node:os');
       os.setPriority(0, 7); parentPort.postMessage(os.getPriority(0)); setTimeout(() => undefined, 60_000);`,
      { eval: true },
    );
    try {
      const reported = await new Promise<number>((resolve) => worker.once('message', resolve));
      expect(reported).toBe(7);
      const after = await threadNiceValues();
      expect(after.get(process.pid)).toBe(0);
      const lowered = [...after].filter(([, nice]) => nice === 7);
      expect(lowered).toHaveLength(1);
      expect(lowered[0]![0]).not.toBe(process.pid);
      expect([...after].filter(([tid]) => !before.has(tid)).map(([tid]) => tid)).toContain(lowered[0]![0]);
    } finally {
      await worker.terminate();
    }
  });
});
