/**
 * The pipeline on files (`log-sentinel train/detect --format raw|ndjson`): the same
 * trainer, loader and scorer the gRPC detector runs, fed from a file instead of Detect.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { LogFormat } from '@log-sentinel/drain';
import { readModelVersion, resolveModelDir, writeModelVersion } from '@log-sentinel/model-registry';
import { normalizeObject, parseTimestamp } from '@log-sentinel/schema';
import type { TrainProgressEvent } from './engine-types';
import { DetectorError, toDetectorError } from './errors';
import { buildRuntime } from './model-loader';
import type { DetectRecord, DetectVerdict } from './record';
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
  /** Keep only lines for which this returns true (1-based line number, header fields) — e.g. normal lines for training. */
  filter?: (line: number, fields: Record<string, string>) => boolean;
}

/** One input line turned into a record. */
export interface OfflineRecord {
  /** 1-based line number in the input. */
  line: number;
  /** The record. */
  record: DetectRecord;
  /** Header fields (raw) or empty. */
  fields: Record<string, string>;
}

/** Time from header fields: `Timestamp`, else `Date Time`, else `Date`. */
function headerTime(fields: Record<string, string>): number | undefined {
  const candidates = [fields.Timestamp, fields.Date && fields.Time ? `${fields.Date} ${fields.Time}` : undefined, fields.Date];
  for (const c of candidates) {
    if (!c) continue;
    const d = parseTimestamp(c);
    if (d) return d.getTime();
  }
  return undefined;
}

/** Reads records from a raw or NDJSON file (streaming); blank lines are skipped, malformed JSON lines fail naming the line. */
export async function* readOfflineRecords(opts: OfflineInputOptions): AsyncGenerator<OfflineRecord> {
  if (!fs.existsSync(opts.input)) throw new DetectorError('INVALID_ARGUMENT', `input file ${opts.input} does not exist`);
  const fmt = opts.format === 'raw' && opts.logFormat ? LogFormat.compile(opts.logFormat) : undefined;
  const rl = readline.createInterface({ input: fs.createReadStream(opts.input, { encoding: 'utf8' }), crlfDelay: Infinity });
  const receivedAt = new Date();
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    if (opts.format === 'raw') {
      const parsed = fmt ? fmt.parse(text) : { content: text.replace(/\r$/, '').trim(), fields: {} as Record<string, string>, matched: false };
      if (opts.filter && !opts.filter(line, parsed.fields)) continue;
      const f = parsed.fields;
      const record: DetectRecord = { id: String(line), message: parsed.content || text.trim() };
      const ts = headerTime(f);
      if (ts !== undefined) record.timestampMs = ts;
      if (f.Level) record.level = f.Level;
      const host = f.Node ?? f.Host;
      if (host) record.host = host;
      yield { line, record, fields: f };
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
  opts: OfflineInputOptions & { out: string; onProgress?: (p: TrainProgressEvent) => void },
): Promise<{ version: string; dir: string; records: number }> {
  const records: DetectRecord[] = [];
  for await (const r of readOfflineRecords(opts)) records.push(r.record);
  if (records.length === 0) throw new DetectorError('INVALID_ARGUMENT', `${opts.input} holds no records to train on`);
  const trained = await trainModelFiles(
    records,
    { logFormat: opts.format === 'raw' ? opts.logFormat : undefined, sessionRegex: opts.sessionRegex, sessionField: opts.sessionField },
    opts.onProgress ?? (() => undefined),
    { headerParsed: true }, // the header was applied while reading; the format is recorded for detect
  );
  const written = await writeModelVersion(opts.out, trained.files, trained.meta);
  return { ...written, records: records.length };
}

/** One detect output line (DESIGN.md, CLI `detect`). */
export interface OfflineVerdictLine {
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

function toLine(line: number, v: DetectVerdict): OfflineVerdictLine {
  return {
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

/**
 * Scores a file with a model (registry root or version dir), in order, emitting one line per
 * record. Session and header settings default to the ones the model was trained with.
 */
export async function detectOffline(
  opts: OfflineInputOptions & { model: string; batchRecords?: number },
  emit: (l: OfflineVerdictLine) => void | Promise<void>,
): Promise<{ records: number; anomalies: number; version: string }> {
  let rt;
  try {
    rt = await buildRuntime(await readModelVersion(await resolveModelDir(opts.model)), { windowMs: 0, maxBatchItems: 8192 });
  } catch (err) {
    throw toDetectorError(err, 'MODEL_INCOMPATIBLE');
  }
  try {
    const s = rt.parts.settings;
    const input: OfflineInputOptions = {
      ...opts,
      // A model that parses messages itself gets raw lines; otherwise the header is cut while reading.
      logFormat: rt.parts.messageFormat ? undefined : (opts.logFormat ?? (s.logFormat || undefined)),
      sessionRegex: opts.sessionRegex ?? (s.sessionRegex || undefined),
      sessionField: opts.sessionField ?? (s.sessionField || undefined),
    };
    const ctx: ScoreContext = {
      sessions: new SessionStore({ maxSessions: 10_000_000, ttlMs: Number.MAX_SAFE_INTEGER, maxBytes: 8 * 2 ** 30 }, rt.parts.window),
      sessionKey: compileSessionKey(input),
      nowMs: Date.now,
      untimed: 'none',
    };
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
    for await (const r of readOfflineRecords(input)) {
      batch.push(r);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    return { records, anomalies, version: rt.version };
  } finally {
    await rt.retire(0);
  }
}
