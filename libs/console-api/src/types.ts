/**
 * Reply shapes of the console's JSON API (`/api/...`, docs/api.md "Console API"), shared by
 * the collector's routes and the web console. snake_case like the stored documents.
 */
import type { ElasticLogDocument } from '@log-sentinel/schema';

/** Where a reply's data came from. */
export type ConsoleSource = 'elasticsearch' | 'local';

/** One alert group (`anomaly.group`) of flagged documents. */
export interface AnomalyGroupSummary {
  /** The group key (`anomaly.group`). */
  group: string;
  /** `record` or `session`. */
  kind: 'record' | 'session';
  /** Flagged documents in the group (within the query's time range). */
  count: number;
  /** `@timestamp` of the group's oldest document. */
  first_seen: string;
  /** `@timestamp` of the group's newest document. */
  last_seen: string;
  /** Services of the group's documents (at most 10). */
  services: string[];
  /** Highest `anomaly.score` in the group. */
  max_score: number;
  /** The group's newest document (explanation, model version, scores). */
  latest: ElasticLogDocument;
}

/** `GET /api/anomalies`. */
export interface AnomaliesReply {
  /** Data source. */
  source: ConsoleSource;
  /** Groups, newest last-seen first. */
  groups: AnomalyGroupSummary[];
}

/** `GET /api/anomalies/documents`. */
export interface GroupDocumentsReply {
  /** Data source. */
  source: ConsoleSource;
  /** The group asked for. */
  group: string;
  /** Its documents, newest first. */
  documents: ElasticLogDocument[];
}

/** One template's volume (an element of {@link PatternsReply.data}), Loki-like. */
export interface PatternSeries {
  /** The template text (Drain's `<*>` marks a parameter). */
  pattern: string;
  /** `template.id`. */
  template_id: string;
  /** `[bucket start in unix seconds, records]` for every bucket of the range, zeros included. */
  samples: Array<[number, number]>;
  /** Records in the range. */
  total: number;
  /** Flagged records in the range. */
  flagged: number;
  /** True when a record of the range was flagged `drain.new_template` (the template appeared then). */
  new: boolean;
  /** `@timestamp` of the template's first record in the range. */
  first_seen: string;
  /** `@timestamp` of the template's last record in the range. */
  last_seen: string;
}

/** `GET /api/patterns`. */
export interface PatternsReply {
  /** Always `success` (errors are 4xx/5xx with `{error, message}`), as Loki answers. */
  status: 'success';
  /** Data source. */
  source: ConsoleSource;
  /** The buckets: unix seconds of the first bucket start and of the range end, and the step. */
  range: { start: number; end: number; step_seconds: number };
  /** One series per template, most records first. */
  data: PatternSeries[];
}

/** One example line of a template. */
export interface PatternExample {
  /** `event.id`. */
  event_id: string;
  /** `@timestamp`. */
  timestamp: string;
  /** The message. */
  message: string;
  /** `service.name`. */
  service?: string;
  /** `session.id`. */
  session_id?: string;
  /** Flagged. */
  is_anomaly: boolean;
  /** The values at the template's `<*>` positions, in order (empty when they cannot be aligned). */
  params: string[];
}

/** `GET /api/patterns/:templateId/examples`. */
export interface PatternExamplesReply {
  /** Data source. */
  source: ConsoleSource;
  /** The template id asked for. */
  template_id: string;
  /** Its text, when known. */
  pattern: string | undefined;
  /** Example lines, newest first. */
  examples: PatternExample[];
}

/** One step of a session's timeline. */
export interface SessionStep {
  /** `event.id`. */
  event_id: string;
  /** `@timestamp`. */
  timestamp: string;
  /** `template.id`. */
  template_id?: string;
  /** `template.text`. */
  template?: string;
  /** The message. */
  message: string;
  /** Flagged. */
  is_anomaly: boolean;
  /** `anomaly.score`. */
  score: number;
  /** `anomaly.reasons`. */
  reasons: string[];
  /** `anomaly.explanation.text`, on flagged steps. */
  explanation?: string;
}

/** `GET /api/sessions/:id`. */
export interface SessionReply {
  /** Data source. */
  source: ConsoleSource;
  /** The session id. */
  session_id: string;
  /** Its records, oldest first (the newest ones when the session is longer than the limit). */
  steps: SessionStep[];
  /** The closed session's verdict document, when it closed. */
  verdict?: ElasticLogDocument;
}

/** One line of `GET /api/sessions`. */
export interface SessionSummary {
  /** The session id. */
  session_id: string;
  /** Records seen (within the stored window). */
  records: number;
  /** Flagged records among them. */
  flagged_records: number;
  /** `@timestamp` of the first and last record. */
  first_seen: string;
  /** `@timestamp` of the last record. */
  last_seen: string;
  /** The closed session's verdict, when it closed: flagged or not. */
  verdict_anomaly?: boolean;
}

/** `GET /api/sessions`. */
export interface SessionsReply {
  /** Data source. */
  source: ConsoleSource;
  /** Sessions, flagged ones first, then newest first. */
  sessions: SessionSummary[];
}

/** One detector as `GET /api/status` shows it. */
export interface DetectorStatus {
  /** `host:port`. */
  addr: string;
  /** Circuit breaker: `closed` (answering), `open`, `half-open`. */
  breaker: string;
  /** The detector's `GetModel` answer, or why there is none. */
  model?: { version: string; status: string; templates: number; vocabulary: number; learning_records: number; learning_target: number; warnings: string[] };
  /** Why `model` is missing (detector unreachable). */
  error?: string;
}

/** `GET /api/status`. */
export interface StatusReply {
  /** Collector process uptime. */
  uptime_seconds: number;
  /** `ready` as `/readyz` says, and its checks. */
  ready: boolean;
  /** `/readyz` checks (spool, elasticsearch, detector). */
  checks: Record<string, string>;
  /** Spool queue. */
  spool: { depth_records: number; bytes: number };
  /** `reachable`, `unreachable` or `disabled`. */
  elasticsearch: string;
  /** Each configured detector. */
  detectors: DetectorStatus[];
  /** Counters since start (the same as `/metrics`). */
  totals: { received: number; rejected: number; spooled: number; indexed: number; flagged: number; pending: number; session_verdicts: number };
  /** Per-second rates over the last `window_seconds` (from the same counters). */
  rates: { window_seconds: number; received_per_second: number; flagged_per_second: number; indexed_per_second: number };
  /** The local anomaly store. */
  anomaly_store: { records: number };
}
