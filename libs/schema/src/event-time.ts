/**
 * The accepted window of event times. A record whose `@timestamp` lies outside
 * [receipt − max age, receipt + 1 day] is indexed by its receipt time (so a client cannot
 * create one daily index per distinct day it invents), and the time it gave is kept in
 * `event.created`.
 */
import type { LogRecord } from './record';

/** Default oldest accepted event time, relative to receipt (`MAX_EVENT_AGE`): 30 days. */
export const DEFAULT_MAX_EVENT_AGE_MS = 30 * 86_400_000;

/** How far past the receipt time an event time may lie: 1 day (clock skew, time zones). */
export const MAX_EVENT_AHEAD_MS = 86_400_000;

/** Largest `event.created` Elasticsearch's default date format reads: a four-digit year. */
const FOUR_DIGIT_YEAR = /^\d{4}-/;

/**
 * Moves an event time outside [`ingested` − `maxAgeMs`, `ingested` + 1 d] to the receipt
 * time (`ingested`), keeping the original in `created` (left out when its year has more
 * than four digits: then only `event.original` has it). Returns whether it moved the time.
 */
export function windowEventTime(record: LogRecord, maxAgeMs: number = DEFAULT_MAX_EVENT_AGE_MS): boolean {
  if (record.timestampAssigned) return false;
  const at = Date.parse(record.timestamp);
  const received = Date.parse(record.ingested);
  if (Number.isNaN(received)) return false;
  if (!Number.isNaN(at) && at >= received - maxAgeMs && at <= received + MAX_EVENT_AHEAD_MS) return false;
  if (FOUR_DIGIT_YEAR.test(record.timestamp)) record.created = record.timestamp;
  record.timestamp = record.ingested;
  record.timestampAssigned = true;
  return true;
}
