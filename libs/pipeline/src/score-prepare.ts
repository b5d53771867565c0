/**
 * The scorer's first pass over a batch (./scorer): each record's preprocessing, its Drain
 * template (or pre-parsed key), its session state (a copy on dry runs), its slot in the
 * batch's DeepLog predictions (cached or queued) and its per-record observations. Updates the
 * session as it goes, so records of one session in one batch see each other.
 */
import { PAD_INDEX, WORKFLOW_START } from '@log-sentinel/deeplog';
import type { RecordObservation } from '@log-sentinel/iforest';
import { featureParams } from './model-format';
import type { ModelRuntime } from './model-runtime';
import { windowCacheKey, type WindowPrediction } from './prediction-cache';
import type { DetectRecord } from './record';
import type { ScoreContext } from './scorer';
import { newSessionState, type SessionState } from './session-store';
import { copyLogAnomalyState, queueLogAnomaly, type LogAnomalyBatch } from './loganomaly-scoring';
import { queueParameterValue, type PendingValue, type ValueBatch } from './value-scoring';

/** A record after the first pass: what the checks of the second pass read. */
export interface Pending {
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

/** What the first pass collects over a whole batch. */
export interface BatchPrep {
  /** Windows the prediction cache did not hold, to predict in one run. */
  windows: Int32Array[];
  /** Their cache keys. */
  windowKeys: string[];
  /** Cache key → index in `windows` (one prediction per distinct window). */
  misses: Map<string, number>;
  /** Dry runs: copies of the sessions touched, so the live ones stay as they were. */
  overlay: Map<string, SessionState> | undefined;
  /** Parameter-value vectors to judge in one run per key. */
  values: ValueBatch | undefined;
  /** LogAnomaly's windows to rank in one run. */
  loganomaly: LogAnomalyBatch | undefined;
  /** The batch's clock reading. */
  now: number;
}

/** An empty batch. */
export function newBatchPrep(rt: ModelRuntime, dryRun: boolean, now: number): BatchPrep {
  return {
    windows: [],
    windowKeys: [],
    misses: new Map(),
    overlay: dryRun ? new Map() : undefined,
    values: rt.parts.values ? { groups: new Map(), overlay: dryRun ? new Map() : undefined } : undefined,
    loganomaly: rt.parts.loganomaly ? { windows: [] } : undefined,
    now,
  };
}

/** The record's template: the pre-parsed key, or Drain's (matched only on a dry run, learnt otherwise). */
function templateOf(rt: ModelRuntime, message: string, key: string | undefined, dryRun: boolean): { templateId: string; template: string; params: string[]; created: boolean } {
  const miner = rt.parts.miner;
  if (key !== undefined) return { templateId: key, template: key, params: [], created: false };
  if (!dryRun) {
    const a = miner.add(message);
    return { templateId: a.cluster.templateId, template: a.cluster.template, params: a.params, created: a.change === 'created' };
  }
  const m = miner.match(message);
  if (m) return { templateId: m.cluster.templateId, template: m.cluster.template, params: m.params, created: false };
  return { templateId: '', template: miner.mask(message).tokens.join(' '), params: [], created: true };
}

/** The session's state: the live one, or on a dry run a copy made once per batch. */
function sessionStateFor(rt: ModelRuntime, ctx: ScoreContext, b: BatchPrep, sessionId: string): SessionState {
  if (!b.overlay) return ctx.sessions.touch(sessionId);
  let s = b.overlay.get(sessionId);
  if (!s) {
    const live = ctx.sessions.peek(sessionId);
    s = live ? { ...live, keys: live.keys.slice(), reasons: live.reasons && new Set(live.reasons), counts: live.counts && new Map(live.counts), loganomaly: live.loganomaly && copyLogAnomalyState(live.loganomaly) } : newSessionState(b.now, rt.generation);
    b.overlay.set(sessionId, s);
  }
  return s;
}

/** The prediction for the session's window: cached, or its index among the batch's queued windows. */
function predictionSlot(rt: ModelRuntime, b: BatchPrep, keys: readonly number[], windowKey: string): { pred: WindowPrediction | undefined; predIndex: number } {
  const pred = rt.cache.get(windowKey);
  if (pred) return { pred, predIndex: -1 };
  let predIndex = b.misses.get(windowKey);
  if (predIndex === undefined) {
    predIndex = b.windows.length;
    b.misses.set(windowKey, predIndex);
    b.windows.push(windowOf(keys, rt.parts.window, rt.parts.padIndex));
    b.windowKeys.push(windowKey);
  }
  return { pred: undefined, predIndex };
}

/** First pass over one record: template, session, prediction slot, observations; the session moves on by this record. */
export function prepareRecord(rt: ModelRuntime, ctx: ScoreContext, b: BatchPrep, record: DetectRecord, dryRun: boolean): { pending: Pending; obs: RecordObservation } {
  const p = rt.parts;
  const prepared = p.preprocessor.apply(record);
  const r = prepared.record;
  const sessionId = prepared.sessionId || ctx.sessionKey(r);
  const { templateId, template, params, created } = templateOf(rt, r.message, prepared.key, dryRun);
  const newTemplate = created || (templateId !== '' && !p.knownTemplates.has(templateId) && !p.feedback.normalTemplates.has(templateId));

  const state = sessionStateFor(rt, ctx, b, sessionId);
  adoptKeys(rt, state);
  const key = templateId === '' ? -1 : p.vocab.indexOf(templateId);
  const last = state.keys.length > 0 ? state.keys[state.keys.length - 1]! : -1;
  const prevId = state.records === 0 ? WORKFLOW_START : last >= 0 && last !== p.padIndex ? p.vocab.keyAt(last) : undefined;
  // Cache key: the session's recent keys (shorter than the window = start-padded). Predicted for
  // unseen keys too: the explanation names what was expected.
  const windowKey = windowCacheKey(state.keys);
  const { pred, predIndex } = predictionSlot(rt, b, state.keys, windowKey);
  // An unseen key takes its place in the window as padding, as in DeepLog's session scoring.
  state.keys.push(key >= 0 ? key : p.padIndex);
  if (state.keys.length > p.window) state.keys.shift();
  // time features run on event times (the line's header, else the record's own): a collector's
  // receipt time would make the gaps between a client's requests look like outliers
  const ev = prepared.eventTimeMs;
  const ts = ev ?? (ctx.untimed === 'none' ? undefined : b.now);
  const elapsedMs = ev !== undefined && state.lastEventMs !== undefined ? ev - state.lastEventMs : undefined;
  if (ev !== undefined) state.lastEventMs = ev;
  const value = b.values && key >= 0 && !newTemplate ? queueParameterValue(rt, b.values, templateId, params, elapsedMs) : undefined;
  const obs: RecordObservation = { templateId, params: featureParams(params), level: r.level, messageLength: r.message.length, timestampMs: ts, prevTimestampMs: state.lastTimestampMs };
  state.lastTimestampMs = ts;
  state.records++;
  if (p.countedKeys.has(templateId)) (state.counts ??= new Map()).set(templateId, (state.counts.get(templateId) ?? 0) + 1);
  if (b.loganomaly) queueLogAnomaly(rt, b.loganomaly, state, templateId, template);
  return { pending: { sessionId, templateId, template, params, newTemplate, key, prevId, windowKey, predIndex, pred, state, value }, obs };
}
