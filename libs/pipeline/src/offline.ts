/**
 * The pipeline on files (`log-sentinel train/detect --format raw|ndjson`): the same
 * trainer, loader and scorer the gRPC detector runs, fed from a file instead of Detect.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { LogFormat, type DrainOptions } from '@log-sentinel/drain';
import { readModelVersion, resolveModelDir, writeModelVersion } from '@log-sentinel/model-registry';
import { normalizeObject } from '@log-sentinel/schema';
import type { TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError, toDetectorError } from './errors';
import { buildRuntime } from './model-loader';
import type { PreprocessSettings } from './preprocess';
import type { DetectRecord, DetectVerdict, SessionVerdictView } from './record';
import { judgeSessions } from './session-close';
import { scoreBatch, type ScoreContext } from './scorer';
import { compileSessionKey } from './session-key';
import { SessionStore } from './session-store';
import { trainModelFiles } from './trainer';

/** Input options shared by offline train and detect. */
export interface OfflineInputOptions {
  /** Input file. */
  input: string;
  /** `raw` (one log line per record, header per `logFormat`) or `ndjson` (one JSON object per line). */
  format: 'raw' | 'ndjson';
  /** Header format of raw lines (logparser syntax). */
  logFormat?: string;
  /** Session regex (first group or whole match). */
  sessionRegex?: string;
  /** Session label / field (ndjson: dotted field name). */
  sessionField?: string;
  /** ndjson: label holding a pre-parsed event id (the log key; Drain is skipped). */
  keyField?: string;
  /** train: Drain settings stored in the model (default: the generic defaults). */
  drain?: Partial<DrainOptions>;
  /** Keep only lines for which this returns true (1-based line number, header fields) — e.g. normal lines for training. */
  filter?: (line: number, fields: Record<string, string>) => boolean;
}

/** One input line turned into a record. */
export interface OfflineRecord {
  /** 1-based line number in the input. */
  line: number;
  /** The record (raw: the whole line as the message). */
  record: DetectRecord;
  /** Unused (kept empty): header fields come from the model's preprocessing. */
  fields: Record<string, string>;
}

/** Reads records from a raw or NDJSON file (streaming); blank lines are skipped, malformed JSON lines fail naming the line. */
export async function* readOfflineRecords(opts: OfflineInputOptions): AsyncGenerator<OfflineRecord> {
  if (!fs.existsSync(opts.input)) throw new DetectorError('INVALID_ARGUMENT', `input file ${opts.input} does not exist`);
  // Raw lines are read whole: the header is cut by the model's preprocessing, exactly as
  // when the detector serves a whole raw line. The filter sees the header fields.
  const fmt = opts.format === 'raw' && opts.filter && opts.logFormat ? LogFormat.compile(opts.logFormat) : undefined;
  const rl = readline.createInterface({ input: fs.createReadStream(opts.input, { encoding: 'utf8' }), crlfDelay: Infinity });
  const receivedAt = new Date();
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    if (opts.format === 'raw') {
      const whole = text.replace(/\r$/, '');
      if (opts.filter && !opts.filter(line, fmt ? fmt.parse(whole).fields : {})) continue;
      yield { line, record: { id: String(line), message: whole }, fields: {} };
    } else {
      let item: unknown;
      try {
        item = JSON.parse(text);
      } catch (err) {
        throw new DetectorError('INVALID_ARGUMENT', `${opts.input}:${line}: not valid JSON: ${(err as Error).message}`, { cause: err });
      }
      const res = normalizeObject(item, line - 1, { receivedAt });
      if (!res.ok) throw new DetectorError('INVALID_ARGUMENT', `${opts.input}:${line}: ${res.error.field} ${res.error.reason}`);
      const r = res.record;
      if (opts.filter && !opts.filter(line, r.labels)) continue;
      const record: DetectRecord = { id: r.id || String(line), message: r.message, labels: r.labels };
      if (!r.timestampAssigned) record.timestampMs = Date.parse(r.timestamp);
      if (r.level) record.level = r.level;
      if (r.service) record.service = r.service;
      if (r.host) record.host = r.host;
      if (r.sessionId) record.sessionId = r.sessionId;
      yield { line, record, fields: {} };
    }
  }
}

