/**
 * Messages between the collector's main thread (which owns the intake and scored spools,
 * the local sinks and the metrics registry) and the scoring stage running in a
 * `worker_threads` Worker (detector client, pending spool, the stage itself).
 *
 * The spools' files stay the truth: the worker never opens the intake or scored spool; it
 * asks the main thread for the next durable intake records (their bytes are transferred, not
 * copied), for their acknowledgement, and for scored-spool appends, which resolve once
 * fsynced there. Everything else crosses as one-way messages.
 */
import type { ElasticLogDocument } from '@log-sentinel/schema';
import type { SpoolPosition } from '@log-sentinel/spool';

/** Requests the worker makes; each gets one {@link Reply} with the same id. */
export type Request =
  | { t: 'req'; id: number; op: 'read'; maxRecords: number; maxBytes: number }
  | { t: 'req'; id: number; op: 'ack'; batch: number }
  | { t: 'req'; id: number; op: 'waitForData'; timeoutMs: number }
  | { t: 'req'; id: number; op: 'skipThrough'; pos: SpoolPosition }
  | { t: 'req'; id: number; op: 'findNewestIntakePosition' }
  | { t: 'req'; id: number; op: 'appendScored'; payloads: (string | Uint8Array)[] };

/** An intake batch as it crosses: one transferred buffer and the records' lengths. */
export interface WireBatch {
  /** Id to acknowledge it by. */
  id: number;
  /** Segment the records come from. */
  segmentSeq: number;
  /** Written by an earlier process. */
  recovered: boolean;
  /** Position just after the last record. */
  end: SpoolPosition;
  /** The records' bytes, back to back. */
  data: ArrayBuffer;
  /** Each record's length in `data`. */
  lengths: number[];
}

/** The answer to a {@link Request}. */
export type Reply =
  | { t: 'res'; id: number; ok: true; value?: unknown; unackedRecords: number }
  | { t: 'res'; id: number; ok: false; error: { message: string; code?: string }; unackedRecords: number };

/** What the detector side looks like now (sent on change and every few hundred ms). */
export interface StageStatus {
  /** The stage holds its position for an unreachable detector. */
  holding: boolean;
  /** Some detector can score (no detector: false). */
  detectorAvailable: boolean;
  /** Breaker state per detector address. */
  detectorStates: Record<string, string>;
  /** Closed-session verdicts waiting for the scored spool. */
  queuedSessionVerdicts: number;
  /** Bytes on disk of the pending spool (the worker owns it); undefined without a detector. */
  pendingBytes?: number | undefined;
}

/** One-way messages from the worker. */
export type Notice =
  | { t: 'written'; docs: ElasticLogDocument[] }
  | { t: 'count'; name: 'pending' | 'flagged' | 'rescored'; value: number }
  | { t: 'sessionVerdicts'; flagged: string; value: number }
  | { t: 'detectCall'; seconds: number; outcome: 'ok' | 'error' | 'skipped'; detector: string }
  | { t: 'status'; status: StageStatus }
  | { t: 'log'; line: string }
  | { t: 'started'; nice: number | undefined; niceError?: string }
  | { t: 'stopped' };

/** Messages from the main thread to the worker. */
export type Command = Reply | { t: 'shutdown' };
