import { GradientEngine } from './gradient-engine';
import { GradientPart } from './gradient-part';
import { initParams, paramLayout } from './params';
import { SeededRandom } from '@log-sentinel/seeded-random';

describe('GradientEngine (data-parallel over a worker thread)', () => {
  it('gives the same gradient and loss on two threads as on one', async () => {
    const script = GradientEngine.workerScript();
    if (!script) throw new Error('build libs/deeplog first (npm run build): the worker runs dist/train-worker.js');
    const layout = paramLayout({ vocab: 9, hidden: 8, layers: 2 });
    const steps = 5;
    const count = 40;
    const rnd = new SeededRandom(4);
    const data = {
      inputs: Int32Array.from({ length: count * steps }, () => Math.floor(rnd.next() * 9)),
      targets: Int32Array.from({ length: count }, () => Math.floor(rnd.next() * 9)),
      weights: Float32Array.from({ length: count }, () => 1 + Math.floor(rnd.next() * 5)),
    };
    const params = initParams(layout, 2);
    const batch = Int32Array.from({ length: 33 }, (_, i) => (i * 7) % count);
    const engine = await GradientEngine.create(layout, steps, data, { threads: 2, maxBatch: 64 });
    try {
      expect(engine.threads).toBe(2);
      const g2 = new Float32Array(layout.size);
      const loss2 = await engine.gradient(params, batch, batch.length, 0.1, g2);
      const g1 = new Float32Array(layout.size);
      const loss1 = new GradientPart(layout, steps, 32, data).run(params, g1, batch, 0, batch.length, 0.1);
      expect(loss2).toBeCloseTo(loss1, 4);
      let worst = 0;
      for (let i = 0; i < g1.length; i++) worst = Math.max(worst, Math.abs(g1[i]! - g2[i]!));
      expect(worst).toBeLessThan(1e-5);
    } finally {
      await engine.close();
    }
  });
});
