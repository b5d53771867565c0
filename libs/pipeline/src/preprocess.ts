/**
 * What turns an input record into (content, session, key) before any model sees it. The
 * settings are stored in the model (pipeline.json) and applied identically when training,
 * when the detector serves whole raw lines, and in `log-sentinel detect`: one function for
 * every path (DESIGN.md, "Models on disk").
 */
import { LogFormat } from '@log-sentinel/drain';
import { parseTimestamp } from '@log-sentinel/schema';
import { stripCommonHeader } from './default-header';
import { deriveSessionId } from './default-session';
import { DetectorError } from './errors';
import type { DetectRecord } from './record';
import { compileSessionRegex, namedSession } from './session-key';

/** The preprocessing a model was trained with ('' = not set). */
export interface PreprocessSettings {
  /** Header format of raw lines (logparser syntax); '' = none. */
  logFormat: string;
  /** Regex on the raw message: its first capture group (or whole match) is the session id. */
  sessionRegex: string;
  /** Label holding the session id. */
  sessionField: string;
  /** Label holding a pre-parsed event id (the log key; Drain is skipped). */
  keyField: string;
  /** Without a header format: cut common headers (timestamp, pid, level, component) automatically (./default-header). */
  autoHeader: boolean;
  /** Derive sessions from common id shapes (block/request/trace/session ids) when nothing else names one. */
  autoSession: boolean;
}

/** A record after preprocessing. */
export interface PreparedRecord {
  /** The record with `message` = content (header cut), and level/time/host filled from the header when absent. */
  record: DetectRecord;
  /** Session id ('' = none named: the caller's fallback applies). */
  sessionId: string;
  /** Pre-parsed log key (keyField), undefined = run Drain on the content. */
  key: string | undefined;
  /**
   * The event time for durations (the parameter-value model's time since the session's
   * previous record): the time in the line's own header when there is one, else the
   * record's timestamp. A collector stamps a line whose time it cannot use (e.g. older than
   * its window) with the receipt time; the header keeps the event's own clock.
   */
  eventTimeMs: number | undefined;
}

/** Time from header fields: `Timestamp`, else `Date Time`, else `Date`. */
function headerTime(fields: Record<string, string>): number | undefined {
  const candidates = [fields.Timestamp, fields.Date && fields.Time ? `${fields.Date} ${fields.Time}` : undefined, fields.Date];
  for (const c of candidates) {
    if (!c) continue;
    const d = parseTimestamp(c);
    if (d) return d.getTime();
  }
  return undefined;
}

/** Settings with every field unset (automatic header stripping and session ids). */
export function defaultPreprocess(): PreprocessSettings {
  return { logFormat: '', sessionRegex: '', sessionField: '', keyField: '', autoHeader: true, autoSession: true };
}

/** Compiled preprocessing. */
export class Preprocessor {
  private constructor(
    /** The settings it was compiled from (stored with the model). */
    readonly settings: PreprocessSettings,
    private readonly format: LogFormat | undefined,
    private readonly sessionRe: RegExp | undefined,
  ) {}

  /** Compiles settings; a bad header format or session regex is INVALID_ARGUMENT naming it. */
  static compile(settings: PreprocessSettings): Preprocessor {
    let format: LogFormat | undefined;
    if (settings.logFormat) {
      try {
        format = LogFormat.compile(settings.logFormat);
      } catch (err) {
        throw new DetectorError('INVALID_ARGUMENT', `log format ${JSON.stringify(settings.logFormat)} is invalid: ${(err as Error).message}`, { cause: err });
      }
    }
    const re = settings.sessionRegex ? compileSessionRegex(settings.sessionRegex) : undefined;
    return new Preprocessor({ ...settings }, format, re);
  }

  /**
   * Applies the preprocessing. A message that does not match the header format is used as it
   * is; a record that carries a session id keeps it.
   */
  apply(r: DetectRecord): PreparedRecord {
    const s = this.settings;
    const raw = r.message;
    let record = r;
    let fields: Record<string, string> | undefined;
    if (this.format) {
      const parsed = this.format.parse(raw);
      if (parsed.matched) {
        fields = parsed.fields;
        record = { ...r, message: parsed.content || raw.trim() };
      }
    } else if (s.autoHeader && !s.keyField) {
      const stripped = stripCommonHeader(raw);
      if (stripped) {
        fields = stripped.fields;
        record = { ...r, message: stripped.content };
      }
    }
    let headerMs: number | undefined;
    if (fields) {
      if (record.level === undefined && fields.Level) record.level = fields.Level;
      headerMs = headerTime(fields);
      if (record.timestampMs === undefined && headerMs !== undefined) record.timestampMs = headerMs;
      if (record.host === undefined) {
        const host = fields.Node ?? fields.Host;
        if (host) record.host = host;
      }
    }
    return { record, sessionId: this.sessionOf(r, raw), key: s.keyField ? (r.labels?.[s.keyField] ?? undefined) : undefined, eventTimeMs: headerMs ?? r.timestampMs };
  }

  private sessionOf(r: DetectRecord, raw: string): string {
    const s = this.settings;
    const named = namedSession(r, raw, s.sessionField, this.sessionRe);
    // a configured field or regex that names nothing leaves the record to the caller's fallback
    if (named || s.sessionField || this.sessionRe) return named;
    return s.autoSession ? (deriveSessionId(raw) ?? '') : '';
  }
}
