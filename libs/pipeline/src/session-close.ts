/**
 * Closing sessions: the end-of-session check of DeepLog (the end symbol must be among the
 * top-g predictions after the session's last window, with its calibrated floor — the same
 * rule `--format keys` applies to the end of each line), combined with what the session's
 * records already showed. A session that stops where normal ones continue ("missing step")
 * is flagged `deeplog.missing_step`. Then Invariants Mining's count relations: a session whose
 * counts of templates break a relation every training session kept (one "Received block" short
 * of its "Receiving block"s) is flagged `invariants.violated`; with an optional PCA model, counts far
 * from the training sessions' normal subspace are flagged `pca.spe`; with an optional LogAnomaly
 * model, its verdict on the session's templates and end (./loganomaly-scoring) joins them.
 */
import { decideKey, END_INDEX, WORKFLOW_END } from '@log-sentinel/deeplog';
import { describeOutOfRange, describeViolation } from '@log-sentinel/count-models';
import type { ModelRuntime } from './model-runtime';
import { windowCacheKey } from './prediction-cache';
import type { SessionCloseStatus, SessionVerdictView } from './record';
import { adoptKeys, explainParts, windowOf, workflowMessage } from './scorer';
import type { SessionState } from './session-store';
import { judgeLogAnomalyClose } from './loganomaly-scoring';
import { expectedAfter } from './workflow-explain';

/** A session to judge: its id, its state (taken from the store) and how it was closed. */
export interface ClosingSession {
  /** Session id. */
  id: string;
  /** Its state (undefined = no such open session). */
  state: SessionState | undefined;
  /** How it was closed. */
  status: SessionCloseStatus;
}

/** Reason of a failed end-of-session check. */
export const MISSING_STEP = 'deeplog.missing_step';
/** Reason of a session that breaks a mined count invariant. */
export const INVARIANT_VIOLATED = 'invariants.violated';
/** Reason of a session holding a template fewer or more times than any training session did. */
export const COUNT_OUT_OF_RANGE = 'counts.out_of_range';
/** Reason of a session whose count vector lies too far from PCA's normal subspace. */
export const PCA_SPE = 'pca.spe';

