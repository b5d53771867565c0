/**
 * The files of a detector model version (DESIGN.md, "Models on disk") and `pipeline.json`,
 * which records how records were turned into sessions and which templates training saw.
 */
import type { PreprocessSettings } from './preprocess';

/** File names inside a version directory. */
export const MODEL_FILES = {
  drain: 'drain.json',
  deeplogOnnx: 'deeplog.onnx',
  deeplogJson: 'deeplog.json',
  iforest: 'iforest.json',
  pipeline: 'pipeline.json',
  feedback: 'feedback.json',
  /** DeepLog's workflow graph (optional: versions written before it have none). */
  workflow: 'workflow.json',
  /** DeepLog's workflows per session type, for operators and explanations (optional: versions written before them have none). */
  workflows: 'workflows.json',
  /** Invariants Mining's count relations (optional: versions written before it have none). */
  invariants: 'invariants.json',
  /** PCA on session count vectors (optional: written with `train --pca`). */
  pca: 'pca.json',
  /** The count-range check on whole sessions (optional). */
  counts: 'counts.json',
  /** DeepLog's parameter-value models (optional), beside their networks `values-<n>.onnx`. */
  values: 'values.json',
  /** LogAnomaly (optional: written with `train --loganomaly`), its network and its semantics + calibration. */
  loganomalyOnnx: 'loganomaly.onnx',
  loganomalyJson: 'loganomaly.json',
} as const;

/** Files a version must hold to be served by the detector. */
export const REQUIRED_FILES = [MODEL_FILES.drain, MODEL_FILES.deeplogOnnx, MODEL_FILES.deeplogJson, MODEL_FILES.iforest, MODEL_FILES.pipeline];

/** `format` tag of pipeline.json. */
export const PIPELINE_FORMAT = 'log-sentinel.pipeline';

/** Contents of pipeline.json (formatVersion 2; version 1 files are read and upgraded). */
export interface PipelineSettings {
  /** Always {@link PIPELINE_FORMAT}. */
  format: typeof PIPELINE_FORMAT;
  /** Layout version. */
  formatVersion: 2;
  /** The preprocessing every record gets, in training and serving alike (./preprocess). */
  preprocess: PreprocessSettings;
  /** Template ids seen in training (anything else is `drain.new_template`). */
  knownTemplates: string[];
  /** DeepLog top-g used for scoring (calibrated at training; absent = deeplog.json's). */
  topG?: number;
  /** Why the learning data looked degenerate ([] = it did not): the model is reported, and DeepLog does not flag. */
  degenerate?: string[];
}

function str(o: Record<string, unknown>, k: string): string {
  if (o[k] === undefined) return '';
  if (typeof o[k] !== 'string') throw new Error(`pipeline.json: ${k} must be a string`);
  return o[k];
}

/** Parses pipeline.json text; throws an Error naming the problem. */
export function parsePipelineSettings(text: string): PipelineSettings {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (err) {
    throw new Error(`pipeline.json is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const o = j as Record<string, unknown>;
  if (!o || typeof o !== 'object') throw new Error('pipeline.json: not an object');
  if (o.format !== PIPELINE_FORMAT) throw new Error(`pipeline.json: format is ${JSON.stringify(o.format)}, expected "${PIPELINE_FORMAT}"`);
  if (!Array.isArray(o.knownTemplates) || !o.knownTemplates.every((t) => typeof t === 'string')) {
    throw new Error('pipeline.json: knownTemplates must be a list of strings');
  }
  if (o.topG !== undefined && (!Number.isInteger(o.topG) || (o.topG as number) < 1)) throw new Error('pipeline.json: topG must be a positive integer');
  let preprocess: PreprocessSettings;
  if (o.formatVersion === 1) {
    // Version 1 kept the fields at the top and knew no automatic header or session rules.
    // Its header format is applied to every message: a message that is content already
    // does not match it and is used as it is.
    if (o.parseMessages !== undefined && typeof o.parseMessages !== 'boolean') throw new Error('pipeline.json: parseMessages must be a boolean');
    preprocess = {
      logFormat: str(o, 'logFormat'),
      sessionRegex: str(o, 'sessionRegex'),
      sessionField: str(o, 'sessionField'),
      keyField: '',
      autoHeader: false,
      autoSession: false,
    };
  } else if (o.formatVersion === 2) {
    const p = o.preprocess as Record<string, unknown> | undefined;
    if (!p || typeof p !== 'object') throw new Error('pipeline.json: preprocess must be an object');
    for (const k of ['autoHeader', 'autoSession']) {
      if (typeof p[k] !== 'boolean') throw new Error(`pipeline.json: preprocess.${k} must be a boolean`);
    }
    preprocess = {
      logFormat: str(p, 'logFormat'),
      sessionRegex: str(p, 'sessionRegex'),
      sessionField: str(p, 'sessionField'),
      keyField: str(p, 'keyField'),
      autoHeader: p.autoHeader as boolean,
      autoSession: p.autoSession as boolean,
    };
  } else {
    throw new Error(`pipeline.json: formatVersion ${JSON.stringify(o.formatVersion)} is not supported (this build reads 1 and 2)`);
  }
  if (o.degenerate !== undefined && (!Array.isArray(o.degenerate) || !o.degenerate.every((t) => typeof t === 'string'))) {
    throw new Error('pipeline.json: degenerate must be a list of strings');
  }
  const out: PipelineSettings = { format: PIPELINE_FORMAT, formatVersion: 2, preprocess, knownTemplates: o.knownTemplates as string[] };
  if (o.topG !== undefined) out.topG = o.topG as number;
  if (o.degenerate !== undefined) out.degenerate = o.degenerate as string[];
  return out;
}

/**
 * Parameters as the record Isolation Forest sees them: digit strings longer than 15
 * characters and hex ids that read as exponent numbers (`00136e95` = 1.36e97) are
 * identifiers, not quantities (their squares overflow the per-template statistics), so they
 * are passed as a non-numeric token. Used in training and scoring alike.
 */
export function featureParams(params: string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if ((p.length > 15 && /^[-+]?[\d.]+$/.test(p)) || ((p.includes('e') || p.includes('E')) && /^[-+]?[\d.]+[eE][-+]?\d+$/.test(p))) {
      out ??= params.slice();
      out[i] = '<id>';
    }
  }
  return out ?? params;
}
