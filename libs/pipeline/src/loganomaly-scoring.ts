/**
 * LogAnomaly in the scorer (libs/loganomaly; versions trained with `train --loganomaly`). Each
 * record of a session queues one window — the session's last h templates before it, as
 * LogAnomaly encodes them — with the record's template as the class to rank; a batch's windows
 * go to onnxruntime in one run, and the session remembers the largest rank and any template too
 * far from every known one. When the session closes, the end of the session is ranked the same
 * way and the session is judged: a next template (or the end) ranked below g is
 * `loganomaly.unexpected_key`, an unmapped unseen template `loganomaly.unseen_template` — the
 * rule `detect --format keys` applies to a whole session, applied record by record.
 */
import { classRank, KeyResolver, PAD, UNEXPECTED_KEY, UNSEEN_TEMPLATE, type LogAnomalyDetector } from '@log-sentinel/loganomaly';
import type { ModelRuntime } from './model-runtime';
import { PredictionCache } from './prediction-cache';
import type { LogAnomalySessionState, SessionState } from './session-store';

/** Unseen templates remembered per session for the explanation. */
const FAR_KEPT = 3;

/** A deep copy (dry runs judge a copy of the live session). */
export function copyLogAnomalyState(s: LogAnomalySessionState): LogAnomalySessionState {
  return { ...s, recent: s.recent.slice(), far: s.far.slice() };
}

/** Windows of one batch: the session's template ids before the record, the class to rank, the session's state and the record's template id. */
export interface LogAnomalyBatch {
  windows: { recent: string[]; target: number; state: LogAnomalySessionState; templateId: string }[];
}

/** The detector's resolver of template ids (one per runtime; it remembers unseen templates). */
function resolverOf(rt: ModelRuntime): KeyResolver {
  return (rt.loganomalyResolver ??= new KeyResolver(rt.parts.loganomaly!.model, (id) => rt.templateText(id)));
}

/** Encodes windows of template ids (each at most h, oldest first) into one input block. */
function encodeWindows(rt: ModelRuntime, la: LogAnomalyDetector, windows: readonly (readonly string[])[]): Float32Array {
  const enc = la.model.encoder;
  const h = enc.window;
  const resolver = resolverOf(rt);
  const step = h * enc.width;
  const inputs = new Float32Array(windows.length * step);
  const padded = new Int32Array(h);
  windows.forEach((w, i) => {
    padded.fill(PAD);
    w.forEach((id, j) => (padded[h - w.length + j] = resolver.resolve(id).index));
    enc.encode(padded, 0, inputs, i * step);
  });
  return inputs;
}

/** Entries of a runtime's LogAnomaly cache (each holds one window's dims + K scores). */
const CACHE_ENTRIES = 50_000;

/**
 * The network's scores for each window: a window seen before (by its template ids) comes from
 * the runtime's cache, as DeepLog's predictions do; the distinct others go to onnxruntime in
 * one run. The model is deterministic per window, and logs repeat a small set of windows.
 */
async function scoresOf(rt: ModelRuntime, la: LogAnomalyDetector, windows: readonly (readonly string[])[]): Promise<Float32Array[]> {
  const cache = (rt.loganomalyCache ??= new PredictionCache(CACHE_ENTRIES));
  const out = new Array<Float32Array>(windows.length);
  const missing = new Map<string, number[]>();
  windows.forEach((w, i) => {
    const key = w.join('\u0000');
    const waiting = missing.get(key);
    if (waiting) return void waiting.push(i);
    const hit = cache.get(key);
    if (hit) out[i] = hit.probs;
    else missing.set(key, [i]);
  });
  if (missing.size > 0) {
    const keys = [...missing.keys()];
    const width = la.model.encoder.width;
    const scores = await la.predict(encodeWindows(rt, la, keys.map((k) => windows[missing.get(k)![0]!]!)), keys.length);
    keys.forEach((k, j) => {
      const probs = scores.slice(j * width, (j + 1) * width);
      cache.set(k, { probs });
      for (const i of missing.get(k)!) out[i] = probs;
    });
  }
  return out;
}