/** Judges closing sessions with one batched DeepLog run; one verdict each, in order. */
export async function judgeSessions(rt: ModelRuntime, closing: readonly ClosingSession[]): Promise<SessionVerdictView[]> {
  const p = rt.parts;
  const windows: Int32Array[] = [];
  const keys: string[] = [];
  const slot = new Array<number>(closing.length).fill(-1);
  for (let i = 0; i < closing.length; i++) {
    const st = closing[i]!.state;
    if (!st) continue;
    adoptKeys(rt, st);
    if (st.keys.length === 0) continue;
    slot[i] = windows.length;
    windows.push(windowOf(st.keys, p.window, p.padIndex));
    keys.push(windowCacheKey(st.keys));
  }
  const [preds, la] = await Promise.all([
    windows.length > 0 ? rt.predictWindows(windows, keys) : Promise.resolve([]),
    judgeLogAnomalyClose(rt, closing.map((c) => c.state)),
  ]);
  return closing.map((c, i) => {
    const st = c.state;
    if (!st) {
      return { sessionId: c.id, isAnomaly: false, score: 0, reasons: [], modelVersion: rt.version, explanation: 'no open session with this id', records: 0, flaggedRecords: 0, status: 'unknown', recent: [] };
    }
    const reasons = st.reasons ? [...st.reasons] : [];
    let score = st.maxScore;
    let explanation = st.flagged > 0 ? `${st.flagged} of ${st.records} records flagged` : '';
    const recent = explainParts(rt, '', undefined, st.keys).recent;
    const v: SessionVerdictView = {
      sessionId: c.id, isAnomaly: false, score, reasons, modelVersion: rt.version, explanation, records: st.records, flaggedRecords: st.flagged, status: c.status, recent,
    };
    if (slot[i]! >= 0) {
      const probs = preds[slot[i]!]!.probs;
      const d = decideKey(probs, 0, p.vocab.size, p.rule, END_INDEX);
      if (d.isAnomaly && p.deeplogFlags) {
        reasons.push(MISSING_STEP);
        score = Math.max(score, 0.5 + 0.5 * d.score);
        const detail = explainParts(rt, '(end of session)', probs, st.keys);
        const next = detail.expected.map((e) => `${e.template} (p=${e.probability.toPrecision(2)})`).join(' or ');
        const lastKey = st.keys.length > 0 ? st.keys[st.keys.length - 1]! : -1;
        const after = lastKey >= 0 && lastKey !== p.padIndex ? expectedAfter(p.workflows, p.vocab.keyAt(lastKey), (id) => rt.templateText(id)) : undefined;
        const msg = `the session ended where normal sessions continue: expected ${next}${after ? `; ${after}` : ''}`;
        explanation = explanation ? `${explanation}; ${msg}` : msg;
        v.explanationDetail = detail;
      }
    }
    // The workflow graph: the session ended after a key normal sessions always continue from.
    const last = st.keys.length > 0 ? st.keys[st.keys.length - 1]! : -1;
    if (p.workflow && p.deeplogFlags && !reasons.includes(MISSING_STEP) && last >= 0 && last !== p.padIndex) {
      const w = p.workflow.check(p.vocab.keyAt(last), WORKFLOW_END);
      if (w.isAnomaly) {
        reasons.push(MISSING_STEP);
        score = Math.max(score, 0.5 + 0.5 * (1 - w.noveltyChance));
        const msg = workflowMessage(rt, p.vocab.keyAt(last), w, 'the session ended there');
        explanation = explanation ? `${explanation}; ${msg}` : msg;
      }
    }
    // The session-level count models read the session's template counts.
    const flag = (reason: string, reasonScore: number, msg: string): void => {
      reasons.push(reason);
      score = Math.max(score, reasonScore);
      explanation = explanation ? `${explanation}; ${msg}` : msg;
    };
    const countOf = (k: string): number => st.counts?.get(k) ?? 0;
    const text = (k: string): string => rt.templateText(k);
    const judged = p.deeplogFlags && st.records > 0;
    // Invariants Mining: counts of templates every training session kept in proportion.
    const broken = judged && p.invariants ? p.invariants.check(countOf) : [];
    if (broken.length > 0) {
      const b = broken[0]!;
      const mass = b.counts.reduce((a, c, j) => a + Math.abs(b.invariant.coefficients[j]! * c), 0);
      v.invariantsViolated = broken.map((x) => describeViolation(x, text, p.invariants!.sessions));
      const more = broken.length > 1 ? ` (and ${broken.length - 1} more relation${broken.length > 2 ? 's' : ''})` : '';
      flag(INVARIANT_VIOLATED, 0.5 + 0.5 * Math.min(1, Math.abs(b.residual) / Math.max(1, mass)), `${v.invariantsViolated[0]}${more}`);
    }
    // The count-range check: a template held fewer or more times than in any training session.
    const out = judged && p.counts ? p.counts.check(countOf) : [];
    if (out.length > 0) {
      const more = out.length > 1 ? ` (and ${out.length - 1} more template${out.length > 2 ? 's' : ''})` : '';
      flag(COUNT_OUT_OF_RANGE, 0.75, `${describeOutOfRange(out[0]!, text)}${more}`);
    }
    // PCA (optional): the squared distance of the session's counts from the normal subspace.
    const spe = judged && p.pca ? p.pca.score(countOf) : undefined;
    if (spe?.isAnomaly) {
      flag(
        PCA_SPE,
        0.5 + 0.5 * Math.min(1, (spe.spe - spe.threshold) / Math.max(spe.spe, 1e-12)),
        `the session's template counts are far from the normal subspace (PCA squared prediction error ${spe.spe.toPrecision(3)} > ${spe.threshold.toPrecision(3)})`,
      );
    }
    // LogAnomaly (optional): the session's templates and its end ranked by its LSTM, unseen ones by their meaning.
    const l = la[i];
    if (l && st.records > 0) {
      for (const r of l.reasons) reasons.push(r);
      if (l.reasons.length > 0) score = Math.max(score, l.score);
      if (l.explanation) explanation = explanation ? `${explanation}; ${l.explanation}` : l.explanation;
    }
    v.isAnomaly = reasons.length > 0;
    v.score = v.isAnomaly ? Math.max(score, 0.5) : Math.min(score, 0.4999);
    v.explanation = explanation;
    return v;
  });
}
