/**
 * Scores a batch of records with one model runtime: Drain → template/key → session window →
 * DeepLog top-g (batched, cached) → Isolation Forest on per-record features → verdict.
 * The combination rule is documented in docs/detector.md ("Score").
 */
import type { RecordObservation } from '@log-sentinel/iforest';
import type { ModelRuntime } from './model-runtime';
import type { WindowPrediction } from './prediction-cache';
import { featureParams } from './model-format';
import { rankOf, windowCacheKey } from './prediction-cache';
import type { DeepLogView, DetectRecord, DetectVerdict } from './record';
import type { SessionState, SessionStore } from './session-store';

/** What the scorer needs besides the runtime. */
export interface ScoreContext {
  /** Session state store. */
  sessions: SessionStore;
  /** Session key of a record. */
  sessionKey: (r: DetectRecord) => string;
  /** Clock for records without a timestamp. */
  nowMs: () => number;
  /** Records without a timestamp: 'now' = the receipt time (serving), 'none' = no time features (offline files without times). */
  untimed?: 'now' | 'none';
}

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
  windowKey: string;
  predIndex: number;
  pred: WindowPrediction | undefined;
}

/** Padded copy of a session's recent keys as a DeepLog window. */
function windowOf(state: SessionState, window: number, pad: number): Int32Array {
  const w = new Int32Array(window).fill(pad);
  const keys = state.keys;
  const n = keys.length;
  for (let i = 0; i < n; i++) w[window - n + i] = keys[i]!;
  return w;
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
  const { window, padIndex, topG, feedback } = p;
  const n = records.length;
  const pending = new Array<Pending>(n);
  const obs = new Array<RecordObservation>(n);
  const windows: Int32Array[] = [];
  const windowKeys: string[] = [];
  const batchMisses = new Map<string, number>();
  const overlay = dryRun ? new Map<string, SessionState>() : undefined;
  const now = ctx.nowMs();

  for (let i = 0; i < n; i++) {
    const r = p.messageFormat ? rt.toContent(records[i]!) : records[i]!;
    const sessionId = ctx.sessionKey(r);
    let templateId = '';
    let template = '';
    let params: string[] = [];
    let created = false;
    if (dryRun) {
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
        s = { keys: live ? live.keys.slice() : [], lastTimestampMs: live?.lastTimestampMs, touchedMs: now, records: 0, generation: live?.generation ?? rt.generation };
        overlay.set(sessionId, s);
      }
      state = s;
    } else {
      state = ctx.sessions.touch(sessionId);
    }
    if (state.generation !== rt.generation) {
      const prev = rt.previous;
      if (prev && state.generation === prev.generation && state.keys.length > 0) {
        const remapped: number[] = [];
        for (const k of state.keys) {
          const idx = p.vocab.indexOf(prev.vocab.keyAt(k));
          if (idx >= 0) remapped.push(idx);
        }
        state.keys = remapped;
      } else {
        state.keys = [];
      }
      state.generation = rt.generation;
    }
    const key = templateId === '' ? -1 : p.vocab.indexOf(templateId);
    let predIndex = -1;
    let windowKey = '';
    let pred: WindowPrediction | undefined;
    if (key >= 0) {
      // Cache key: the session's recent keys (shorter than the window = start-padded).
      windowKey = windowCacheKey(state.keys);
      pred = rt.cache.get(windowKey);
      if (!pred) {
        const seen = batchMisses.get(windowKey);
        if (seen !== undefined) predIndex = seen;
        else {
          predIndex = windows.length;
          batchMisses.set(windowKey, predIndex);
          windows.push(windowOf(state, window, padIndex));
          windowKeys.push(windowKey);
        }
      }
      state.keys.push(key);
      if (state.keys.length > window) state.keys.shift();
    }
    const ts = r.timestampMs ?? (ctx.untimed === 'none' ? undefined : now);
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
    pending[i] = { sessionId, templateId, template, params, newTemplate, key, windowKey, predIndex, pred };
  }

  const preds: WindowPrediction[] = windows.length > 0 ? await rt.predictWindows(windows, windowKeys) : [];
  const scores = p.outlier.scoreMany(obs);
  const threshold = p.outlier.threshold;

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

    // DeepLog: the actual key must be among the top-g predictions for the session's window.
    let dlAnomaly = false;
    let dlRank = 0;
    let dlProbability = 0;
    let expected: DeepLogView['expected'] = NO_EXPECTED;
    if (q.key < 0) {
      dlAnomaly = !feedback.normalTemplates.has(q.templateId);
      if (dlAnomaly) {
        (reasons ??= []).push('deeplog.unexpected_key');
        combined = 1;
        explanation = explanation ? `${explanation}; key unseen by DeepLog` : 'key unseen by DeepLog';
      }
    } else {
      const pred = q.pred ?? preds[q.predIndex]!;
      const { rank, massAbove } = rankOf(pred.probs, q.key);
      dlRank = rank;
      dlProbability = pred.probs[q.key]!;
      dlAnomaly = rank > topG && !feedback.acceptedTransitions.has(`${q.windowKey}>${q.key}`);
      combined = Math.max(combined, calibrateDeepLog(rank, massAbove, topG));
      if (dlAnomaly) {
        (reasons ??= []).push('deeplog.unexpected_key');
        expected = Array.from(pred.top, (k) => ({ templateId: p.vocab.keyAt(k), probability: pred.probs[k]! }));
        const msg = `expected one of [${expected.map((e) => e.templateId).join(' ')}], saw ${q.templateId} (rank ${rank})`;
        explanation = explanation ? `${explanation}; ${msg}` : msg;
      }
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
    if (detail || isAnomaly) {
      verdict.deeplog = { isAnomaly: dlAnomaly, rank: dlRank, probability: dlProbability, expected };
      verdict.iforest = { isAnomaly: outlier, score: s, threshold };
    }
    out[i] = verdict;
  }
  return out;
}
