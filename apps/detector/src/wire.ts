/** Maps wire messages (generated from proto/) to pipeline types and back, at the app edge. */
import { Long, timestampFromMs, timestampParts, type google, type wire } from '@log-sentinel/proto';
import type {
  DetectRecord,
  DetectVerdict,
  ExplanationView,
  FeedbackOutcome,
  SessionVerdictView,
  ModelInfoView,
  TrainProgressEvent,
  TrainRunOptions,
  WorkflowView,
} from '@log-sentinel/pipeline';
import { DetectorError } from '@log-sentinel/pipeline';

/** Seconds of google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
const MIN_TIMESTAMP_SECONDS = -62_135_596_800;
const MAX_TIMESTAMP_SECONDS = 253_402_300_799;

/**
 * Timestamp → ms since the epoch (undefined when unset). Outside Timestamp's range (or nanos
 * outside [0, 1e9)) it is NaN, which request validation refuses as INVALID_ARGUMENT: such a
 * time once reached the models' features as NaN and failed the whole call with INTERNAL
 * (issue 17 fuzzing).
 */
function timestampMs(ts: google.protobuf.ITimestamp | null | undefined): number | undefined {
  if (!ts) return undefined;
  const { seconds, nanos } = timestampParts(ts);
  if (!(seconds >= MIN_TIMESTAMP_SECONDS && seconds <= MAX_TIMESTAMP_SECONDS) || !(nanos >= 0 && nanos < 1e9)) return NaN;
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

/** One wire LogRecord → pipeline record. */
export function fromWireRecord(r: wire.ILogRecord): DetectRecord {
  const out: DetectRecord = { id: r.id ?? '', message: r.message ?? '' };
  const ts = timestampMs(r.timestamp);
  if (ts !== undefined) out.timestampMs = ts;
  if (r.level) out.level = r.level;
  if (r.service) out.service = r.service;
  if (r.host) out.host = r.host;
  if (r.session_id) out.sessionId = r.session_id;
  if (r.labels && Object.keys(r.labels).length > 0) out.labels = r.labels;
  return out;
}

/** Wire records → pipeline records. */
export function fromWireRecords(rs: wire.ILogRecord[] | null | undefined): DetectRecord[] {
  if (!rs) return [];
  const out = new Array<DetectRecord>(rs.length);
  for (let i = 0; i < rs.length; i++) out[i] = fromWireRecord(rs[i]!);
  return out;
}

/**
 * Pipeline verdict → wire DetectResult. The per-model detail (deeplog, iforest, params) is
 * sent for flagged records, or for every record when the request asked to `explain`.
 */
export function toWireResult(v: DetectVerdict, explain = true): wire.IDetectResult {
  // proto3 default values are left out: every present field costs an encoder op.
  const out: wire.IDetectResult = {
    record_id: v.recordId,
    score: v.score,
    template_id: v.templateId,
    template: v.template,
    status: v.status,
    model_version: v.modelVersion,
    session_id: v.sessionId,
  };
  if (v.isAnomaly) out.is_anomaly = true;
  if (v.reasons.length > 0) out.reasons = v.reasons;
  if (v.explanation) out.explanation = v.explanation;
  if (v.explanationDetail) out.explanation_detail = toWireExplanation(v.explanationDetail);
  if (!explain && !v.isAnomaly) return out;
  out.params = v.params;
  if (v.deeplog) {
    out.deeplog = {
      is_anomaly: v.deeplog.isAnomaly,
      rank: v.deeplog.rank,
      probability: v.deeplog.probability,
      expected: v.deeplog.expected.map((e) => ({ template_id: e.templateId, probability: e.probability })),
    };
  }
  if (v.iforest) out.iforest = { is_anomaly: v.iforest.isAnomaly, score: v.iforest.score, threshold: v.iforest.threshold };
  return out;
}

/** Readable explanation parts → wire Explanation. */
export function toWireExplanation(e: ExplanationView): wire.IExplanation {
  return {
    observed: e.observed,
    expected: e.expected.map((x) => ({ template_id: x.templateId, template: x.template, probability: x.probability })),
    recent: e.recent,
  };
}

/** A closed session's verdict → wire SessionVerdict. */
export function toWireSessionVerdict(v: SessionVerdictView): wire.ISessionVerdict {
  return {
    session_id: v.sessionId,
    is_anomaly: v.isAnomaly,
    score: v.score,
    reasons: v.reasons,
    model_version: v.modelVersion,
    explanation: v.explanation,
    records: v.records,
    flagged_records: v.flaggedRecords,
    status: v.status,
    recent: v.recent,
  };
}

/**
 * Wire TrainOptions → pipeline options (0/'' mean default; `activate` defaults to true when
 * options are unset). `value_confidence`, when set, must be 0 (no value models) or in (0, 1):
 * anything else is DetectorError('INVALID_ARGUMENT') naming the field, before any training.
 */
export function fromWireTrainOptions(o: wire.ITrainOptions | null | undefined): TrainRunOptions {
  if (!o) return { activate: true };
  const out: TrainRunOptions = { activate: o.activate === true };
  if (o.log_format) out.logFormat = o.log_format;
  if (o.session_regex) out.sessionRegex = o.session_regex;
  if (o.session_field) out.sessionField = o.session_field;
  if (o.key_field) out.keyField = o.key_field;
  if (o.window) out.window = o.window;
  if (o.top_g) out.topG = o.top_g;
  if (o.max_epochs) out.maxEpochs = o.max_epochs;
  // proto3 `optional`: null when absent, so a sent 0 ("no value models") is told apart from unset
  if (o.value_confidence != null) {
    const c = Number(o.value_confidence);
    if (!(c === 0 || (c > 0 && c < 1))) {
      throw new DetectorError('INVALID_ARGUMENT', `options.value_confidence must be in (0, 1) (e.g. 0.9999), or 0 for no value models; got ${c}`);
    }
    out.valueConfidence = c;
  }
  return out;
}

/** Pipeline progress → wire TrainProgress. */
export function toWireProgress(p: TrainProgressEvent): wire.ITrainProgress {
  return {
    phase: p.phase,
    records_received: Long.fromNumber(p.recordsReceived, true),
    epoch: p.epoch ?? 0,
    epochs: p.epochs ?? 0,
    loss: p.loss ?? 0,
    validation_loss: p.validationLoss ?? 0,
    fraction: p.fraction,
    model_version: p.modelVersion ?? '',
    message: p.message ?? '',
  };
}

/** Pipeline feedback outcome → wire FeedbackResponse. */
export function toWireFeedback(f: FeedbackOutcome): wire.IFeedbackResponse {
  return { accepted: f.accepted, template_ids: f.templateIds, windows_learned: f.windowsLearned, model_version: f.modelVersion };
}

/** Pipeline model info → wire ModelInfo. */
export function toWireModelInfo(m: ModelInfoView): wire.IModelInfo {
  const out: wire.IModelInfo = {
    version: m.version,
    status: m.status,
    templates: m.templates,
    vocabulary: m.vocabulary,
    window: m.window,
    top_g: m.topG,
    learning_records: Long.fromNumber(m.learningRecords, true),
    learning_target: Long.fromNumber(m.learningTarget, true),
    manifest_json: m.manifestJson,
    warnings: m.warnings,
  };
  if (m.createdMs !== undefined) out.created = timestampFromMs(m.createdMs);
  return out;
}

/** Pipeline workflow views → wire SessionWorkflow messages (GetModel with include_workflows). */
export function toWireWorkflows(views: readonly WorkflowView[]): wire.ISessionWorkflow[] {
  return views.map((w) => ({
    session_type: w.sessionType,
    session_type_template: w.sessionTypeTemplate,
    sessions: Long.fromNumber(w.sessions, true),
    nodes: w.nodes.map((n) => ({ template_id: n.templateId, template: n.template })),
    edges: w.edges.map((e) => ({ from_template_id: e.from, to_template_id: e.to, count: Long.fromNumber(e.count, true) })),
    concurrent: w.concurrent.map(([a, b]) => ({ from_template_id: a, to_template_id: b, count: Long.UZERO })),
    loops: w.loops,
  }));
}
