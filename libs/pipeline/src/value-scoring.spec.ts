/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
/** The parameter-value check in the pipeline: trained with the other models, loaded with onnxruntime, applied by the scorer. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SeededRandom } from '@log-sentinel/deeplog';
import { writeModelVersion } from '@log-sentinel/model-registry';
import { applyFeedback } from './feedback';
import type { DetectRecord } from './record';
import { scoreBatch } from './scorer';
import { trainModelFiles } from './trainer';
import { loadedRuntime, scoreContext, trainedRuntime } from './runtime.spec-helper';

const FORMAT = '<Date> <Time> <Level> <Session>: <Content>';
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'value-scoring-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Request sessions: "Request <id> received", "Query took <n> ms" (≈ 80 ms), "Request <id> done": raw lines with a time header. */
function requests(n: number, seed: number, startSec = 0): DetectRecord[] {
  const rnd = new SeededRandom(seed);
  const out: DetectRecord[] = [];
  let t = startSec;
  const stamp = (s: number): string => `2026-01-05 ${new Date(s * 1000).toISOString().slice(11, 19)}`;
  for (let i = 0; i < n; i++) {
    const id = `req-${seed}-${i}`;
    t += 3;
    const took = Math.round(80 * Math.exp(0.25 * (rnd.next() + rnd.next() + rnd.next() - 1.5) * 2));
    out.push({ id: `${id}a`, message: `${stamp(t)} INFO ${id}: Request ${id} received` });
    out.push({ id: `${id}b`, message: `${stamp(t + 1)} INFO ${id}: Query took ${took} ms` });
    out.push({ id: `${id}c`, message: `${stamp(t + 2)} INFO ${id}: Request ${id} done` });
  }
  return out;
}


describe('parameter-value check in the scorer', () => {
  const train = requests(300, 1);

  it('flags a value far outside its interval naming the parameter; a dry run leaves the history untouched', async () => {
    const trained = await trainModelFiles(train, { logFormat: FORMAT, sessionRegex: '(req-\\d+-\\d+)', maxEpochs: 3 }, () => undefined);
    expect(trained.files.map((f) => f.name)).toEqual(expect.arrayContaining(['values.json', 'values-0.onnx']));
    const stats = (trained.meta.metrics as { values: { models: number; keys: { template: string; dims: unknown[] }[] } }).values;
    expect(stats.keys.find((k) => k.template === 'Query took <*>' /* Drain takes "80 ms" as one parameter */)?.dims).toEqual([{ kind: 'param', position: 1 }]);
    const rt = await loadedRuntime((await writeModelVersion(path.join(tmp, 'm'), trained.files, trained.meta)).dir);
    try {
      const ctx = scoreContext(rt);
      const own = await scoreBatch(rt, ctx, train, false);
      expect(own.filter((v) => v.reasons.includes('deeplog.parameter_value')).length).toBeLessThanOrEqual(2);
      const key = own[1]!.templateId;
      const before = rt.valueHistory.get(key)!.map((v) => Array.from(v));
      const slow = requests(1, 9, 5000);
      slow[1] = { ...slow[1]!, message: slow[1]!.message.replace(/took \d+ ms/, 'took 9120 ms') };
      const dry = await scoreBatch(rt, ctx, slow, true);
      expect(dry[1]!.reasons).toContain('deeplog.parameter_value');
      expect(dry[1]!.explanation).toMatch(/^parameter 1 of "Query took <\*>" = 9120, expected \d+(\.\d+)? \([\d.]+–[\d.]+\)$/);
      expect(dry[1]!.score).toBeGreaterThan(0.5);
      expect(rt.valueHistory.get(key)!.map((v) => Array.from(v))).toEqual(before);
      const live = await scoreBatch(rt, ctx, slow, false);
      expect(live[1]!.reasons).toContain('deeplog.parameter_value');
      expect(rt.valueHistory.get(key)!.map((v) => Array.from(v))).not.toEqual(before);

      // Feedback: the operator marks it normal; the next version (history carried over) does not flag it again.
      const fb = await applyFeedback(rt, ctx, [slow[1]!], 'slow query during the backup');
      const next = await writeModelVersion(path.join(tmp, 'm'), fb.files, fb.meta);
      const rt2 = await loadedRuntime(next.dir);
      try {
        expect(rt2.parts.feedback.valueAccepted.get(key)).toBeGreaterThan(rt2.parts.values!.models.z);
        rt2.adoptSessionsFrom(rt);
        const again = await scoreBatch(rt2, ctx, [{ ...slow[1]!, id: 'again' }], true);
        expect(again[0]!.reasons).not.toContain('deeplog.parameter_value');
        const worse = await scoreBatch(rt2, ctx, [{ ...slow[1]!, id: 'worse', message: slow[1]!.message.replace('9120 ms', '912000 ms') }], true);
        expect(worse[0]!.reasons).toContain('deeplog.parameter_value');
      } finally {
        await rt2.retire(0);
      }
    } finally {
      await rt.retire(0);
    }
  }, 120_000);

  it('valueConfidence 0 trains no value model', async () => {
    const trained = await trainModelFiles(train, { logFormat: FORMAT, sessionRegex: '(req-\\d+-\\d+)', maxEpochs: 1, valueConfidence: 0 }, () => undefined);
    expect(trained.files.some((f) => f.name.startsWith('values'))).toBe(false);
    expect((trained.meta.metrics as { values: unknown }).values).toEqual({ models: 0, disabled: true });
  }, 60_000);
});

describe('time features run on event time', () => {
  it('a collector\'s receipt times (bursts, then long pauses between requests) do not make records outliers when the lines carry their own time', async () => {
    const T0 = Date.UTC(2026, 0, 6);
    // learnt as a collector delivers it: 150 lines per request, each request received a minute after the last
    const train = requests(300, 1).map((r, i) => ({ ...r, timestampMs: T0 + Math.floor(i / 150) * 60_000 }));
    const { rt } = await trainedRuntime(train, { logFormat: FORMAT, sessionRegex: '(req-\\d+-\\d+)', maxEpochs: 3, valueConfidence: 0 }, path.join(tmp, 'time'));
    try {
      // scored as a loaded collector delivers it: every line of a session ten minutes after the one before
      const score = requests(100, 2, 3000).map((r, i) => ({ ...r, timestampMs: T0 + 3_600_000 + i * 600_000 }));
      const verdicts = await scoreBatch(rt, scoreContext(rt), score, false);
      expect(verdicts.filter((v) => v.reasons.includes('iforest.outlier')).length).toBeLessThanOrEqual(3);
    } finally {
      await rt.retire(0);
    }
  }, 120_000);
});