/** Trains every model on a file and writes a registry version (activated) under `out`. */
export async function trainOffline(
  opts: OfflineInputOptions & { out: string; onProgress?: (p: TrainProgressEvent) => void; workflowThreshold?: number | undefined; invariantsSupport?: number | undefined; pca?: boolean | undefined; loganomaly?: boolean | undefined; loganomalyArchitecture?: TrainRunOptions['loganomalyArchitecture'] | undefined; countRange?: boolean | undefined; keyFloorFactor?: number | undefined; acceptProbability?: number | undefined; valueConfidence?: number | undefined; seed?: number | undefined },
): Promise<{ version: string; dir: string; records: number; degenerate: string[] }> {
  const records: DetectRecord[] = [];
  for await (const r of readOfflineRecords(opts)) records.push(r.record);
  if (records.length === 0) throw new DetectorError('INVALID_ARGUMENT', `${opts.input} holds no records to train on`);
  const trained = await trainModelFiles(
    records,
    {
      logFormat: opts.logFormat, sessionRegex: opts.sessionRegex, sessionField: opts.sessionField, keyField: opts.keyField, drain: opts.drain,
      ...(opts.workflowThreshold !== undefined ? { workflowThreshold: opts.workflowThreshold } : {}),
      ...(opts.invariantsSupport !== undefined ? { invariantsSupport: opts.invariantsSupport } : {}),
      ...(opts.pca ? { pca: true } : {}),
      ...(opts.loganomaly ? { loganomaly: true } : {}),
      ...(opts.loganomalyArchitecture !== undefined ? { loganomalyArchitecture: opts.loganomalyArchitecture } : {}),
      ...(opts.countRange !== undefined ? { countRange: opts.countRange } : {}),
      ...(opts.keyFloorFactor !== undefined ? { keyFloorFactor: opts.keyFloorFactor } : {}),
      ...(opts.acceptProbability !== undefined ? { acceptProbability: opts.acceptProbability } : {}),
      ...(opts.valueConfidence !== undefined ? { valueConfidence: opts.valueConfidence } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    },
    opts.onProgress ?? (() => undefined),
  );
  const written = await writeModelVersion(opts.out, trained.files, trained.meta);
  const degenerate = (trained.meta.metrics as { degenerate?: string[] } | undefined)?.degenerate ?? [];
  return { ...written, records: records.length, degenerate };
}

/** One detect output line per record (DESIGN.md, CLI `detect`). */
export interface OfflineVerdictLine {
  kind: 'record';
  line: number;
  session: string;
  is_anomaly: boolean;
  score: number;
  reasons: string[];
  template_id: string;
  template: string;
  explanation: string;
  models: {
    deeplog: { is_anomaly: boolean; rank: number; probability: number; expected: string[] } | null;
    iforest: { is_anomaly: boolean; score: number; threshold: number } | null;
  };
}

/** One detect output line per session, written when the input ends and every session closes. */
export interface OfflineSessionLine {
  kind: 'session';
  session: string;
  is_anomaly: boolean;
  score: number;
  reasons: string[];
  explanation: string;
  records: number;
  flagged_records: number;
}

function toSessionLine(v: SessionVerdictView): OfflineSessionLine {
  return {
    kind: 'session',
    session: v.sessionId,
    is_anomaly: v.isAnomaly,
    score: Math.round(v.score * 1e4) / 1e4,
    reasons: v.reasons,
    explanation: v.explanation,
    records: v.records,
    flagged_records: v.flaggedRecords,
  };
}

function toLine(line: number, v: DetectVerdict): OfflineVerdictLine {
  return {
    kind: 'record',
    line,
    session: v.sessionId,
    is_anomaly: v.isAnomaly,
    score: Math.round(v.score * 1e4) / 1e4,
    reasons: v.reasons,
    template_id: v.templateId,
    template: v.template,
    explanation: v.explanation,
    models: {
      deeplog: v.deeplog
        ? { is_anomaly: v.deeplog.isAnomaly, rank: v.deeplog.rank, probability: v.deeplog.probability, expected: v.deeplog.expected.map((e) => e.templateId) }
        : null,
      iforest: v.iforest ? { is_anomaly: v.iforest.isAnomaly, score: v.iforest.score, threshold: v.iforest.threshold } : null,
    },
  };
}

/** Refuses detect-time preprocessing options that differ from the model's: the model carries its preprocessing. */
function checkSameAsModel(opts: OfflineInputOptions, model: PreprocessSettings): void {
  const pairs: [string, string | undefined, string][] = [
    ['--log-format', opts.logFormat, model.logFormat],
    ['--session-regex', opts.sessionRegex, model.sessionRegex],
    ['--session-field', opts.sessionField, model.sessionField],
    ['--key-field', opts.keyField, model.keyField],
  ];
  for (const [flag, given, stored] of pairs) {
    if (given !== undefined && given !== stored) {
      throw new DetectorError(
        'INVALID_ARGUMENT',
        `${flag} ${JSON.stringify(given)} differs from the model's ${JSON.stringify(stored)}: a model carries its preprocessing (train with the option instead, or leave it out)`,
      );
    }
  }
}

/**
 * Scores a file with a model (registry root or version dir), in order, emitting one line per
 * record and, when the input ends, one line per session (every session closes: the
 * end-of-session check runs). The model's own preprocessing applies, as in the detector.
 */
export async function detectOffline(
  opts: OfflineInputOptions & { model: string; batchRecords?: number },
  emit: (l: OfflineVerdictLine | OfflineSessionLine) => void | Promise<void>,
): Promise<{ records: number; anomalies: number; sessions: number; anomalousSessions: number; version: string }> {
  let rt;
  try {
    rt = await buildRuntime(await readModelVersion(await resolveModelDir(opts.model)), { windowMs: 0, maxBatchItems: 8192 });
  } catch (err) {
    throw toDetectorError(err, 'MODEL_INCOMPATIBLE');
  }
  try {
    if (rt.parts.manifest.kind === 'keys') {
      throw new DetectorError('MODEL_INCOMPATIBLE', `model ${rt.version} was trained on --format keys (sessions of log keys); detect with --format keys`);
    }
    checkSameAsModel(opts, rt.parts.settings.preprocess);
    const sessions = new SessionStore({ maxSessions: 10_000_000, ttlMs: Number.MAX_SAFE_INTEGER, maxBytes: 8 * 2 ** 30 }, rt.parts.window);
    const ctx: ScoreContext = { sessions, sessionKey: compileSessionKey({}), nowMs: Date.now, untimed: 'none' };
    const batchSize = opts.batchRecords ?? 1000;
    let batch: OfflineRecord[] = [];
    let records = 0;
    let anomalies = 0;
    const flush = async (): Promise<void> => {
      const verdicts = await scoreBatch(rt, ctx, batch.map((b) => b.record), false);
      for (let i = 0; i < verdicts.length; i++) {
        if (verdicts[i]!.isAnomaly) anomalies++;
        await emit(toLine(batch[i]!.line, verdicts[i]!));
      }
      records += batch.length;
      batch = [];
    };
    for await (const r of readOfflineRecords({ ...opts, logFormat: rt.parts.settings.preprocess.logFormat || undefined })) {
      batch.push(r);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    // End of input: every session closes.
    const ids = sessions.ids();
    let anomalousSessions = 0;
    for (let i = 0; i < ids.length; i += CLOSE_BATCH) {
      const chunk = ids.slice(i, i + CLOSE_BATCH);
      const verdicts = await judgeSessions(rt, chunk.map((id) => ({ id, state: sessions.take(id), status: 'closed' as const })));
      for (const v of verdicts) {
        if (v.isAnomaly) anomalousSessions++;
        await emit(toSessionLine(v));
      }
    }
    return { records, anomalies, sessions: ids.length, anomalousSessions, version: rt.version };
  } finally {
    await rt.retire(0);
  }
}

/** Sessions judged per DeepLog run when the input ends. */
const CLOSE_BATCH = 4096;
