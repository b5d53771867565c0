/**
 * The files of a detector model version (DESIGN.md, "Models on disk") and `pipeline.json`,
 * which records how records were turned into sessions and which templates training saw.
 */

/** File names inside a version directory. */
export const MODEL_FILES = {
  drain: 'drain.json',
  deeplogOnnx: 'deeplog.onnx',
  deeplogJson: 'deeplog.json',
  iforest: 'iforest.json',
  pipeline: 'pipeline.json',
  feedback: 'feedback.json',
} as const;

/** Files a version must hold to be served by the detector. */
export const REQUIRED_FILES = [MODEL_FILES.drain, MODEL_FILES.deeplogOnnx, MODEL_FILES.deeplogJson, MODEL_FILES.iforest, MODEL_FILES.pipeline];

/** `format` tag of pipeline.json. */
export const PIPELINE_FORMAT = 'log-sentinel.pipeline';

/** Contents of pipeline.json. */
export interface PipelineSettings {
  /** Always {@link PIPELINE_FORMAT}. */
  format: typeof PIPELINE_FORMAT;
  /** Layout version. */
  formatVersion: 1;
  /** Header format of the training input ('' = messages were content). */
  logFormat: string;
  /** True when Detect messages are raw lines too: the scorer applies `logFormat` to each (models trained through Train with log_format). */
  parseMessages?: boolean;
  /** Session regex used in training ('' = none). */
  sessionRegex: string;
  /** Session label used in training ('' = none). */
  sessionField: string;
  /** Template ids seen in training (anything else is `drain.new_template`). */
  knownTemplates: string[];
  /** DeepLog top-g used for scoring (calibrated at training; absent = deeplog.json's). */
  topG?: number;
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
  if (o.formatVersion !== 1) throw new Error(`pipeline.json: formatVersion ${JSON.stringify(o.formatVersion)} is not supported (this build reads 1)`);
  for (const k of ['logFormat', 'sessionRegex', 'sessionField'] as const) {
    if (typeof o[k] !== 'string') throw new Error(`pipeline.json: ${k} must be a string`);
  }
  if (!Array.isArray(o.knownTemplates) || !o.knownTemplates.every((t) => typeof t === 'string')) {
    throw new Error('pipeline.json: knownTemplates must be a list of strings');
  }
  if (o.parseMessages !== undefined && typeof o.parseMessages !== 'boolean') throw new Error('pipeline.json: parseMessages must be a boolean');
  if (o.topG !== undefined && (!Number.isInteger(o.topG) || (o.topG as number) < 1)) throw new Error('pipeline.json: topG must be a positive integer');
  return o as unknown as PipelineSettings;
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
