import { Workflow, WORKFLOW_END, WORKFLOW_START } from './workflow';

const jobs = (n: number): string[][] => Array.from({ length: n }, (_, i) => (i % 10 === 0 ? ['sched', 'start', 'retry', 'start', 'done', 'fin'] : ['sched', 'start', 'done', 'fin']));

describe('Workflow', () => {
  it('flags a transition never seen after a key whose successors are closed, with what normally follows', () => {
    const wf = Workflow.fromSessions(jobs(100), 0.02);
    const skipped = wf.check('start', 'fin');
    expect(skipped.isAnomaly).toBe(true);
    expect(skipped.seen).toBe(0);
    expect(skipped.occurrences).toBe(110);
    expect(skipped.noveltyChance).toBeCloseTo(1 / 111, 6);
    expect(skipped.expected).toEqual([{ key: 'done', count: 100 }, { key: 'retry', count: 10 }]);
    expect(wf.check('start', 'done')).toMatchObject({ isAnomaly: false, seen: 100, expected: [] });
    expect(wf.check(WORKFLOW_START, 'start').isAnomaly).toBe(true);
    expect(wf.check('done', WORKFLOW_END).isAnomaly).toBe(true); // a job that stops after "done"
    expect(wf.check('fin', WORKFLOW_END).isAnomaly).toBe(false);
  });

  it('does not judge keys it has too little evidence about, or whose successors are open', () => {
    // "start" seen 11 times: (0 + 1) / 12 ≈ 0.083 is not below 0.02
    expect(Workflow.fromSessions(jobs(10), 0.02).check('start', 'fin').isAnomaly).toBe(false);
    // "page" is followed by 40 different pages, each once: novelty chance 41/…, open
    const pages = Array.from({ length: 40 }, (_, i) => ['login', 'page', `p${i}`]);
    const wf = Workflow.fromSessions(pages, 0.02);
    expect(wf.check('page', 'p999').isAnomaly).toBe(false);
    expect(wf.check('never-seen', 'x')).toMatchObject({ isAnomaly: false, occurrences: 0 });
    expect(wf.withThreshold(0).check('start', 'fin').isAnomaly).toBe(false);
  });

  it('round-trips through workflow.json and refuses a malformed file naming the problem', () => {
    const wf = Workflow.fromSessions(jobs(100), 0.02);
    const back = Workflow.fromJSON(JSON.stringify(wf.toJSON()));
    expect(back.toJSON()).toEqual(wf.toJSON());
    expect(back.transitions).toBe(wf.transitions);
    expect(back.check('start', 'fin')).toEqual(wf.check('start', 'fin'));
    expect(() => Workflow.fromJSON('{')).toThrow(/not JSON/);
    expect(() => Workflow.fromJSON('{"format":"x","version":1}')).toThrow(/format/);
    expect(() => Workflow.fromJSON(JSON.stringify({ ...wf.toJSON(), closedBelow: 2 }))).toThrow(/closedBelow/);
    expect(() => Workflow.fromJSON(JSON.stringify({ ...wf.toJSON(), edges: { a: { b: 0 } } }))).toThrow(/"a" → "b"/);
    expect(() => Workflow.fromSessions([], -1)).toThrow(/threshold/);
  });
});

describe('Workflow threshold calibration (leave-one-out false alarms)', () => {
  it('keeps the maximum when no training session has a one-off transition, and lowers it when they are common', () => {
    expect(Workflow.fromSessions(jobs(200), { maxThreshold: 0.02, looBudget: 0.001 }).closedBelow).toBe(0.02);
    // interleaved sessions: every 100th session carries a transition seen nowhere else
    const mixed = Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? ['a', 'b', `x${i}`, 'c'] : ['a', 'b', 'c']));
    const wf = Workflow.fromSessions(mixed, { maxThreshold: 0.02, looBudget: 0.001 });
    // "b" is followed by 10 one-off keys in 1,000: left out, each has chance 10/1000 < 0.02, 10 false alarms > 1 allowed
    expect(wf.closedBelow).toBeCloseTo(0.01, 9);
    expect(wf.check('b', 'never').isAnomaly).toBe(false);
    expect(wf.check('a', 'c').isAnomaly).toBe(true);
    // with a budget that covers them, the maximum stays
    expect(Workflow.fromSessions(mixed, { maxThreshold: 0.02, looBudget: 0.01 }).closedBelow).toBe(0.02);
    // one-off keys are rarer than the maximum allows to flag: nothing to lower
    const rare = Array.from({ length: 400 }, (_, i) => (i % 20 === 0 ? ['a', 'b', `x${i}`, 'c'] : ['a', 'b', 'c']));
    expect(Workflow.fromSessions(rare, { maxThreshold: 0.02, looBudget: 0.001 }).closedBelow).toBe(0.02);
    expect(() => Workflow.fromSessions(mixed, { maxThreshold: 0.02, looBudget: 2 })).toThrow(/looBudget/);
  });
});
