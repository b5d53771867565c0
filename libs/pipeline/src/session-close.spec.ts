/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
/** Session close: the end-of-session check flags a session that stops where normal ones continue (pre-parsed keys, keyField). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ModelRuntime } from './model-runtime';
import type { DetectRecord, SessionVerdictView } from './record';
import { scoreBatch, type ScoreContext } from './scorer';
import { CountRangeModel } from '@log-sentinel/count-models';
import { COUNT_OUT_OF_RANGE, INVARIANT_VIOLATED, judgeSessions, MISSING_STEP } from './session-close';
import { COUNT_RANGE_DEFAULT } from './train-defaults';
import { fitCountModels } from './train-stages';
import { scoreContext, trainedRuntime } from './runtime.spec-helper';

const FLOW = ['open', 'auth', 'read', 'write', 'close'];

function session(id: string, keys: string[]): DetectRecord[] {
  return keys.map((k, i) => ({ id: `${id}:${i}`, message: k, sessionId: id, labels: { key: k } }));
}

let tmp: string;
let rt: ModelRuntime;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-close-spec-'));
  const records: DetectRecord[] = [];
  for (let s = 0; s < 80; s++) records.push(...session(`t${s}`, s % 2 ? FLOW : [...FLOW.slice(0, 4), 'write', 'close']));
  // countRange: on here to test the check whatever the default (see the last test)
  ({ rt } = await trainedRuntime(records, { keyField: 'key', maxEpochs: 30, topG: 1, countRange: true }, tmp));
}, 120_000);
afterAll(async () => {
  await rt?.retire(0);
  fs.rmSync(tmp, { recursive: true, force: true });
});


/** Closes the context's sessions `ids` (taking them out of its store) and judges them. */
function closeSessions(ctx: ScoreContext, ...ids: string[]): Promise<SessionVerdictView[]> {
  return judgeSessions(rt, ids.map((id) => ({ id, state: ctx.sessions.take(id), status: 'closed' as const })));
}

/**
 * Runs `body` with the DeepLog rule made lenient (every key inside the top g) and the `off`
 * checks removed, so only the check under test can flag; the model's parts are restored after.
 */
async function withOnly(off: readonly ('workflow' | 'invariants' | 'counts')[], body: () => Promise<void>): Promise<void> {
  const saved = { rule: rt.parts.rule, workflow: rt.parts.workflow, invariants: rt.parts.invariants, counts: rt.parts.counts };
  rt.parts.rule = { topG: 1000 };
  for (const k of off) rt.parts[k] = undefined;
  try {
    await body();
  } finally {
    Object.assign(rt.parts, saved);
  }
}

