/**
 * DeepLog's parameter-value check in the scorer: each record whose key has a value model
 * queues its vector's window (the key's last h vectors), every key's windows of a batch go to
 * onnxruntime in one run, and libs/deeplog's rule (`judgeValue`) decides; a vector outside the
 * confidence interval is `deeplog.parameter_value`, explained with the offending parameter.
 */
import { explainValue, judgeValue, PARAMETER_VALUE, valueWindow } from '@log-sentinel/deeplog';
import type { ModelRuntime } from './model-runtime';

/** A record's queued vector. */
export interface PendingValue {
  /** Log key. */
  key: string;
  /** Raw values (NaN = missing). */
  raw: Float64Array;
  /** Normalised vector (NaN = missing). */
  norm: Float32Array;
  /** Its window's row among the key's windows of the batch. */
  row: number;
}

/** Windows of one batch per key; `overlay` holds dry-run copies of the histories (the live ones stay untouched). */
export interface ValueBatch {
  /** Per key, the windows queued in this batch, in order. */
  groups: Map<string, Float32Array[]>;
  /** Dry run: per key, a copy of the live history the batch appends to (undefined = append to the live one). */
  overlay: Map<string, Float32Array[]> | undefined;
}

/** The verdict on one record's vector. */
export interface ValueVerdict {
  /** Outside the confidence interval. */
  isAnomaly: boolean;
  /** 0..1 on the combined scale: the interval's edge is 0.5. */
  score: number;
  /** `deeplog.parameter_value`. */
  reason: string;
  /** Names the offending parameter ('' when not flagged). */
  explanation: string;
}

/** Queues a record's vector (undefined when its key has no value model) and appends it to the key's history. */
export function queueParameterValue(rt: ModelRuntime, batch: ValueBatch, key: string, params: readonly string[], elapsedMs: number | undefined): PendingValue | undefined {
  const set = rt.parts.values!.models;
  const v = set.vector(key, { params, elapsedMs });
  if (!v) return undefined;
  const W = set.json.window;
  let hist: Float32Array[];
  if (batch.overlay) {
    let h = batch.overlay.get(key);
    if (!h) batch.overlay.set(key, (h = (rt.valueHistory.get(key) ?? []).slice()));
    hist = h;
  } else {
    let h = rt.valueHistory.get(key);
    if (!h) rt.valueHistory.set(key, (h = []));
    hist = h;
  }
  let group = batch.groups.get(key);
  if (!group) batch.groups.set(key, (group = []));
  const row = group.length;
  group.push(valueWindow(hist, W, v.norm.length));
  hist.push(v.norm);
  if (hist.length > W) hist.shift();
  return { key, raw: v.raw, norm: v.norm, row };
}

/** Runs every key's windows (one onnxruntime run per key) and returns the judge of a queued vector. */
export async function judgeParameterValues(rt: ModelRuntime, batch: ValueBatch): Promise<(v: PendingValue, template: string) => ValueVerdict> {
  const det = rt.parts.values!;
  const set = det.models;
  const W = set.json.window;
  const preds = new Map<string, Float32Array>();
  await Promise.all(
    [...batch.groups].map(async ([key, wins]) => {
      const width = set.model(key)!.dims.length;
      const inputs = new Float32Array(wins.length * W * width);
      wins.forEach((w, i) => inputs.set(w, i * W * width));
      preds.set(key, await det.predict(key, inputs, wins.length));
    }),
  );
  const z = set.z;
  const accepted = rt.parts.feedback.valueAccepted;
  return (v, template) => {
    const m = set.model(v.key)!;
    const pred = preds.get(v.key)!;
    const off = v.row * m.dims.length;
    const d = judgeValue(m, z, v.norm, pred, off);
    // operator feedback: a distance accepted for the template is normal
    const ok = accepted.get(v.key);
    if (d.isAnomaly && ok !== undefined && d.zScore <= ok + 1e-6) return { isAnomaly: false, score: 0.4999, reason: PARAMETER_VALUE, explanation: '' };
    if (!d.isAnomaly) return { isAnomaly: false, score: (0.5 * d.zScore) / z, reason: PARAMETER_VALUE, explanation: '' };
    return { isAnomaly: true, score: 0.5 + 0.5 * (1 - z / d.zScore), reason: PARAMETER_VALUE, explanation: explainValue(m, z, d.dim, v.raw[d.dim]!, pred, off, template) };
  };
}

/**
 * The parameter-value distance (z-score) of a record an operator marks normal, for the
 * feedback state: the highest over the key's live history with and without its last vector
 * (the record itself when it was scored already) and with and without the elapsed time (its
 * session's last timestamp may be the record's own). Undefined when the key has no value model.
 */
export function acceptedValueZ(rt: ModelRuntime, key: string, params: readonly string[], timestampMs: number | undefined, lastTimestampMs: number | undefined): number | undefined {
  const set = rt.parts.values?.models;
  const m = set?.model(key);
  if (!set || !m) return undefined;
  const W = set.json.window;
  const width = m.dims.length;
  const hist = rt.valueHistory.get(key) ?? [];
  const elapsed = timestampMs !== undefined && lastTimestampMs !== undefined ? timestampMs - lastTimestampMs : undefined;
  let worst = 0;
  for (const e of elapsed !== undefined ? [elapsed, undefined] : [undefined]) {
    const v = set.vector(key, { params, elapsedMs: e })!;
    for (const h of [hist, hist.slice(0, -1)]) {
      const pred = set.predict(key, valueWindow(h, W, width), 1);
      worst = Math.max(worst, judgeValue(m, set.z, v.norm, pred).zScore);
    }
  }
  return worst;
}
