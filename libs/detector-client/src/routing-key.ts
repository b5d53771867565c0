/**
 * The key the collector routes a record by, so all records of one detector session reach
 * the same detector. It matches the detector's own session key (libs/pipeline
 * `compileSessionKey`) without a configured session regex or field: the record's session id
 * when it has one, else its service + host stream, spelled `stream:<service>|<host>`
 * exactly as the detector names that session (the detector returns that name as
 * `session_id`, so a stored record read back from a spool carries it and routes the same way).
 */
import type { LogRecord } from '@log-sentinel/schema';

/** Routing key of a record: its session id, else `stream:<service>|<host>`. */
export function routingKey(r: Pick<LogRecord, 'sessionId' | 'service' | 'host'>): string {
  if (r.sessionId) return r.sessionId;
  return `stream:${r.service ?? ''}|${r.host ?? ''}`;
}
