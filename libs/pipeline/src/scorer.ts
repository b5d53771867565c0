/**
 * Scores a batch of records with one model runtime: the model's preprocessing (header,
 * session, key) → Drain template (or the pre-parsed key) → session window → DeepLog's
 * decision rule (libs/deeplog `decideKey`, batched, cached) and DeepLog's workflow graph (a
 * transition never seen after a key with closed successors) → DeepLog's parameter-value
 * models (./value-scoring) → Isolation Forest on per-record features → verdict. The combination rule is documented in docs/detector.md ("Score").
 */
import { decideKey, END_INDEX, PAD_INDEX, topIndices, WORKFLOW_START, type TransitionCheck } from '@log-sentinel/deeplog';
import { judgeParameterValues, queueParameterValue, type PendingValue, type ValueBatch } from './value-scoring';
import type { RecordObservation } from '@log-sentinel/iforest';
import type { ModelRuntime } from './model-runtime';
import type { WindowPrediction } from './prediction-cache';
import { featureParams } from './model-format';
import { windowCacheKey } from './prediction-cache';
import type { DeepLogView, DetectRecord, DetectVerdict, ExplanationView } from './record';
import { newSessionState, type SessionState, type SessionStore } from './session-store';
import { expectedAfter } from './workflow-explain';

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

interface Pending {
  sessionId: string;
  templateId: string;
  template: string;
  params: string[];
  newTemplate: boolean;
  key: number;
  /** The session's previous template id ({@link WORKFLOW_START} at its first record; undefined when unknown or unseen). */
  prevId: string | undefined;
  /** The session's keys before this record, joined: the prediction cache key and the explanation's recent templates. */
  windowKey: string;
  predIndex: number;
  pred: WindowPrediction | undefined;
  state: SessionState;
  /** The record's parameter value vector, when its key has a value model. */
  value: PendingValue | undefined;
}

/** Padded copy of a session's recent keys as a DeepLog window. */
export function windowOf(keys: readonly number[], window: number, pad: number): Int32Array {
  const w = new Int32Array(window).fill(pad);
  const n = Math.min(keys.length, window);
  for (let i = 0; i < n; i++) w[window - n + i] = keys[keys.length - n + i]!;
  return w;
}

