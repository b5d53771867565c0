/**
 * Scores `--format keys` sessions. Rule (docs/deeplog.md): DeepLog is the verdict —
 * `is_anomaly`, `score` and `reasons` come from it; the Isolation Forest session model is
 * reported beside it under `models.iforest` and does not change the verdict.
 */
import { explain, type SessionVerdict } from '@log-sentinel/deeplog';
import type { KeysModels } from './keys-model';
import type { Progress } from './progress';

/** One line of `detect --format keys` output. */
export interface KeysDetection {
  /** 1-based line number of the session in the input file. */
  session: number;
  /** DeepLog's verdict. */
  is_anomaly: boolean;
  /** DeepLog's session score, 0..1 (highest probability mass ranked above an actual key). */
  score: number;
  /** Distinct reasons, e.g. "deeplog.unexpected_key", "deeplog.unseen_key", "deeplog.unexpected_end". */
  reasons: string[];
  /** Per-model results. */
  models: {
    deeplog: {
      is_anomaly: boolean;
      score: number;
      predictions: number;
      anomalies: { position: number; key: string; rank: number | null; probability: number; expected: string[]; explanation: string }[];
    };
    iforest?: { is_anomaly: boolean; score: number; threshold: number };
  };
}

const CHUNK_SESSIONS = 2000;

function toDetection(i: number, v: SessionVerdict, models: KeysModels, session: number[]): KeysDetection {
  const reasons = [...new Set(v.anomalies.map((a) => `deeplog.${a.reason ?? 'unexpected_key'}`))];
  const out: KeysDetection = {
    session: i + 1,
    is_anomaly: v.isAnomaly,
    score: Number(v.score.toFixed(6)),
    reasons,
    models: {
      deeplog: {
        is_anomaly: v.isAnomaly,
        score: Number(v.score.toFixed(6)),
        predictions: v.predictions,
        anomalies: v.anomalies.map((a) => ({
          position: a.position, key: a.key, rank: a.rank, probability: Number(a.probability.toPrecision(4)), expected: a.expected, explanation: explain(a),
        })),
      },
    },
  };
  if (models.iforest) {
    const f = models.iforest.score(session);
    out.models.iforest = { is_anomaly: f.isAnomaly, score: Number(f.score.toFixed(6)), threshold: Number(f.threshold.toFixed(6)) };
  }
  return out;
}

/** Scores every session (in input order) with DeepLog and, when present, the Isolation Forest. */
export async function detectKeySessions(models: KeysModels, sessions: number[][], progress?: Progress): Promise<KeysDetection[]> {
  const out: KeysDetection[] = [];
  progress?.start('detect', sessions.length);
  for (let s = 0; s < sessions.length; s += CHUNK_SESSIONS) {
    const chunk = sessions.slice(s, s + CHUNK_SESSIONS);
    const verdicts = await models.deeplog.scoreSessions(chunk);
    verdicts.forEach((v, j) => out.push(toDetection(s + j, v, models, chunk[j]!)));
    progress?.update(Math.min(sessions.length, s + CHUNK_SESSIONS));
  }
  progress?.stop();
  return out;
}
