import { IsolationForestError } from './errors';

/** One log record as the per-record model sees it (built by the caller from a parsed record). */
export interface RecordObservation {
  /** Template (Drain cluster) id of the message. */
  templateId: string;
  /** Parameter values Drain extracted, in template order. */
  params?: readonly string[];
  /** Log level text (any case), e.g. "INFO", "warn", "FATAL"; missing = info. */
  level?: string;
  /** Length of the message in characters. */
  messageLength: number;
  /** Record time (ms since the epoch). */
  timestampMs?: number;
  /** Time of the previous record of the same session/stream (ms), passed in by the caller. */
  prevTimestampMs?: number;
}

/**
 * Feature columns, in order:
 * - `templateRarity`: −ln(count(template) / N) over the N training records; a template
 *   not seen in training counts as 0.5;
 * - `paramCount`: number of parameters;
 * - `numericParamZ`: the largest |z| of the record's numeric parameters against the
 *   training mean/std of the same template and position, capped at 10 (a value that
 *   differs from a constant training value scores 10; unknown positions score 0);
 * - `level`: severity 0 trace, 1 debug, 2 info/notice (and missing/unknown), 3 warn,
 *   4 error/severe, 5 critical/fatal/failure/alert/emergency/panic;
 * - `messageLength`: ln(1 + characters);
 * - `gapSec`: ln(1 + seconds since the previous record of the session/stream), 0 when
 *   either time is missing or time went backwards.
 */
export const RECORD_FEATURE_NAMES = [
  'templateRarity',
  'paramCount',
  'numericParamZ',
  'level',
  'messageLength',
  'gapSec',
] as const;

/** Name of one per-record feature. */
export type RecordFeatureName = (typeof RECORD_FEATURE_NAMES)[number];

/** Cap of `numericParamZ`. */
export const MAX_PARAM_Z = 10;

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

const SEVERITY: Record<string, number> = {
  trace: 0,
  debug: 1,
  info: 2,
  information: 2,
  notice: 2,
  warn: 3,
  warning: 3,
  error: 4,
  err: 4,
  severe: 4,
  critical: 5,
  crit: 5,
  fatal: 5,
  failure: 5,
  alert: 5,
  emerg: 5,
  emergency: 5,
  panic: 5,
};

/** Severity of a level name (see {@link RECORD_FEATURE_NAMES}). */
export function levelSeverity(level: string | undefined): number {
  if (level === undefined) return 2;
  // Own keys only: "constructor", "__proto__" or "toString" must not reach Object.prototype
  // (a level "constructor" once made this feature NaN and failed the whole Detect call).
  const key = level.trim().toLowerCase();
  return Object.hasOwn(SEVERITY, key) ? SEVERITY[key]! : 2;
}

/** Parses a parameter as a number when it is a plain decimal number, else undefined. */
export function numericParam(p: string): number | undefined {
  if (!NUMERIC.test(p)) return undefined;
  const v = Number(p);
  return Number.isFinite(v) ? v : undefined;
}

/** Running mean/variance (Welford) of one template parameter position. */
export interface ParamStats {
  /** Count of numeric values seen. */
  n: number;
  /** Mean. */
  mean: number;
  /** Sum of squared deviations. */
  m2: number;
}

/** Training statistics the features are computed against. */
export interface RecordFeatureStats {
  /** Training records. */
  nRecords: number;
  /** Records per template id. */
  templateCounts: Map<string, number>;
  /** Per template id, per parameter position, numeric stats (undefined: never numeric). */
  paramStats: Map<string, (ParamStats | undefined)[]>;
}

/** Checks one observation's fields; throws INVALID_INPUT / NON_FINITE_VALUE naming the field. */
export function checkObservation(o: RecordObservation, where: string): void {
  if (o === null || typeof o !== 'object') throw new IsolationForestError('INVALID_INPUT', `${where} is not an object`);
  if (typeof o.templateId !== 'string') throw new IsolationForestError('INVALID_INPUT', `${where}.templateId must be a string`);
  if (o.params !== undefined && (!Array.isArray(o.params) || !o.params.every((p) => typeof p === 'string'))) {
    throw new IsolationForestError('INVALID_INPUT', `${where}.params must be an array of strings`);
  }
  if (o.level !== undefined && typeof o.level !== 'string') throw new IsolationForestError('INVALID_INPUT', `${where}.level must be a string`);
  for (const k of ['messageLength', 'timestampMs', 'prevTimestampMs'] as const) {
    const v = o[k];
    if (v === undefined && k !== 'messageLength') continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new IsolationForestError('NON_FINITE_VALUE', `${where}.${k} must be a finite number, got ${String(v)}`);
    }
  }
  if (o.messageLength < 0) throw new IsolationForestError('INVALID_INPUT', `${where}.messageLength must be ≥ 0`);
}

/** Collects the training statistics of observations (already checked). */
export function collectStats(obs: readonly RecordObservation[]): RecordFeatureStats {
  const templateCounts = new Map<string, number>();
  const paramStats = new Map<string, (ParamStats | undefined)[]>();
  for (const o of obs) {
    templateCounts.set(o.templateId, (templateCounts.get(o.templateId) ?? 0) + 1);
    const params = o.params ?? [];
    let stats = paramStats.get(o.templateId);
    params.forEach((p, i) => {
      const v = numericParam(p);
      if (v === undefined) return;
      if (!stats) {
        stats = [];
        paramStats.set(o.templateId, stats);
      }
      const s = (stats[i] ??= { n: 0, mean: 0, m2: 0 });
      s.n++;
      const delta = v - s.mean;
      s.mean += delta / s.n;
      s.m2 += delta * (v - s.mean);
    });
  }
  for (const [id, list] of paramStats) paramStats.set(id, Array.from(list, (s) => s));
  return { nRecords: obs.length, templateCounts, paramStats };
}

/** The feature vector of one observation (columns as {@link RECORD_FEATURE_NAMES}). */
export function recordFeatures(o: RecordObservation, st: RecordFeatureStats, out = new Float64Array(6)): Float64Array {
  const count = st.templateCounts.get(o.templateId) ?? 0.5;
  out[0] = -Math.log(count / st.nRecords);
  const params = o.params ?? [];
  out[1] = params.length;
  let z = 0;
  const stats = st.paramStats.get(o.templateId);
  if (stats) {
    for (let i = 0; i < params.length; i++) {
      const s = stats[i];
      if (!s) continue;
      const v = numericParam(params[i]);
      if (v === undefined) continue;
      const std = s.n > 1 ? Math.sqrt(s.m2 / s.n) : 0;
      const zi = std > 0 ? Math.abs(v - s.mean) / std : v === s.mean ? 0 : MAX_PARAM_Z;
      if (zi > z) z = zi;
    }
  }
  out[2] = Math.min(z, MAX_PARAM_Z);
  out[3] = levelSeverity(o.level);
  out[4] = Math.log1p(o.messageLength);
  const gapMs =
    o.timestampMs !== undefined && o.prevTimestampMs !== undefined ? Math.max(0, o.timestampMs - o.prevTimestampMs) : 0;
  out[5] = Math.log1p(gapMs / 1000);
  return out;
}
