/**
 * Scores a batch of records with one model runtime: the model's preprocessing (header,
 * session, key) → Drain template (or the pre-parsed key) → session window (./score-prepare)
 * → DeepLog's decision rule (libs/deeplog `decideKey`, batched, cached) and DeepLog's workflow
 * graph (a transition never seen after a key with closed successors) → DeepLog's
 * parameter-value models (./value-scoring) → Isolation Forest on per-record features →
 * verdict. The combination rule is documented in docs/detector.md ("Score").
 */
import { decideKey, END_INDEX, PAD_INDEX, topIndices, WORKFLOW_START, type TransitionCheck } from '@log-sentinel/deeplog';
import type { RecordObservation } from '@log-sentinel/iforest';
import type { ModelRuntime } from './model-runtime';
import type { WindowPrediction } from './prediction-cache';
import type { DeepLogView, DetectRecord, DetectVerdict, ExplanationView } from './record';
import { newBatchPrep, prepareRecord, type Pending } from './score-prepare';
import type { SessionStore } from './session-store';
import { rankLogAnomalyBatch } from './loganomaly-scoring';
import { judgeParameterValues } from './value-scoring';
import { expectedAfter } from './workflow-explain';

export { adoptKeys, windowOf } from './score-prepare';

/** How a batch's parameter-value vectors were judged (./value-scoring). */
type ValueVerdicts = Awaited<ReturnType<typeof judgeParameterValues>>;

/** What the scorer needs besides the runtime. */
export interface ScoreContext {
  /** Session state store. */
  sessions: SessionStore;
  /** Session of a record whose model names none (record, field, regex and id shapes failed): the service+host stream by default. */
  sessionKey: (r: DetectRecord) => string;
  /** Clock for records without a timestamp. */
  nowMs: () => number;
  /** Records without a timestamp: 'now' = the receipt time (serving), 'none' = no time features (offline files without times). */
  untimed?: 'now' | 'none';
}

/** Expected templates listed in an explanation. */
export const EXPLAIN_EXPECTED = 3;
/** Recent templates of the session listed in an explanation. */
export const EXPLAIN_RECENT = 5;

/** Maps an Isolation Forest score to the combined 0..1 scale: the threshold lands on 0.5. */
export function calibrateIForest(score: number, threshold: number): number {
  if (!(threshold > 0 && threshold < 1)) return score;
  return score < threshold ? (0.5 * score) / threshold : 0.5 + (0.5 * (score - threshold)) / (1 - threshold);
}

/** Maps a DeepLog rank to the combined 0..1 scale: rank ≤ g stays below 0.5, beyond g is 0.5 + half the mass ranked above. */
export function calibrateDeepLog(rank: number, massAbove: number, topG: number): number {
  if (rank === 0) return 1;
  if (rank <= topG) return (0.5 * (rank - 1)) / topG;
  return 0.5 + 0.5 * massAbove;
}

/** Readable explanation parts: the observed template, the most probable next templates, the session's last templates. */
export function explainParts(rt: ModelRuntime, observed: string, probs: Float32Array | undefined, recentKeys: readonly number[]): ExplanationView {
  const p = rt.parts;
  const expected = probs
    ? topIndices(probs, 0, probs.length, EXPLAIN_EXPECTED, PAD_INDEX).map((k) => {
        const id = k === END_INDEX ? '<end>' : p.vocab.keyAt(k);
        return { templateId: id, template: k === END_INDEX ? '(end of session)' : rt.templateText(id), probability: probs[k]! };
      })
    : [];
  const recent = recentKeys
    .slice(-EXPLAIN_RECENT)
    .map((k) => (k === PAD_INDEX ? '(unseen template)' : rt.templateText(p.vocab.keyAt(k))));
  return { observed, expected, recent };
}

/** Reason of a transition the workflow graph never saw after a key with closed successors. */
export const WORKFLOW_UNEXPECTED = 'workflow.unexpected_transition';

