/** Input validation and request limits of the detector. */
import { DetectorError } from './errors';
import type { DetectRecord } from './record';

/** Longest session id accepted (the collector refuses longer ones per item). */
export const MAX_SESSION_ID_LENGTH = 256;

/** Per-request limits. */
export interface RequestLimits {
  /** Maximum records in one Detect/Train/Feedback message. */
  maxRecordsPerRequest: number;
  /** Maximum UTF-8 bytes of one record's message. */
  maxMessageBytes: number;
}

/**
 * Validates a batch; every problem is INVALID_ARGUMENT (the request itself is wrong, a retry
 * cannot succeed): too many records, an oversized message, a record without a message or
 * with a bad timestamp. RESOURCE_EXHAUSTED stays for capacity (records in flight).
 * Errors name the offending record index.
 */
export function validateRecords(records: DetectRecord[], limits: RequestLimits): void {
  if (records.length > limits.maxRecordsPerRequest) {
    throw new DetectorError(
      'INVALID_ARGUMENT',
      `request has ${records.length} records; the limit is ${limits.maxRecordsPerRequest} per request`,
    );
  }
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (typeof r.message !== 'string') throw new DetectorError('INVALID_ARGUMENT', `records[${i}]: message is missing`);
    // Cheap upper bound first: a UTF-16 length of n is at most 3n UTF-8 bytes.
    if (r.message.length * 3 > limits.maxMessageBytes && Buffer.byteLength(r.message, 'utf8') > limits.maxMessageBytes) {
      throw new DetectorError(
        'INVALID_ARGUMENT',
        `records[${i}] (id ${JSON.stringify(r.id)}): message is ${Buffer.byteLength(r.message, 'utf8')} bytes; the limit is ${limits.maxMessageBytes}`,
      );
    }
    if (r.message.trim() === '') throw new DetectorError('INVALID_ARGUMENT', `records[${i}] (id ${JSON.stringify(r.id)}): message is empty`);
    if (r.timestampMs !== undefined && !Number.isFinite(r.timestampMs)) {
      throw new DetectorError('INVALID_ARGUMENT', `records[${i}] (id ${JSON.stringify(r.id)}): timestamp is not a valid time`);
    }
    if (r.sessionId !== undefined && r.sessionId.length > MAX_SESSION_ID_LENGTH) {
      throw new DetectorError('INVALID_ARGUMENT', `records[${i}] (id ${JSON.stringify(r.id)}): session id is ${r.sessionId.length} characters; at most ${MAX_SESSION_ID_LENGTH} are accepted`);
    }
    if (r.id.length > 512) throw new DetectorError('INVALID_ARGUMENT', `records[${i}]: id is longer than 512 characters`);
  }
}
