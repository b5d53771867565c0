import { DemoLogGenerator } from './generator';
import { toRawLine } from './raw-line';
import { ANOMALY_KINDS, type DemoRecord } from './types';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

function sessionsOf(records: DemoRecord[]): Map<string, DemoRecord[]> {
  const m = new Map<string, DemoRecord[]>();
  for (const r of records) m.set(r.sessionId, [...(m.get(r.sessionId) ?? []), r]);
  return m;
}

describe('DemoLogGenerator', () => {
  it('is deterministic for a seed and start time, and differs for another seed', () => {
    const a = new DemoLogGenerator({ seed: 7, startMs: START });
    const b = new DemoLogGenerator({ seed: 7, startMs: START });
    const c = new DemoLogGenerator({ seed: 8, startMs: START });
    expect(a.learningPhase(500)).toEqual(b.learningPhase(500));
    expect(a.anomalyPhase({ normalSessions: 20 })).toEqual(b.anomalyPhase({ normalSessions: 20 }));
    expect(c.learningPhase(500)[0]!.message).not.toEqual(new DemoLogGenerator({ seed: 7, startMs: START }).learningPhase(500)[0]!.message);
  });

  it('learning phase: complete, unlabelled, time-ordered sessions with unique ids and the simulated clock', () => {
    const records = new DemoLogGenerator({ seed: 1, startMs: START, idPrefix: 'run1' }).learningPhase(2000);
    expect(records.length).toBeGreaterThanOrEqual(2000);
    expect(records.length).toBeLessThan(2100);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records[0]!.id).toBe('run1-1');
    expect(records.every((r) => r.label === undefined)).toBe(true);
    for (let i = 1; i < records.length; i++) expect(records[i]!.timeMs).toBeGreaterThanOrEqual(records[i - 1]!.timeMs);
    expect(records[0]!.timeMs).toBeGreaterThan(START);
    expect(new Date(records[0]!.timestamp).getTime()).toBe(records[0]!.timeMs);
    const sessions = sessionsOf(records);
    for (const [id, rs] of sessions) {
      if (id.startsWith('sess-')) {
        expect(rs[0]!.message).toMatch(/login attempt/);
        expect(rs.at(-1)!.message).toMatch(/^Session sess-\w+ ended after/);
      } else {
        expect(rs[0]!.message).toMatch(/^Job job-\w+ [a-z-]+ scheduled$/);
        expect(rs.at(-1)!.message).toMatch(/finished status=ok$/);
      }
    }
    // The web shop mix: logins, requests, payments, background jobs, sessions interleaved.
    const all = records.map((r) => r.message).join('\n');
    for (const re of [/authenticated via/, /GET \/\S+ status=\d+ latency=\d+ms/, /Payment pay-\w+ authorized amount=/, /Job job-\w+ processed/]) {
      expect(all).toMatch(re);
    }
    const interleaved = records.some((r, i) => i > 0 && r.sessionId !== records[i - 1]!.sessionId && sessions.get(records[i - 1]!.sessionId)!.at(-1) !== records[i - 1]);
    expect(interleaved).toBe(true);
  });

  it('anomaly phase: every kind injected and labelled, the rest normal, the clock continues', () => {
    const g = new DemoLogGenerator({ seed: 42, startMs: START });
    const learn = g.learningPhase(300);
    const { records, scenarios } = g.anomalyPhase({ normalSessions: 40, perKind: 2 });
    expect(records[0]!.timeMs).toBeGreaterThan(learn.at(-1)!.timeMs);
    expect(scenarios).toHaveLength(ANOMALY_KINDS.length * 2);
    expect(new Set(scenarios.map((s) => s.kind))).toEqual(new Set(ANOMALY_KINDS));
    const labelled = records.filter((r) => r.label);
    expect(labelled.map((r) => r.id).sort()).toEqual(scenarios.flatMap((s) => s.recordIds).sort());
    const byKind = (k: string): DemoRecord[] => labelled.filter((r) => r.label!.kind === k);
    expect(byKind('error_burst').every((r) => r.level === 'ERROR')).toBe(true);
    expect(byKind('error_burst').length).toBeGreaterThanOrEqual(10);
    expect(byKind('unseen_message').map((r) => r.message)).toEqual([
      expect.stringMatching(/TLS handshake .* certificate has expired/),
      expect.stringMatching(/TLS handshake .* certificate has expired/),
    ]);
    const values = byKind('abnormal_value').map((r) => r.message);
    expect(values.some((m) => Number(/amount=([\d.]+)/.exec(m)?.[1]) >= 20000)).toBe(true);
    expect(values.some((m) => Number(/checkout started, (\d+) items/.exec(m)?.[1]) >= 300)).toBe(true);
    const slow = byKind('latency_outlier').map((r) => r.message);
    expect(slow.some((m) => Number(/latency=(\d+)ms/.exec(m)?.[1]) >= 30000)).toBe(true);
    expect(slow.some((m) => Number(/processed \d+ items in (\d+) ms/.exec(m)?.[1]) >= 3_600_000)).toBe(true);
    // Normal values stay far below the injected outliers.
    const normal = records.filter((r) => !r.label).map((r) => r.message);
    expect(Math.max(...normal.map((m) => Number(/latency=(\d+)ms/.exec(m)?.[1] ?? 0)))).toBeLessThan(1000);
    expect(Math.max(...normal.map((m) => Number(/amount=([\d.]+)/.exec(m)?.[1] ?? 0)))).toBeLessThan(1000);
    expect(normal.some((m) => /TLS handshake/.test(m))).toBe(false);
  });

  it('missing and out-of-order steps really change the workflow of their session', () => {
    const g = new DemoLogGenerator({ seed: 3, startMs: START });
    const { records, scenarios } = g.anomalyPhase({ normalSessions: 0, perKind: 2, kinds: ['missing_step', 'out_of_order'] });
    const sessions = sessionsOf(records);
    for (const s of scenarios) {
      const msgs = sessions.get(s.sessionId)!.map((r) => r.message);
      if (s.kind === 'missing_step') {
        if (s.sessionId.startsWith('sess-')) expect(msgs.some((m) => /authenticated via/.test(m))).toBe(false);
        else expect(msgs.some((m) => / processed \d+ items/.test(m))).toBe(false);
      } else if (s.sessionId.startsWith('sess-')) {
        const pay = msgs.findIndex((m) => /authorized amount=/.test(m));
        const cart = msgs.findIndex((m) => /checkout started/.test(m));
        expect(pay).toBeLessThan(cart);
        expect(s.recordIds).toHaveLength(2);
      } else {
        expect(msgs.findIndex((m) => /finished status=ok/.test(m))).toBeLessThan(msgs.findIndex((m) => /processed \d+ items/.test(m)));
      }
    }
  });

  it('rejects bad options with a message naming them', () => {
    expect(() => new DemoLogGenerator({ seed: 1.5, startMs: START })).toThrow(/seed/);
    expect(() => new DemoLogGenerator({ seed: 1, startMs: NaN })).toThrow(/startMs/);
    expect(() => new DemoLogGenerator({ seed: 1, startMs: START, meanSessionGapMs: 0 })).toThrow(/meanSessionGapMs/);
    const g = new DemoLogGenerator({ seed: 1, startMs: START });
    expect(() => g.learningPhase(-1)).toThrow(/minRecords/);
    expect(() => g.anomalyPhase({ normalSessions: 1, kinds: ['nope' as never] })).toThrow(/unknown anomaly kind "nope"/);
  });

  it('renders raw lines with the session id in the header', () => {
    const [r] = new DemoLogGenerator({ seed: 1, startMs: START }).learningPhase(1);
    expect(toRawLine(r!)).toBe(`${r!.timestamp} ${r!.level} ${r!.source} ${r!.host} session=${r!.sessionId}: ${r!.message}`);
    expect(toRawLine(r!)).not.toMatch(/\n/);
  });
});