/** "after X, normal sessions continue with Y (n×) or Z (m×); <what happened>". */
export function workflowMessage(rt: ModelRuntime, prevId: string, w: TransitionCheck, what: string): string {
  const text = (id: string): string => (id === '<end>' ? '(end of session)' : `"${rt.templateText(id)}"`);
  const after = prevId === WORKFLOW_START ? 'at the start of a session' : `after ${text(prevId)}`;
  const next = w.expected.map((e) => `${text(e.key)} (${e.count}×)`).join(' or ');
  return `${after} normal sessions continue with ${next} (seen ${w.occurrences}×); ${what}`;
}

/** Shared reasons list of unflagged verdicts (never mutated). */
const NO_REASONS: string[] = Object.freeze([]) as unknown as string[];
/** Shared empty expected-keys list. */
const NO_EXPECTED: DeepLogView['expected'] = Object.freeze([]) as unknown as DeepLogView['expected'];

/**
 * Scores records in order; `dryRun` leaves Drain, sessions and feedback untouched. With
 * `detail` false, unflagged verdicts omit the per-model views (fewer allocations on the hot path).
 */
export async function scoreBatch(rt: ModelRuntime, ctx: ScoreContext, records: DetectRecord[], dryRun: boolean, detail = true): Promise<DetectVerdict[]> {
  const p = rt.parts;
  const n = records.length;
  const b = newBatchPrep(rt, dryRun, ctx.nowMs());
  const pending = new Array<Pending>(n);
  const obs = new Array<RecordObservation>(n);
  for (let i = 0; i < n; i++) {
    const r = prepareRecord(rt, ctx, b, records[i]!, dryRun);
    pending[i] = r.pending;
    obs[i] = r.obs;
  }
  const [preds, valueVerdicts] = await Promise.all([
    b.windows.length > 0 ? rt.predictWindows(b.windows, b.windowKeys) : Promise.resolve([] as WindowPrediction[]),
    b.values ? judgeParameterValues(rt, b.values) : undefined,
    b.loganomaly ? rankLogAnomalyBatch(rt, b.loganomaly) : undefined,
  ]);
  const scores = p.outlier.scoreMany(obs);
  const out = new Array<DetectVerdict>(n);
  for (let i = 0; i < n; i++) {
    const q = pending[i]!;
    out[i] = judgeRecord(rt, q, records[i]!.id, (q.pred ?? preds[q.predIndex]!).probs, scores[i]!, valueVerdicts, detail);
  }
  return out;
}

/** What the checks of one record found: reasons, explanation and the combined score so far. */
interface Findings {
  reasons: string[] | undefined;
  explanation: string;
  combined: number;
}

/** Adds a reason and its explanation. */
function flag(f: Findings, reason: string, msg: string): void {
  (f.reasons ??= []).push(reason);
  f.explanation = f.explanation ? `${f.explanation}; ${msg}` : msg;
}

/** DeepLog: the one decision rule of libs/deeplog on the session's window (an unseen key is DeepLog's anomaly). */
function deeplogCheck(rt: ModelRuntime, q: Pending, probs: Float32Array, f: Findings): DeepLogView {
  const p = rt.parts;
  const { feedback, rule } = p;
  if (q.key < 0) {
    const isAnomaly = p.deeplogFlags && !feedback.normalTemplates.has(q.templateId);
    if (isAnomaly) {
      const after = expectedAfter(p.workflows, q.prevId, (id) => rt.templateText(id));
      flag(f, 'deeplog.unexpected_key', after ? `key unseen by DeepLog; ${after}` : 'key unseen by DeepLog');
      f.combined = 1;
    }
    return { isAnomaly, rank: 0, probability: 0, expected: NO_EXPECTED };
  }
  const V = p.vocab.size;
  const d = decideKey(probs, 0, V, rule, q.key);
  const rank = d.rank ?? 0;
  // a template an operator marked normal is never DeepLog's anomaly (as when it was unseen), nor is an accepted transition
  const isAnomaly = p.deeplogFlags && d.isAnomaly && !feedback.normalTemplates.has(q.templateId) && !feedback.acceptedTransitions.has(`${q.windowKey}>${q.key}`);
  f.combined = Math.max(f.combined, d.isAnomaly ? 0.5 + 0.5 * d.score : Math.min(0.4999, calibrateDeepLog(rank, d.score, rule.topG)));
  let expected = NO_EXPECTED;
  if (isAnomaly) {
    expected = topIndices(probs, 0, V, rule.topG, p.padIndex).map((k) => ({ templateId: p.vocab.keyAt(k), probability: probs[k]! }));
    const after = expectedAfter(p.workflows, q.prevId, (id) => rt.templateText(id));
    flag(f, 'deeplog.unexpected_key', `expected one of [${expected.map((e) => e.templateId).join(' ')}], saw ${q.templateId} (rank ${rank})${after ? `; ${after}` : ''}`);
  }
  return { isAnomaly, rank, probability: d.probability, expected };
}