/** Queues the record's template against the session's window and moves the window on. */
export function queueLogAnomaly(rt: ModelRuntime, batch: LogAnomalyBatch, state: SessionState, templateId: string, template: string): void {
  const la = rt.parts.loganomaly!;
  // a dry run's template Drain has not learnt has no id: its text stands for it
  if (templateId === '') templateId = template;
  const s = (state.loganomaly ??= { recent: [], steps: 0, maxRank: 1, firstUnexpected: null, unexpected: null, far: [] });
  const r = resolverOf(rt).resolve(templateId);
  if (r.unseen?.mappedTo === null && s.far.length < FAR_KEPT && !s.far.some((f) => f.key === templateId)) s.far.push({ position: s.steps, ...r.unseen });
  batch.windows.push({ recent: s.recent.slice(), target: r.index, state: s, templateId });
  s.recent.push(templateId);
  if (s.recent.length > la.model.json.window) s.recent.shift();
}

/** Ranks a batch's windows (cached scores, or one onnxruntime run for the new ones) and updates their sessions. */
export async function rankLogAnomalyBatch(rt: ModelRuntime, batch: LogAnomalyBatch): Promise<void> {
  const la = rt.parts.loganomaly!;
  if (batch.windows.length === 0) return;
  const scores = await scoresOf(rt, la, batch.windows.map((w) => w.recent));
  const { classes } = la.model.encoder;
  const g = la.model.json.topG;
  batch.windows.forEach((w, i) => {
    const rank = classRank(scores[i]!, 0, classes, w.target);
    const s = w.state;
    if (rank > s.maxRank) s.maxRank = rank;
    if (rank > g && s.firstUnexpected === null) {
      s.firstUnexpected = s.steps;
      s.unexpected = { rank, templateId: w.templateId };
    }
    s.steps++;
  });
}

/** LogAnomaly's part of a closing session's verdict. */
export interface LogAnomalyClose {
  reasons: string[];
  score: number;
  explanation: string;
}

/** Ranks the end of each closing session that LogAnomaly followed and judges it; undefined where it followed none. */
export async function judgeLogAnomalyClose(rt: ModelRuntime, states: readonly (SessionState | undefined)[]): Promise<(LogAnomalyClose | undefined)[]> {
  const la = rt.parts.loganomaly;
  if (!la) return states.map(() => undefined);
  const followed = states.map((st) => (st?.loganomaly && st.loganomaly.steps > 0 ? st.loganomaly : undefined));
  const idx = followed.flatMap((s, i) => (s ? [i] : []));
  if (idx.length === 0) return states.map(() => undefined);
  const scores = await scoresOf(rt, la, idx.map((i) => followed[i]!.recent));
  const { classes, keys: end } = la.model.encoder;
  const g = la.model.json.topG;
  const result = new Array<LogAnomalyClose | undefined>(states.length).fill(undefined);
  idx.forEach((si, j) => {
    const s = followed[si]!;
    const endRank = classRank(scores[j]!, 0, classes, end);
    const reasons: string[] = [];
    const parts: string[] = [];
    let score = (Math.max(s.maxRank, endRank) - 1) / classes;
    if (s.unexpected) {
      reasons.push(UNEXPECTED_KEY);
      parts.push(`LogAnomaly: the template "${rt.templateText(s.unexpected.templateId)}" at position ${s.firstUnexpected! + 1} ranked ${s.unexpected.rank} of ${classes} (top-g ${g})`);
    } else if (endRank > g) {
      reasons.push(UNEXPECTED_KEY);
      parts.push(`LogAnomaly: the session ended where its end ranked ${endRank} of ${classes} (top-g ${g})`);
    }
    if (s.far.length > 0) {
      reasons.push(UNSEEN_TEMPLATE);
      score = 1;
      const f = s.far[0]!;
      const nearest = f.nearest === null ? 'no template text' : `nearest known "${rt.templateText(f.nearest)}", similarity ${f.similarity}`;
      parts.push(`LogAnomaly: the template "${rt.templateText(f.key)}" is unlike every known one (${nearest})`);
    }
    result[si] = { reasons, score: reasons.length > 0 ? 0.5 + 0.5 * score : score, explanation: parts.join('; ') };
  });
  return result;
}
