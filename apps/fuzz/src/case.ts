/** The shape of one fuzz input and what running it tells the checks. */

/** Where the services under test listen, and the keys they need. */
export interface FuzzTarget {
  /** Collector base URL. */
  collectorUrl: string;
  /** Collector HTTP port. */
  collectorPort: number;
  /** A key from the collector's API_KEYS. */
  apiKey: string;
  /** Detector gRPC port (loopback). */
  detectorPort: number;
  /** A key from DETECTOR_API_KEYS (Detect, GetModel). */
  detectorKey: string;
  /** A key from DETECTOR_ADMIN_KEYS (Feedback, CloseSessions, Train). */
  detectorAdminKey: string;
  /** The collector's watched directory. */
  watchDir: string;
  /** A directory outside it (symlink targets that must not be read). */
  outsideDir: string;
  /** The collector's MAX_BODY_BYTES. */
  maxBodyBytes: number;
  /** The collector's MAX_RECORDS_PER_REQUEST. */
  maxRecordsPerRequest: number;
  /** The detector's DETECTOR_MAX_MESSAGE_BYTES. */
  detectorMaxMessageBytes: number;
}

/** Kinds of input. */
export type CaseKind = 'http-body' | 'http-header' | 'file' | 'grpc';

/** What one input did. */
export interface CaseResult {
  /** HTTP status ("200", "413", "closed", "timeout") or gRPC status name ("OK", "INVALID_ARGUMENT"). */
  outcome: string;
  /** A 5xx, or a gRPC INTERNAL / UNKNOWN / DATA_LOSS / UNAVAILABLE: the service failed, not the input. */
  serverError: boolean;
  /** Our own deadline passed without an answer (the service stalled). */
  stalled?: boolean;
  /** Event ids of records the collector acknowledged with a 2xx (each must be indexed exactly once). */
  ackedIds?: string[];
  /** Messages written to watched files that must be indexed exactly once. */
  sentinels?: string[];
  /** Messages that must never be indexed (files outside the watched directory). */
  forbidden?: string[];
  /** Short description of the answer, for failure reports. */
  detail?: string;
}

/** One generated input: `run` sends it once. */
export interface FuzzCase {
  /** Position in the seeded sequence (with the seed, reproduces the case). */
  index: number;
  /** Input kind. */
  kind: CaseKind;
  /** Which generator made it, e.g. "ndjson-mixed" or "grpc-raw-bytes". */
  variant: string;
  /** Sends the input and reports what came back. */
  run(target: FuzzTarget): Promise<CaseResult>;
}

/** HTTP statuses that are the service's failure. */
export function isServerErrorStatus(status: number): boolean {
  return status >= 500;
}
