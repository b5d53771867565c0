import { DemoLogGenerator } from './generator';
import { scoreDetections } from './score';

describe('scoreDetections', () => {
  const g = new DemoLogGenerator({ seed: 11, startMs: Date.UTC(2026, 0, 1) });
  const { records, scenarios } = g.anomalyPhase({ normalSessions: 30 });
  const labelled = records.filter((r) => r.label).map((r) => r.id);

  it('a perfect detector has precision and recall 1', () => {
    const s = scoreDetections(records, scenarios, new Set(labelled));
    expect(s.records).toMatchObject({ tp: labelled.length, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(s.sessions.precision).toBe(1);
    expect(s.sessions.recall).toBe(1);
    expect(Object.values(s.byKind).every((k) => k.recordHits === k.scenarios && k.scenarios === 2)).toBe(true);
  });

  it('counts false positives, misses and session-level hits', () => {
    const normal = records.find((r) => !r.label)!;
    const firstScenario = scenarios[0]!;
    const sameSession = records.find((r) => r.sessionId === firstScenario.sessionId && !r.label);
    const flagged = new Set([normal.id, firstScenario.recordIds[0]!, ...(sameSession ? [sameSession.id] : [])]);
    const s = scoreDetections(records, scenarios, flagged);
    expect(s.records.tp).toBe(1);
    expect(s.records.fp).toBe(sameSession ? 2 : 1);
    expect(s.records.fn).toBe(labelled.length - 1);
    expect(s.records.precision).toBeCloseTo(1 / flagged.size);
    expect(s.sessions.tp).toBe(1);
    expect(s.sessions.fp).toBe(1);
    expect(s.byKind[firstScenario.kind].recordHits).toBe(1);
  });

  it('flagging nothing gives zeros, not NaN', () => {
    const s = scoreDetections(records, scenarios, new Set());
    expect(s.records).toMatchObject({ tp: 0, fp: 0, precision: 0, recall: 0, f1: 0 });
  });
});