/** Brings a session's keys to the runtime's generation: remapped by template id from the runtime it replaced, else dropped. */
export function adoptKeys(rt: ModelRuntime, state: SessionState): void {
  if (state.generation === rt.generation) return;
  const prev = rt.previous;
  if (prev && state.generation === prev.generation && state.keys.length > 0) {
    const remapped: number[] = [];
    for (const k of state.keys) {
      const idx = k === PAD_INDEX ? PAD_INDEX : rt.parts.vocab.indexOf(prev.vocab.keyAt(k));
      remapped.push(idx >= 0 ? idx : PAD_INDEX);
    }
    state.keys = remapped;
  } else {
    state.keys = [];
  }
  state.generation = rt.generation;
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
  const { window, padIndex, feedback, rule } = p;
  const n = records.length;
  const pending = new Array<Pending>(n);
  const obs = new Array<RecordObservation>(n);
  const windows: Int32Array[] = [];
  const windowKeys: string[] = [];
  const batchMisses = new Map<string, number>();
  const overlay = dryRun ? new Map<string, SessionState>() : undefined;
  const now = ctx.nowMs();
  const values: ValueBatch | undefined = p.values ? { groups: new Map(), overlay: dryRun ? new Map() : undefined } : undefined;

  for (let i = 0; i < n; i++) {
    const prepared = p.preprocessor.apply(records[i]!);
    const r = prepared.record;
    const sessionId = prepared.sessionId || ctx.sessionKey(r);
    let templateId = '';
    let template = '';
    let params: string[] = [];
    let created = false;
    if (prepared.key !== undefined) {
      templateId = prepared.key;
      template = prepared.key;
    } else if (dryRun) {
      const m = p.miner.match(r.message);
      if (m) {
        templateId = m.cluster.templateId;
        template = m.cluster.template;
        params = m.params;
      } else {
        created = true;
        template = p.miner.mask(r.message).tokens.join(' ');
      }
    } else {
      const a = p.miner.add(r.message);
      templateId = a.cluster.templateId;
      template = a.cluster.template;
      params = a.params;
      created = a.change === 'created';
    }
    const newTemplate = created || (templateId !== '' && !p.knownTemplates.has(templateId) && !feedback.normalTemplates.has(templateId));

    let state: SessionState;
    if (overlay) {
      let s = overlay.get(sessionId);
      if (!s) {
        const live = ctx.sessions.peek(sessionId);
        s = live ? { ...live, keys: live.keys.slice(), reasons: live.reasons && new Set(live.reasons), counts: live.counts && new Map(live.counts) } : newSessionState(now, rt.generation);
        overlay.set(sessionId, s);
      }
      state = s;
    } else {
      state = ctx.sessions.touch(sessionId);
    }
    adoptKeys(rt, state);
    const key = templateId === '' ? -1 : p.vocab.indexOf(templateId);
    const last = state.keys.length > 0 ? state.keys[state.keys.length - 1]! : -1;
    const prevId = state.records === 0 ? WORKFLOW_START : last >= 0 && last !== padIndex ? p.vocab.keyAt(last) : undefined;
    // Cache key: the session's recent keys (shorter than the window = start-padded).
    const windowKey = windowCacheKey(state.keys);
    let predIndex = -1;
    let pred: WindowPrediction | undefined;
    {
      // predicted for unseen keys too: the explanation names what was expected
      pred = rt.cache.get(windowKey);
      if (!pred) {
        const seen = batchMisses.get(windowKey);
        if (seen !== undefined) predIndex = seen;
        else {
          predIndex = windows.length;
          batchMisses.set(windowKey, predIndex);
          windows.push(windowOf(state.keys, window, padIndex));
          windowKeys.push(windowKey);
        }
      }
    }
    // An unseen key takes its place in the window as padding, as in DeepLog's session scoring.
    state.keys.push(key >= 0 ? key : padIndex);
    if (state.keys.length > window) state.keys.shift();
    // time features run on event times (the line's header, else the record's own): a collector's
    // receipt time would make the gaps between a client's requests look like outliers
    const ev = prepared.eventTimeMs;
    const ts = ev ?? (ctx.untimed === 'none' ? undefined : now);
    const elapsedMs = ev !== undefined && state.lastEventMs !== undefined ? ev - state.lastEventMs : undefined;
    if (ev !== undefined) state.lastEventMs = ev;
    const value = values && key >= 0 && !newTemplate ? queueParameterValue(rt, values, templateId, params, elapsedMs) : undefined;
    obs[i] = {
      templateId,
      params: featureParams(params),
      level: r.level,
      messageLength: r.message.length,
      timestampMs: ts,
      prevTimestampMs: state.lastTimestampMs,
    };
    state.lastTimestampMs = ts;
    state.records++;
    if (p.countedKeys.has(templateId)) (state.counts ??= new Map()).set(templateId, (state.counts.get(templateId) ?? 0) + 1);
    pending[i] = { sessionId, templateId, template, params, newTemplate, key, prevId, windowKey, predIndex, pred, state, value };
  }

  const [preds, valueVerdicts] = await Promise.all([
    windows.length > 0 ? rt.predictWindows(windows, windowKeys) : Promise.resolve([] as WindowPrediction[]),
    values ? judgeParameterValues(rt, values) : undefined,
  ]);
  const scores = p.outlier.scoreMany(obs);
  const threshold = p.outlier.threshold;
  const V = p.vocab.size;

  const out = new Array<DetectVerdict>(n);
  for (let i = 0; i < n; i++) {
    const q = pending[i]!;
    let reasons: string[] | undefined;
    let explanation = '';
    let combined = 0;

    // Drain: a template the model never saw.
    if (q.newTemplate) {
      (reasons ??= []).push('drain.new_template');
      combined = 1;
      explanation = 'new template';
    }

    // DeepLog: the one decision rule of libs/deeplog on the session's window.
    let dlAnomaly = false;
    let dlRank = 0;
    let dlProbability = 0;
    let expected: DeepLogView['expected'] = NO_EXPECTED;
    const probs = (q.pred ?? preds[q.predIndex]!).probs;
    if (q.key < 0) {
      dlAnomaly = p.deeplogFlags && !feedback.normalTemplates.has(q.templateId);
      if (dlAnomaly) {
        (reasons ??= []).push('deeplog.unexpected_key');
        combined = 1;
        const after = expectedAfter(p.workflows, q.prevId, (id) => rt.templateText(id));
        const msg = after ? `key unseen by DeepLog; ${after}` : 'key unseen by DeepLog';
        explanation = explanation ? `${explanation}; ${msg}` : msg;
      }
    } else {
      const d = decideKey(probs, 0, V, rule, q.key);
      dlRank = d.rank ?? 0;
      dlProbability = d.probability;
      // a template an operator marked normal is never DeepLog's anomaly (as when it was unseen), nor is an accepted transition
      dlAnomaly = p.deeplogFlags && d.isAnomaly && !feedback.normalTemplates.has(q.templateId) && !feedback.acceptedTransitions.has(`${q.windowKey}>${q.key}`);
      combined = Math.max(combined, d.isAnomaly ? 0.5 + 0.5 * d.score : Math.min(0.4999, calibrateDeepLog(dlRank, d.score, rule.topG)));
      if (dlAnomaly) {
        (reasons ??= []).push('deeplog.unexpected_key');
        expected = topIndices(probs, 0, V, rule.topG, padIndex).map((k) => ({ templateId: p.vocab.keyAt(k), probability: probs[k]! }));
        const after = expectedAfter(p.workflows, q.prevId, (id) => rt.templateText(id));
        const msg = `expected one of [${expected.map((e) => e.templateId).join(' ')}], saw ${q.templateId} (rank ${dlRank})${after ? `; ${after}` : ''}`;
        explanation = explanation ? `${explanation}; ${msg}` : msg;
      }
    }

    // Workflow: a transition training never saw after a key whose successors are closed.
    if (p.workflow && p.deeplogFlags && q.key >= 0 && q.prevId !== undefined && !feedback.normalTemplates.has(q.templateId)) {
      const w = p.workflow.check(q.prevId, q.templateId);
      if (w.isAnomaly && !feedback.acceptedTransitions.has(`${q.windowKey}>${q.key}`)) {
        (reasons ??= []).push(WORKFLOW_UNEXPECTED);
        combined = Math.max(combined, 0.5 + 0.5 * (1 - w.noveltyChance));
        const msg = workflowMessage(rt, q.prevId, w, `saw "${q.template}"`);
        explanation = explanation ? `${explanation}; ${msg}` : msg;
      }
    }

    // Parameter values: the key's value vector outside the confidence interval of its prediction error.
    if (q.value && valueVerdicts) {
      const v = valueVerdicts(q.value, q.template);
      if (v.isAnomaly) {
        (reasons ??= []).push(v.reason);
        explanation = explanation ? `${explanation}; ${v.explanation}` : v.explanation;
      }
      combined = Math.max(combined, v.isAnomaly ? v.score : Math.min(0.4999, v.score));
    }

    // Isolation Forest on the per-record features (a score accepted by feedback for the template is normal).
    const s = scores[i]!;
    let outlier = s >= threshold;
    if (outlier) {
      const accepted = feedback.iforestAccepted.get(q.templateId);
      if (accepted !== undefined && s <= accepted + 1e-9) outlier = false;
    }
    const cal = calibrateIForest(s, threshold);
    if (outlier) {
      (reasons ??= []).push('iforest.outlier');
      explanation = explanation ? `${explanation}; unusual record features` : 'unusual record features';
      combined = Math.max(combined, cal);
    } else {
      combined = Math.max(combined, Math.min(cal, 0.4999));
    }

    const isAnomaly = reasons !== undefined;
    if (!isAnomaly && combined >= 0.5) combined = 0.4999;
    const verdict: DetectVerdict = {
      recordId: records[i]!.id,
      isAnomaly,
      score: combined,
      reasons: reasons ?? NO_REASONS,
      templateId: q.templateId,
      template: q.template,
      status: 'scored',
      modelVersion: rt.version,
      sessionId: q.sessionId,
      params: q.params,
      explanation,
    };
    const st = q.state;
    if (combined > st.maxScore) st.maxScore = combined;
    if (isAnomaly) {
      st.flagged++;
      st.reasons ??= new Set();
      for (const r of reasons!) st.reasons.add(r);
      // the session's keys before this record are its window key (no copy per record on the hot path)
      verdict.explanationDetail = explainParts(rt, q.template, probs, q.windowKey === '' ? [] : q.windowKey.split(',').map(Number));
    }
    if (detail || isAnomaly) {
      verdict.deeplog = { isAnomaly: dlAnomaly, rank: dlRank, probability: dlProbability, expected };
      verdict.iforest = { isAnomaly: outlier, score: s, threshold };
    }
    out[i] = verdict;
  }
  return out;
}
