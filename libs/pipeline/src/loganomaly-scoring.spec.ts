/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
/** LogAnomaly in the detector: trained with `loganomaly: true` on raw lines, it ranks each session's templates and judges the session at close. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UNEXPECTED_KEY, UNSEEN_TEMPLATE } from '@log-sentinel/loganomaly';
import { MODEL_FILES } from './model-format';
import type { ModelRuntime } from './model-runtime';
import type { DetectRecord } from './record';
import { scoreBatch, type ScoreContext } from './scorer';
import { judgeSessions } from './session-close';
import { scoreContext, trainedRuntime } from './runtime.spec-helper';

const FLOW = [
  (s: number) => `Opening connection to database host 10.0.${s % 7}.${s % 251}`,
  (s: number) => `Authenticated user u${s} with role reader`,
  (s: number) => `Reading ${s * 3 + 1} rows from table orders`,
  (s: number) => `Writing ${s + 2} rows to table invoices`,
  (s: number) => `Closing connection to database host 10.0.${s % 7}.${s % 251}`,
];

function session(id: string, s: number, steps: readonly number[] = [0, 1, 2, 3, 4]): DetectRecord[] {
  return steps.map((k, i) => ({ id: `${id}:${i}`, message: FLOW[k]!(s), sessionId: id }));
}

let tmp: string;
let rt: ModelRuntime;
let files: string[];
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loganomaly-scoring-spec-'));
  const records: DetectRecord[] = [];
  for (let s = 0; s < 120; s++) records.push(...session(`t${s}`, s, s % 3 ? [0, 1, 2, 3, 4] : [0, 1, 2, 2, 3, 4]));
  ({ rt, files } = await trainedRuntime(records, { loganomaly: true, maxEpochs: 20, valueConfidence: 0, seed: 3 }, tmp));
}, 300_000);
afterAll(async () => {
  await rt?.retire(0);
  fs.rmSync(tmp, { recursive: true, force: true });
});


async function closeAll(ctx: ScoreContext, ids: string[]) {
  return judgeSessions(rt, ids.map((id) => ({ id, state: ctx.sessions.take(id), status: 'closed' as const })));
}

describe('LogAnomaly served by the pipeline', () => {
  it('is written beside the other models and loaded with its top-g and rule', () => {
    expect(files).toEqual(expect.arrayContaining([MODEL_FILES.loganomalyOnnx, MODEL_FILES.loganomalyJson]));
    const la = rt.parts.loganomaly!;
    expect(la.model.json.topG).toBeGreaterThanOrEqual(1);
    expect(la.model.json.calibration.rule).toBeDefined();
    expect((rt.parts.manifest.metrics as Record<string, { topG: number } | null>)['loganomaly']!.topG).toBe(la.model.json.topG);
  });

  it('passes normal sessions, flags an out-of-order one at close with the template named', async () => {
    const ctx = scoreContext(rt);
    await scoreBatch(rt, ctx, [...session('n1', 500), ...session('n2', 501, [0, 1, 2, 2, 3, 4]), ...session('bad', 502, [0, 3, 2, 1, 4])], false);
    const [n1, n2, bad] = await closeAll(ctx, ['n1', 'n2', 'bad']);
    for (const v of [n1!, n2!]) expect(v.reasons.filter((r) => r.startsWith('loganomaly.'))).toEqual([]);
    expect(bad!.reasons).toContain(UNEXPECTED_KEY);
    expect(bad!.isAnomaly).toBe(true);
    expect(bad!.explanation).toMatch(/LogAnomaly: the template "Writing <\*> rows to table invoices" at position 2 ranked \d+ of \d+ \(top-g \d+\)/);
  });

  it('flags a template unlike every known one as unseen, naming it', async () => {
    const ctx = scoreContext(rt);
    await scoreBatch(rt, ctx, [...session('odd', 600, [0, 1]), { id: 'odd:x', message: 'kernel panic: thermal sensor 3 exceeded 97 degrees', sessionId: 'odd' }, ...session('odd2', 600, [2, 3, 4]).map((r) => ({ ...r, sessionId: 'odd' }))], false);
    const [odd] = await closeAll(ctx, ['odd']);
    expect(odd!.reasons).toContain(UNSEEN_TEMPLATE);
    expect(odd!.explanation).toMatch(/LogAnomaly: the template "kernel panic: thermal sensor <\*> exceeded <\*> degrees" is unlike every known one/);
  });

  it('answers a window seen before from the runtime cache, with the same ranks', async () => {
    const ctx = scoreContext(rt);
    const before = rt.loganomalyCache?.hits ?? 0;
    await scoreBatch(rt, ctx, [...session('c1', 800, [0, 3, 2, 1, 4]), ...session('c2', 801, [0, 3, 2, 1, 4])], false);
    expect(rt.loganomalyCache!.hits).toBeGreaterThan(before);
    const [c1, c2] = [ctx.sessions.peek('c1')!.loganomaly!, ctx.sessions.peek('c2')!.loganomaly!];
    expect({ ...c2, recent: [] }).toEqual({ ...c1, recent: [] });
    expect(c1.unexpected).not.toBeNull();
  });

  it('a dry run leaves the live session as it was', async () => {
    const ctx = scoreContext(rt);
    await scoreBatch(rt, ctx, session('live', 700, [0, 1]), false);
    const before = JSON.stringify(ctx.sessions.peek('live')!.loganomaly);
    await scoreBatch(rt, ctx, session('live', 700, [4, 4, 4]), true);
    expect(JSON.stringify(ctx.sessions.peek('live')!.loganomaly)).toBe(before);
    expect(ctx.sessions.peek('live')!.loganomaly!.steps).toBe(2);
  });

  it('trains the paper\'s two LSTMs with loganomalyArchitecture: \'two\' and serves them (default: one)', async () => {
    expect(rt.parts.loganomaly!.model.json.architecture).toBe('one');
    const records: DetectRecord[] = [];
    for (let s = 0; s < 60; s++) records.push(...session(`t${s}`, s));
    const dir = path.join(tmp, 'two');
    const two = await trainedRuntime(records, { loganomaly: true, loganomalyArchitecture: 'two', maxEpochs: 3, valueConfidence: 0, seed: 3 }, dir);
    try {
      expect(two.rt.parts.loganomaly!.model.json.architecture).toBe('two');
      const ctx = scoreContext(two.rt);
      await scoreBatch(two.rt, ctx, session('n', 900), false);
      expect(ctx.sessions.peek('n')!.loganomaly!.steps).toBe(5);
    } finally {
      await two.rt.retire(0);
    }
  });
});
