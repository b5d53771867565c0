/**
 * Session-level scoring of the served benchmark: every rendered test line belongs to one
 * source session whose label (normal/abnormal) is known; a session counts as flagged when
 * any of its records was flagged or its own verdict (session close) flagged it. Scores use
 * the shared HDFS full-scale estimate.
 */
import { bootstrapF1, type Interval } from '../hdfs/f1-interval';
import { estimateFullScale } from '../hdfs/full-scale';

/** One path's session-level result. */
export interface PathScore {
  /** Precision with the normal side scaled to the full HDFS test set. */
  precision: number;
  /** Recall on all abnormal sessions. */
  recall: number;
  /** F1 of the two above. */
  f1_est: number;
  tp: number;
  /** False positives among the normal sessions measured. */
  fp: number;
  /** False positives scaled to the full HDFS test set. */
  fp_est: number;
  fn: number;
  /** fp / normal_sessions. */
  fp_rate: number;
  normal_sessions: number;
  abnormal_sessions: number;
  /** 95 % stratified bootstrap interval of `f1_est` over the test sessions (hdfs/f1-interval.ts; 2,000 replicates, seed 1). */
  f1_ci95: Interval;
}

/** Scores per-session flags (`abnormal[i]` = verdict on the i-th abnormal session). */
export function pathScore(abnormalFlags: readonly boolean[], normalFlags: readonly boolean[]): PathScore {
  const est = estimateFullScale(abnormalFlags, normalFlags);
  const fp = normalFlags.filter(Boolean).length;
  return {
    precision: est.precision,
    recall: est.recall,
    f1_est: est.f1,
    tp: est.tp,
    fp,
    fp_est: est.fp,
    fn: est.fn,
    fp_rate: normalFlags.length ? Number((fp / normalFlags.length).toFixed(6)) : 0,
    normal_sessions: normalFlags.length,
    abnormal_sessions: abnormalFlags.length,
    f1_ci95: bootstrapF1(abnormalFlags, normalFlags),
  };
}

/** Flags collected per source session from record results and session verdicts. */
export class SessionFlags {
  private readonly byRecord: Uint8Array;
  private readonly byVerdict: Uint8Array;
  private readonly verdicts: Uint8Array;
  private readonly ids = new Map<string, number>();
  /** Session ids the detector reported for lines of more than one source session. */
  conflictingIds = 0;
  /** Session verdicts whose id matched no record's session id. */
  unmatchedVerdicts = 0;

  /** `abnormal[i]`: the label of source session i. */
  constructor(private readonly abnormal: readonly boolean[]) {
    this.byRecord = new Uint8Array(abnormal.length);
    this.byVerdict = new Uint8Array(abnormal.length);
    this.verdicts = new Uint8Array(abnormal.length);
  }

  /** A record result: the source session of its line, the detector's session id, its verdict. */
  record(session: number, sessionId: string, isAnomaly: boolean): void {
    const known = this.ids.get(sessionId);
    if (known === undefined) this.ids.set(sessionId, session);
    else if (known !== session && known !== -1) {
      this.ids.set(sessionId, -1);
      this.conflictingIds++;
    }
    if (isAnomaly) this.byRecord[session] = 1;
  }

  /** A session verdict, by the detector's session id (as its records reported it). */
  sessionVerdict(sessionId: string, isAnomaly: boolean): void {
    const s = this.ids.get(sessionId);
    if (s === undefined || s < 0) {
      this.unmatchedVerdicts++;
      return;
    }
    this.verdicts[s] = 1;
    if (isAnomaly) this.byVerdict[s] = 1;
  }

  /** The distinct session ids seen on records. */
  sessionIds(): string[] {
    return [...this.ids.keys()];
  }

  /** Source sessions that received a session verdict. */
  sessionsWithVerdict(): number {
    return this.verdicts.reduce((a, v) => a + v, 0);
  }

  /** Scores sessions: `records` = flagged by a record only; `sessions` = record or session verdict. */
  score(rule: 'records' | 'sessions'): PathScore {
    const a: boolean[] = [];
    const n: boolean[] = [];
    this.abnormal.forEach((isAbnormal, i) => {
      const flagged = this.byRecord[i] === 1 || (rule === 'sessions' && this.byVerdict[i] === 1);
      (isAbnormal ? a : n).push(flagged);
    });
    return pathScore(a, n);
  }

  /** Sessions whose only flag came from the session verdict (the end-of-session check's own catch). */
  flaggedOnlyByVerdict(): { abnormal: number; normal: number } {
    let abnormal = 0;
    let normal = 0;
    this.abnormal.forEach((isAbnormal, i) => {
      if (this.byVerdict[i] === 1 && this.byRecord[i] === 0) {
        if (isAbnormal) abnormal++;
        else normal++;
      }
    });
    return { abnormal, normal };
  }
}

/** Difference a − b of the headline numbers of two paths. */
export function scoreDelta(a: PathScore, b: PathScore): { precision: number; recall: number; f1_est: number; tp: number; fp: number } {
  const r = (x: number): number => Number(x.toFixed(4));
  return { precision: r(a.precision - b.precision), recall: r(a.recall - b.recall), f1_est: r(a.f1_est - b.f1_est), tp: a.tp - b.tp, fp: a.fp - b.fp };
}