/** Workflow: a transition training never saw after a key whose successors are closed. */
function workflowCheck(rt: ModelRuntime, q: Pending, f: Findings): void {
  const p = rt.parts;
  if (!p.workflow || !p.deeplogFlags || q.key < 0 || q.prevId === undefined || p.feedback.normalTemplates.has(q.templateId)) return;
  const w = p.workflow.check(q.prevId, q.templateId);
  if (!w.isAnomaly || p.feedback.acceptedTransitions.has(`${q.windowKey}>${q.key}`)) return;
  flag(f, WORKFLOW_UNEXPECTED, workflowMessage(rt, q.prevId, w, `saw "${q.template}"`));
  f.combined = Math.max(f.combined, 0.5 + 0.5 * (1 - w.noveltyChance));
}

/** Isolation Forest on the per-record features (a score accepted by feedback for the template is normal). */
function forestCheck(rt: ModelRuntime, q: Pending, score: number, f: Findings): boolean {
  const threshold = rt.parts.outlier.threshold;
  let outlier = score >= threshold;
  if (outlier) {
    const accepted = rt.parts.feedback.iforestAccepted.get(q.templateId);
    if (accepted !== undefined && score <= accepted + 1e-9) outlier = false;
  }
  const cal = calibrateIForest(score, threshold);
  if (outlier) flag(f, 'iforest.outlier', 'unusual record features');
  f.combined = Math.max(f.combined, outlier ? cal : Math.min(cal, 0.4999));
  return outlier;
}

/** Second pass over one record: every check in order, the verdict, and the session's running summary. */
function judgeRecord(
  rt: ModelRuntime,
  q: Pending,
  recordId: string,
  probs: Float32Array,
  score: number,
  valueVerdicts: ValueVerdicts | undefined,
  detail: boolean,
): DetectVerdict {
  const f: Findings = { reasons: undefined, explanation: '', combined: 0 };
  // Drain: a template the model never saw.
  if (q.newTemplate) {
    flag(f, 'drain.new_template', 'new template');
    f.combined = 1;
  }
  const dl = deeplogCheck(rt, q, probs, f);
  workflowCheck(rt, q, f);
  // Parameter values: the key's value vector outside the confidence interval of its prediction error.
  if (q.value && valueVerdicts) {
    const v = valueVerdicts(q.value, q.template);
    if (v.isAnomaly) flag(f, v.reason, v.explanation);
    f.combined = Math.max(f.combined, v.isAnomaly ? v.score : Math.min(0.4999, v.score));
  }
  const outlier = forestCheck(rt, q, score, f);

  const reasons = f.reasons;
  const isAnomaly = reasons !== undefined;
  const combined = !isAnomaly && f.combined >= 0.5 ? 0.4999 : f.combined;
  const verdict: DetectVerdict = {
    recordId,
    isAnomaly,
    score: combined,
    reasons: reasons ?? NO_REASONS,
    templateId: q.templateId,
    template: q.template,
    status: 'scored',
    modelVersion: rt.version,
    sessionId: q.sessionId,
    params: q.params,
    explanation: f.explanation,
  };
  const st = q.state;
  if (combined > st.maxScore) st.maxScore = combined;
  if (isAnomaly) {
    st.flagged++;
    st.reasons ??= new Set();
    for (const r of reasons) st.reasons.add(r);
    // the session's keys before this record are its window key (no copy per record on the hot path)
    verdict.explanationDetail = explainParts(rt, q.template, probs, q.windowKey === '' ? [] : q.windowKey.split(',').map(Number));
  }
  if (detail || isAnomaly) {
    verdict.deeplog = dl;
    verdict.iforest = { isAnomaly: outlier, score, threshold: rt.parts.outlier.threshold };
  }
  return verdict;
}
