/**
 * Scores `--format keys` sessions through the one pipeline: each line is a session of
 * pre-parsed events, scored record by record by the detector's own scorer and closed with
 * its end-of-session check (docs/detector.md). `is_anomaly`, `score` and `reasons` are the
 * session verdict; `models.deeplog` is DeepLog's part of it (unexpected/unseen keys, the
 * end of the session) and `models.iforest` the session-count forest, reported beside.
 */
import { compileSessionKey, COUNT_OUT_OF_RANGE, INVARIANT_VIOLATED, judgeSessions, MISSING_STEP, PCA_SPE, scoreBatch, SessionStore, type DetectVerdict } from '@log-sentinel/pipeline';
import type { UnseenKey } from '@log-sentinel/loganomaly';
import type { KeysModels } from './keys-model';
import type { Progress } from './progress';
import { keyRecords } from './train-keys';

/** One DeepLog finding inside a session. */
export interface KeyFinding {
  /** 0-based position in the session; the session length for its end. */
  position: number;
  /** The key (`<end>` for the end of the session). */
  key: string;
  /** Rank of the key among the predictions (null when DeepLog never saw the key or for the end). */
  rank: number | null;
  /** Its predicted probability (0 when unseen). */
  probability: number;
  /** The most probable keys, most probable first. */
  expected: string[];
  /** Readable explanation. */
  explanation: string;
}

/** One line of `detect --format keys` output. */
export interface KeysDetection {
  /** 1-based line number of the session in the input file. */
  session: number;
  /** The session verdict: a record of it was flagged, or it ended where normal sessions continue. */
  is_anomaly: boolean;
  /** Session score, 0..1. */
  score: number;
  /** Distinct reasons, e.g. "deeplog.unexpected_key", "drain.new_template" (an unseen key), "deeplog.missing_step". */
  reasons: string[];
  /** Per-model results. */
  models: {
    deeplog: { is_anomaly: boolean; score: number; predictions: number; anomalies: KeyFinding[] };
    iforest?: { is_anomaly: boolean; score: number; threshold: number };
    /** Invariants Mining (when the model has invariants): whether the session's key counts break a mined relation, and which. */
    invariants?: { is_anomaly: boolean; violated: string[] };
    /** PCA (when the model has it, `train --pca`). */
    pca?: { is_anomaly: boolean };
    /** The count-range check (when the model has it). */
    counts?: { is_anomaly: boolean };
    /** LogAnomaly (when the model has it): top-g on the sequential + quantitative pattern, unseen templates mapped or flagged. */
    loganomaly?: { is_anomaly: boolean; score: number; reasons: string[]; max_rank: number; top_g: number; unseen: UnseenKey[] };
  };
}

/** Sessions scored per pipeline batch. */
const CHUNK_SESSIONS = 2000;
/** DeepLog findings listed per session. */
const MAX_FINDINGS = 5;

function finding(position: number, v: DetectVerdict): KeyFinding {
  const dl = v.deeplog!;
  return {
    position,
    key: v.templateId,
    rank: dl.rank === 0 ? null : dl.rank,
    probability: Number(dl.probability.toPrecision(4)),
    expected: v.explanationDetail?.expected.map((e) => e.templateId) ?? dl.expected.map((e) => e.templateId),
    explanation: v.explanation,
  };
}

/** Scores every session (in input order) through the pipeline and, when present, the session forest. */
export async function detectKeySessions(models: KeysModels, sessions: number[][], progress?: Progress): Promise<KeysDetection[]> {
  const rt = models.runtime;
  const out: KeysDetection[] = [];
  progress?.start('detect', sessions.length);
  for (let s = 0; s < sessions.length; s += CHUNK_SESSIONS) {
    const chunk = sessions.slice(s, s + CHUNK_SESSIONS);
    const store = new SessionStore({ maxSessions: chunk.length + 1, ttlMs: Number.MAX_SAFE_INTEGER, maxBytes: 2 ** 40 }, rt.parts.window);
    const ctx = { sessions: store, sessionKey: compileSessionKey({}), nowMs: () => 0, untimed: 'none' as const };
    const verdicts = await scoreBatch(rt, ctx, keyRecords(chunk, s), false, true);
    const ids = chunk.map((_, j) => String(s + j + 1));
    const closed = await judgeSessions(rt, ids.map((id) => ({ id, state: store.take(id), status: 'closed' as const })));
    let at = 0;
    chunk.forEach((session, j) => {
      const v = closed[j]!;
      const records = verdicts.slice(at, at + session.length);
      at += session.length;
      const findings = records.flatMap((r, pos) => (r.deeplog?.isAnomaly ? [finding(pos, r)] : []));
      if (v.reasons.includes(MISSING_STEP)) {
        findings.push({ position: session.length, key: '<end>', rank: null, probability: 0, expected: v.explanationDetail?.expected.map((e) => e.templateId) ?? [], explanation: v.explanation });
      }
      const dlScore = Math.max(0, ...records.map((r) => (r.deeplog?.isAnomaly ? r.score : 0)), v.reasons.includes(MISSING_STEP) ? v.score : 0);
      const det: KeysDetection = {
        session: s + j + 1,
        is_anomaly: v.isAnomaly,
        score: Number(v.score.toFixed(6)),
        reasons: v.reasons,
        models: {
          deeplog: { is_anomaly: findings.length > 0, score: Number(dlScore.toFixed(6)), predictions: session.length + 1, anomalies: findings.slice(0, MAX_FINDINGS) },
        },
      };
      if (rt.parts.invariants) {
        det.models.invariants = { is_anomaly: v.reasons.includes(INVARIANT_VIOLATED), violated: v.invariantsViolated ?? [] };
      }
      if (rt.parts.counts) det.models.counts = { is_anomaly: v.reasons.includes(COUNT_OUT_OF_RANGE) };
      if (rt.parts.pca) det.models.pca = { is_anomaly: v.reasons.includes(PCA_SPE) };
      if (models.iforest) {
        const f = models.iforest.score(session);
        det.models.iforest = { is_anomaly: f.isAnomaly, score: Number(f.score.toFixed(6)), threshold: Number(f.threshold.toFixed(6)) };
      }
      out.push(det);
    });
    if (models.loganomaly) {
      const la = models.loganomaly;
      const verdicts = await la.score(chunk.map((x) => x.map(String)));
      verdicts.forEach((v, j) => {
        out[s + j]!.models.loganomaly = { is_anomaly: v.isAnomaly, score: v.score, reasons: v.reasons, max_rank: v.maxRank, top_g: la.model.json.topG, unseen: v.unseen };
      });
    }
    progress?.update(Math.min(sessions.length, s + CHUNK_SESSIONS));
  }
  progress?.stop();
  return out;
}
