/** The record and verdict types of the detector pipeline (transport-neutral). */

import type { SessionVerdictFields } from '@log-sentinel/schema';

/** One log record as the pipeline sees it (the gRPC LogRecord mapped at the app edge). */
export interface DetectRecord {
  /** Stable record id, echoed in the verdict. */
  id: string;
  /** The log message (content after any header). */
  message: string;
  /** Event time in ms since the epoch; undefined means "now" for time features. */
  timestampMs?: number;
  /** Log level as sent (INFO, WARN, …). */
  level?: string;
  /** Emitting service. */
  service?: string;
  /** Emitting host. */
  host?: string;
  /** Session id; empty/undefined means the pipeline derives one. */
  sessionId?: string;
  /** Extra labels. */
  labels?: Record<string, string>;
}

/** An expected next key with its probability. */
export interface ExpectedKey {
  /** Template id of the key. */
  templateId: string;
  /** Predicted probability. */
  probability: number;
}

/** DeepLog's view of one record. */
export interface DeepLogView {
  /** Whether the key fell outside the top-g predictions (or is unseen). */
  isAnomaly: boolean;
  /** Rank of the actual key (1 = most probable; 0 = unseen key). */
  rank: number;
  /** Predicted probability of the actual key. */
  probability: number;
  /** The g most probable keys. */
  expected: ExpectedKey[];
}

/** Isolation Forest's view of one record. */
export interface IForestView {
  /** score >= threshold. */
  isAnomaly: boolean;
  /** Anomaly score 2^(-E[h(x)]/c(psi)), 0..1. */
  score: number;
  /** Decision threshold. */
  threshold: number;
}

/** Whether a verdict comes from a trained model or the detector is still learning. */
export type VerdictStatus = 'scored' | 'learning';

/** The pipeline's verdict on one record. */
export interface DetectVerdict {
  /** The record's id. */
  recordId: string;
  /** Combined decision. */
  isAnomaly: boolean;
  /** Combined score 0..1 (see docs/detector.md, "Score"). */
  score: number;
  /** Machine-readable reasons (`deeplog.unexpected_key`, `drain.new_template`, `iforest.outlier`, …). */
  reasons: string[];
  /** Drain template id ('' when none). */
  templateId: string;
  /** Drain template text. */
  template: string;
  /** 'scored' or 'learning'. */
  status: VerdictStatus;
  /** Version of the model that scored it ('' while learning). */
  modelVersion: string;
  /** Session the record was assigned to. */
  sessionId: string;
  /** Parameters Drain extracted. */
  params: string[];
  /** DeepLog detail, when DeepLog ran. */
  deeplog?: DeepLogView;
  /** Isolation Forest detail, when it ran. */
  iforest?: IForestView;
  /** Human-readable explanation. */
  explanation: string;
  /** The explanation as readable parts (flagged verdicts). */
  explanationDetail?: ExplanationView;
}

/** A template as text with the probability the model gave it. */
export interface ExpectedTemplateView {
  /** Template id ('<end>' for the end of the session). */
  templateId: string;
  /** Template text. */
  template: string;
  /** Predicted probability. */
  probability: number;
}

/** Why something was flagged, in words a person reads. */
export interface ExplanationView {
  /** The observed template text. */
  observed: string;
  /** The most probable next templates (at most 3), most probable first. */
  expected: ExpectedTemplateView[];
  /** The session's last templates before the record, oldest first. */
  recent: string[];
}

/** How a session came to be closed (or why it could not be). */
export type SessionCloseStatus = 'closed' | 'idle' | 'evicted' | 'unknown' | 'learning';

/** The verdict on a whole session, given when it closes (the fields the wire carries come from the schema). */
export interface SessionVerdictView extends SessionVerdictFields {
  /** How it was closed. */
  status: SessionCloseStatus;
  /** The end-of-session check as readable parts, when it failed. */
  explanationDetail?: ExplanationView;
  /** The broken count relations, as text (Invariants Mining; absent when none is broken). */
  invariantsViolated?: string[];
}
