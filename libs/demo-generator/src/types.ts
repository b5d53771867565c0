/** Kinds of anomaly the demo injects, each one a way real services misbehave. */
export const ANOMALY_KINDS = [
  'out_of_order',
  'missing_step',
  'error_burst',
  'unseen_message',
  'abnormal_value',
  'latency_outlier',
] as const;

/** One injected anomaly kind. */
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Log levels the simulated service emits. */
export type DemoLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Label carried by every record that is part of an injected anomaly. */
export interface AnomalyLabel {
  /** What was injected. */
  kind: AnomalyKind;
  /** Id of the injected scenario (one scenario may label several records). */
  scenarioId: string;
  /** Human-readable description of what is wrong with this record. */
  description: string;
}

/** One generated log record (the Log Sentinel record shape plus demo bookkeeping). */
export interface DemoRecord {
  /** Deterministic unique id (`<idPrefix>-<sequence>`), sent as the client's record id. */
  id: string;
  /** Event time, ISO 8601 with milliseconds, UTC. */
  timestamp: string;
  /** Event time in epoch milliseconds (same instant as `timestamp`). */
  timeMs: number;
  /** Log level. */
  level: DemoLevel;
  /** Log message without any header. */
  message: string;
  /** Emitting service (`auth`, `web`, `payments`, `jobs`). */
  source: string;
  /** Emitting host. */
  host: string;
  /** Session the record belongs to (a user session or a background job run). */
  sessionId: string;
  /** Set when the record is part of an injected anomaly. */
  label?: AnomalyLabel;
}

/** Options of {@link DemoLogGenerator}. */
export interface DemoGeneratorOptions {
  /** Seed of the pseudo-random sequence; the same seed gives the same logs. */
  seed: number;
  /** Simulated clock: epoch milliseconds of the first session start. */
  startMs: number;
  /** Prefix of record ids; default `demo-<seed>`. */
  idPrefix?: string;
  /** Mean gap between session starts in simulated milliseconds; default 400. */
  meanSessionGapMs?: number;
}

/** Output of {@link DemoLogGenerator.anomalyPhase}: the records and the scenarios injected. */
export interface AnomalyPhase {
  /** Normal sessions interleaved with the anomalous ones, in time order. */
  records: DemoRecord[];
  /** One entry per injected scenario. */
  scenarios: InjectedScenario[];
}

/** One injected anomaly scenario. */
export interface InjectedScenario {
  /** Scenario id (also in each labelled record's `label.scenarioId`). */
  scenarioId: string;
  /** What was injected. */
  kind: AnomalyKind;
  /** Session the anomaly was injected into. */
  sessionId: string;
  /** Ids of the records labelled anomalous. */
  recordIds: string[];
}
