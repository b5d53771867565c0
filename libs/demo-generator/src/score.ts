/**
 * Scores a detector's verdicts against the injected labels: record level (was exactly the
 * labelled record flagged?), session level (was the anomalous session flagged at all?) and
 * per anomaly kind.
 */
import { ANOMALY_KINDS, type AnomalyKind, type DemoRecord, type InjectedScenario } from './types';

/** Confusion counts and the derived rates. */
export interface ScoreCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** tp / (tp + fp); 0 when nothing was flagged. */
  precision: number;
  /** tp / (tp + fn); 0 when nothing was labelled. */
  recall: number;
  /** Harmonic mean of precision and recall. */
  f1: number;
}

/** Detection quality of one demo run. */
export interface DetectionScore {
  /** A record is positive when it carries a label. */
  records: ScoreCounts;
  /** A session is positive when one of its records carries a label; flagged when any record is, or its closing verdict. */
  sessions: ScoreCounts;
  /** Per kind: scenarios injected, detected at the labelled record, detected in their session. */
  byKind: Record<AnomalyKind, { scenarios: number; recordHits: number; sessionHits: number }>;
}

function counts(tp: number, fp: number, fn: number, tn: number): ScoreCounts {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}

/**
 * Scores `flaggedIds` (ids of records the detector flagged) and `flaggedSessions` (sessions
 * whose closing verdict was flagged, e.g. a missing step) against the labels of `records`.
 */
export function scoreDetections(
  records: readonly DemoRecord[],
  scenarios: readonly InjectedScenario[],
  flaggedIds: ReadonlySet<string>,
  flaggedSessions: ReadonlySet<string> = new Set(),
): DetectionScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const sessionPositive = new Map<string, boolean>();
  const sessionFlagged = new Map<string, boolean>();
  for (const r of records) {
    const positive = r.label !== undefined;
    const flagged = flaggedIds.has(r.id);
    if (positive && flagged) tp++;
    else if (flagged) fp++;
    else if (positive) fn++;
    else tn++;
    sessionPositive.set(r.sessionId, (sessionPositive.get(r.sessionId) ?? false) || positive);
    sessionFlagged.set(r.sessionId, (sessionFlagged.get(r.sessionId) ?? false) || flagged || flaggedSessions.has(r.sessionId));
  }
  let stp = 0;
  let sfp = 0;
  let sfn = 0;
  let stn = 0;
  for (const [id, positive] of sessionPositive) {
    const flagged = sessionFlagged.get(id) === true;
    if (positive && flagged) stp++;
    else if (flagged) sfp++;
    else if (positive) sfn++;
    else stn++;
  }
  const byKind = Object.fromEntries(ANOMALY_KINDS.map((k) => [k, { scenarios: 0, recordHits: 0, sessionHits: 0 }])) as DetectionScore['byKind'];
  for (const s of scenarios) {
    const entry = byKind[s.kind];
    entry.scenarios++;
    if (s.recordIds.some((id) => flaggedIds.has(id))) entry.recordHits++;
    if (sessionFlagged.get(s.sessionId) === true) entry.sessionHits++;
  }
  return { records: counts(tp, fp, fn, tn), sessions: counts(stp, sfp, sfn, stn), byKind };
}
