/**
 * The demo log generator: a simulated web shop whose sessions are placed on a simulated
 * clock and interleaved, first normal traffic to learn from, then normal traffic with
 * labelled injected anomalies. Pure and deterministic for a given seed and start time.
 */
import { injectAnomaly } from './anomalies';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { normalSession, type SessionScript } from './sessions';
import { ANOMALY_KINDS, type AnomalyKind, type AnomalyPhase, type DemoGeneratorOptions, type DemoRecord, type InjectedScenario } from './types';

/** Options of {@link DemoLogGenerator.anomalyPhase}. */
export interface AnomalyPhaseOptions {
  /** Normal sessions mixed with the anomalous ones. */
  normalSessions: number;
  /** Scenarios injected per kind; default 2 (variants alternate, e.g. latency then amount). */
  perKind?: number;
  /** Kinds to inject; default all of {@link ANOMALY_KINDS}. */
  kinds?: readonly AnomalyKind[];
}

interface Placed {
  record: Omit<DemoRecord, 'id'>;
  order: number;
}

/** Generates demo traffic phase by phase; each call continues the simulated clock. */
export class DemoLogGenerator {
  private readonly rng: SeededRandom;
  private readonly idPrefix: string;
  private readonly meanSessionGapMs: number;
  private clockMs: number;
  private sequence = 0;
  private scenarioCount = 0;

  /** Creates a generator; throws RangeError on a bad option. */
  constructor(opts: DemoGeneratorOptions) {
    if (!Number.isFinite(opts.startMs)) throw new RangeError(`startMs must be a finite number, got ${opts.startMs}`);
    const gap = opts.meanSessionGapMs ?? 400;
    if (!(gap > 0)) throw new RangeError(`meanSessionGapMs must be > 0, got ${gap}`);
    this.rng = new SeededRandom(opts.seed);
    this.idPrefix = opts.idPrefix ?? `demo-${opts.seed}`;
    this.meanSessionGapMs = gap;
    this.clockMs = opts.startMs;
  }

  /** Complete normal sessions, in time order, until at least `minRecords` records. */
  learningPhase(minRecords: number): DemoRecord[] {
    if (!Number.isInteger(minRecords) || minRecords < 0) throw new RangeError(`minRecords must be a non-negative integer, got ${minRecords}`);
    const sessions: SessionScript[] = [];
    let total = 0;
    while (total < minRecords) {
      const s = normalSession(this.rng);
      sessions.push(s);
      total += s.steps.length;
    }
    return this.place(sessions);
  }

  /** Normal sessions with injected anomalous sessions at random positions, labelled. */
  anomalyPhase(opts: AnomalyPhaseOptions): AnomalyPhase {
    const perKind = opts.perKind ?? 2;
    const kinds = opts.kinds ?? ANOMALY_KINDS;
    if (!Number.isInteger(opts.normalSessions) || opts.normalSessions < 0) {
      throw new RangeError(`normalSessions must be a non-negative integer, got ${opts.normalSessions}`);
    }
    if (!Number.isInteger(perKind) || perKind < 0) throw new RangeError(`perKind must be a non-negative integer, got ${perKind}`);
    for (const k of kinds) if (!ANOMALY_KINDS.includes(k)) throw new RangeError(`unknown anomaly kind "${k}"`);
    const sessions: SessionScript[] = [];
    for (let i = 0; i < opts.normalSessions; i++) sessions.push(normalSession(this.rng));
    for (const kind of kinds) {
      for (let v = 0; v < perKind; v++) {
        const scenarioId = `${kind}-${++this.scenarioCount}`;
        const at = this.rng.int(0, sessions.length);
        sessions.splice(at, 0, injectAnomaly(this.rng, kind, scenarioId, v));
      }
    }
    const records = this.place(sessions);
    const byId = new Map<string, InjectedScenario>();
    for (const r of records) {
      if (!r.label) continue;
      let s = byId.get(r.label.scenarioId);
      if (!s) {
        s = { scenarioId: r.label.scenarioId, kind: r.label.kind, sessionId: r.sessionId, recordIds: [] };
        byId.set(s.scenarioId, s);
      }
      s.recordIds.push(r.id);
    }
    return { records, scenarios: [...byId.values()] };
  }

  /** Puts sessions on the clock (staggered starts), merges them in time order and assigns ids. */
  private place(sessions: SessionScript[]): DemoRecord[] {
    const placed: Placed[] = [];
    let start = this.clockMs;
    let order = 0;
    let last = this.clockMs;
    for (const s of sessions) {
      start += Math.round(this.rng.exponential(this.meanSessionGapMs));
      let t = start;
      for (const step of s.steps) {
        t += step.delayMs;
        last = Math.max(last, t);
        const record: Omit<DemoRecord, 'id'> = {
          timestamp: new Date(t).toISOString(),
          timeMs: t,
          level: step.level,
          message: step.message,
          source: step.source,
          host: step.host,
          sessionId: s.sessionId,
        };
        if (step.label) record.label = step.label;
        placed.push({ record, order: order++ });
      }
    }
    placed.sort((a, b) => a.record.timeMs - b.record.timeMs || a.order - b.order);
    this.clockMs = last + 1000;
    return placed.map((p) => ({ id: `${this.idPrefix}-${++this.sequence}`, ...p.record }));
  }
}
