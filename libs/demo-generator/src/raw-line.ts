/**
 * Renders demo records as lines of a log file for the collector's watched directory.
 */
import type { DemoRecord } from './types';

/** The header layout of {@link toRawLine}, in logparser `--log-format` syntax. */
export const RAW_LINE_FORMAT = '<Timestamp> <Level> <Service> <Host> <Session>: <Content>';

/** Regex whose first capture group is the session id in a {@link toRawLine} line. */
export const RAW_LINE_SESSION_REGEX = 'session=(\\S+?):';

/** One plain-text log line: `<ISO time> <LEVEL> <service> <host> session=<id>: <message>`. */
export function toRawLine(r: Pick<DemoRecord, 'timestamp' | 'level' | 'source' | 'host' | 'sessionId' | 'message'>): string {
  return `${r.timestamp} ${r.level} ${r.source} ${r.host} session=${r.sessionId}: ${r.message}`;
}
