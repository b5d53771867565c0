/**
 * Header stripping for models trained without a header format (the `npm start` path): a
 * leading timestamp (ISO 8601, syslog, `[ctime]`, `yyMMdd HHmmss`), then what commonly
 * follows it — syslog `host app[pid]:`, a pid, a `[thread]`, the level word and a
 * `logger.Name:` / `logger - ` component — are cut off, so templates never contain them.
 * Conservative: nothing is cut unless a leading timestamp or level word is found, and a
 * line that would be left empty is kept whole.
 */
import { leadingLevel, leadingTimestamp } from '@log-sentinel/schema';

/** Header fields found (the names a header format would give them). */
export interface StrippedHeader {
  /** The line without its header. */
  content: string;
  /** `Timestamp`, `Host`, `Component`, `Pid`, `Level` when found. */
  fields: Record<string, string>;
}

const SYSLOG_TAIL = /^(\S+)\s+([A-Za-z_][\w./-]{0,63})(?:\[(\d{1,10})\])?:\s+/;
const PID = /^(\d{1,10})\s+(?=\S)/;
const THREAD = /^\[([^\]\s]{1,64})\]\s+/;
const COMPONENT = /^([A-Za-z_][\w.$/-]{0,127}(?:\[[^\]\s]{0,64}\])?):\s+/;
const LOG4J_LOGGER = /^(?:\[([^\]]{1,64})\]\s+)?([A-Za-z_][\w.$]{0,127})\s+-\s+/;

/** Splits a common header off a raw line; undefined when the line starts with neither a timestamp nor a level. */
export function stripCommonHeader(line: string): StrippedHeader | undefined {
  let rest = line.trim();
  const fields: Record<string, string> = {};
  const ts = leadingTimestamp(rest);
  if (ts) {
    fields.Timestamp = ts.text;
    rest = rest.slice(ts.end).trimStart();
    if (/^[A-Z][a-z]{2}\s/.test(ts.text)) {
      const m = SYSLOG_TAIL.exec(rest);
      if (m && !leadingLevel(rest)) {
        fields.Host = m[1]!;
        fields.Component = m[2]!;
        if (m[3]) fields.Pid = m[3];
        rest = rest.slice(m[0].length);
      }
    }
    let m = PID.exec(rest);
    if (m && !fields.Pid) {
      fields.Pid = m[1]!;
      rest = rest.slice(m[0].length);
    }
    m = THREAD.exec(rest);
    if (m) rest = rest.slice(m[0].length);
  }
  const level = leadingLevel(rest);
  if (level) {
    fields.Level = level.level;
    rest = rest.slice(level.end);
    const logger = LOG4J_LOGGER.exec(rest) ?? null;
    const comp = logger ? null : COMPONENT.exec(rest);
    if (logger) {
      fields.Component = logger[2]!;
      rest = rest.slice(logger[0].length);
    } else if (comp) {
      fields.Component = comp[1]!;
      rest = rest.slice(comp[0].length);
    }
  }
  if (!ts && !level) return undefined;
  rest = rest.trim();
  if (rest === '') return undefined;
  return { content: rest, fields };
}