describe('closing sessions (pre-parsed keys)', () => {
  it('skips Drain for keyField records and knows every key', () => {
    expect(rt.parts.settings.preprocess.keyField).toBe('key');
    expect(rt.parts.settings.knownTemplates.sort()).toEqual([...FLOW].sort());
    expect(rt.parts.deeplogFlags).toBe(true);
  });

  it('flags a truncated session at close (deeplog.missing_step) and passes a complete one', async () => {
    const ctx = scoreContext(rt);
    const full = await scoreBatch(rt, ctx, session('full', FLOW), false);
    const cut = await scoreBatch(rt, ctx, session('cut', FLOW.slice(0, 3)), false);
    expect([...full, ...cut].every((v) => !v.isAnomaly)).toBe(true);
    expect(full[0]!.template).toBe('open');
    const [vFull, vCut, vNone] = await closeSessions(ctx, 'full', 'cut', 'none');
    expect(vFull).toMatchObject({ sessionId: 'full', isAnomaly: false, records: 5, flaggedRecords: 0, reasons: [] });
    // it also has one "open" and no "close": a count relation every training session kept, and a template every one held
    expect(vCut).toMatchObject({ sessionId: 'cut', isAnomaly: true, records: 3, reasons: [MISSING_STEP, INVARIANT_VIOLATED, COUNT_OUT_OF_RANGE] });
    expect(vCut!.score).toBeGreaterThanOrEqual(0.5);
    expect(vCut!.explanation).toMatch(/ended where normal sessions continue: expected write/);
    expect(vCut!.recent).toEqual(['open', 'auth', 'read']);
    expect(vNone).toMatchObject({ status: 'unknown', isAnomaly: false });
  });

  it('a session verdict carries the reasons of its flagged records; a flagged record is explained in words', async () => {
    const ctx = scoreContext(rt);
    const v = await scoreBatch(rt, ctx, session('odd', ['open', 'delete', 'read', 'write', 'close']), false);
    const flagged = v.filter((x) => x.isAnomaly);
    expect(flagged.map((x) => x.template)).toContain('delete');
    const d = flagged.find((x) => x.template === 'delete')!;
    expect(d.reasons).toEqual(expect.arrayContaining(['drain.new_template', 'deeplog.unexpected_key']));
    expect(d.explanationDetail).toMatchObject({ observed: 'delete', recent: ['open'] });
    expect(d.explanationDetail!.expected[0]!.template).toBe('auth');
    const [s] = await closeSessions(ctx, 'odd');
    expect(s).toMatchObject({ isAnomaly: true, flaggedRecords: flagged.length });
    expect(s!.reasons).toEqual(expect.arrayContaining(['drain.new_template', 'deeplog.unexpected_key']));
  });

  it('the workflow graph flags a skipped step and an early end even where the DeepLog rule lets them pass', async () => {
    expect(rt.parts.workflow!.closedBelow).toBeGreaterThan(0);
    // every key inside the top g and no floors: DeepLog flags nothing, the workflow still does
    await withOnly(['invariants', 'counts'], async () => {
      const ctx = scoreContext(rt);
      const v = await scoreBatch(rt, ctx, session('skip', ['open', 'auth', 'write', 'close']), false);
      expect(v.map((x) => x.reasons)).toEqual([[], [], ['workflow.unexpected_transition'], []]);
      expect(v[2]!.explanation).toBe('after "auth" normal sessions continue with "read" (80×) (seen 80×); saw "write"');
      expect(v[2]!.score).toBeGreaterThan(0.9);
      await scoreBatch(rt, ctx, session('early', ['open', 'auth', 'read']), false);
      const [skip, early] = await closeSessions(ctx, 'skip', 'early');
      expect(skip).toMatchObject({ isAnomaly: true, reasons: ['workflow.unexpected_transition'] });
      expect(early).toMatchObject({ isAnomaly: true, reasons: [MISSING_STEP] });
      expect(early!.explanation).toBe('after "read" normal sessions continue with "write" (80×) (seen 80×); the session ended there');
      // a dry run judges the same way and leaves no session behind
      const dry = await scoreBatch(rt, ctx, session('dry', ['open', 'auth', 'write']), true);
      expect(dry[2]!.reasons).toEqual(['workflow.unexpected_transition']);
      expect(ctx.sessions.peek('dry')).toBeUndefined();
    });
  });

  it('Invariants Mining flags a session whose template counts break a relation every training session kept', async () => {
    const inv = rt.parts.invariants!;
    expect(inv.invariants.map((i) => [...i.keys].sort().join('=')).sort()).toEqual(['auth=open', 'close=open', 'open=read']);
    // neither the LSTM, the workflow graph nor the count ranges flag anything: only the relations can
    await withOnly(['workflow', 'counts'], async () => {
      const ctx = scoreContext(rt);
      await scoreBatch(rt, ctx, session('skip', ['open', 'auth', 'write', 'close']), false);
      await scoreBatch(rt, ctx, session('twice', [...FLOW.slice(0, 4), 'write', 'close']), false);
      // a dry run counts on a copy: the live session is unchanged
      await scoreBatch(rt, ctx, session('skip', ['read']), true);
      const [skip, twice] = await closeSessions(ctx, 'skip', 'twice');
      expect(skip).toMatchObject({ isAnomaly: true, reasons: [INVARIANT_VIOLATED] });
      expect(skip!.explanation).toBe('count("open") = count("read") held in 80 of 80 training sessions; here 1 and 0');
      expect(skip!.invariantsViolated).toEqual([skip!.explanation]);
      expect(skip!.score).toBeGreaterThanOrEqual(0.5);
      expect(twice).toMatchObject({ isAnomaly: false, reasons: [] });
    });
  });

  it('the count-range check flags a template held more times than any training session did', async () => {
    // the model trained with countRange carries the same ranges as fitting them here
    expect(rt.parts.counts!.toJSON()).toEqual(CountRangeModel.fit(Array.from({ length: 80 }, (_, s) => (s % 2 ? FLOW : [...FLOW.slice(0, 4), 'write', 'close']))).toJSON());
    await withOnly(['workflow', 'invariants'], async () => {
      const ctx = scoreContext(rt);
      await scoreBatch(rt, ctx, session('thrice', [...FLOW.slice(0, 4), 'write', 'write', 'close']), false);
      await scoreBatch(rt, ctx, session('twice', [...FLOW.slice(0, 4), 'write', 'close']), false);
      const [thrice, twice] = await closeSessions(ctx, 'thrice', 'twice');
      expect(thrice).toMatchObject({ isAnomaly: true, reasons: [COUNT_OUT_OF_RANGE], explanation: '"write" 3× here; training sessions held it 1–2×' });
      expect(twice).toMatchObject({ isAnomaly: false, reasons: [] });
    });
  });

  it('the count-range check is on unless switched off (COUNT_RANGE_DEFAULT, chosen by deeplog-cv)', () => {
    const ended = [FLOW, [...FLOW.slice(0, 4), 'write', 'close']];
    expect(COUNT_RANGE_DEFAULT).toBe(true);
    expect(fitCountModels(ended, {}).counts).toBeDefined();
    expect(fitCountModels(ended, { countRange: false }).counts).toBeUndefined();
  });
});
