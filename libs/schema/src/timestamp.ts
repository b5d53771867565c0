/**
 * Timestamp parsing for every accepted input: ISO 8601 / RFC 3339 (also with a space, a
 * comma before the fraction or slashes), epoch seconds / milliseconds / micro / nanoseconds
 * (numbers or digit strings), RFC 2822 / HTTP dates, Apache common log format, syslog
 * (RFC 3164, no year) and the compact `yyMMdd HHmmss` of HDFS-style logs. A time without a
 * zone is UTC. Fractions below a millisecond are truncated (the original text is kept in
 * `event.original`).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What the parsers need to know besides the text. */
export interface TimestampOptions {
  /** Reference time for formats without a year (syslog): the year is taken from it. */
  reference?: Date;
}

/** The accepted forms, for error messages. */
export const TIMESTAMP_FORMS =
  'ISO 8601 (2024-06-01T12:00:00.000Z), epoch seconds or milliseconds, RFC 2822, ' +
  'common log format (01/Jun/2024:12:00:00 +0000) or syslog (Jun  1 12:00:00)';

const ISO =
  /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const CLF = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:\s*([+-]\d{4}|Z))?$/;
const RFC2822 =
  /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?$/;
const CTIME = /^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s+(\d{4})$/;
const SYSLOG = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const COMPACT = /^(\d{2})(\d{2})(\d{2})\s(\d{2})(\d{2})(\d{2})$/;
const DIGITS = /^\d+(?:\.\d+)?$/;

/**
 * Parses a timestamp value (string or number) into a Date, or returns undefined when the
 * value has none of the accepted forms or names an impossible date (e.g. 2024-02-30).
 */
export function parseTimestamp(value: unknown, options: TimestampOptions = {}): Date | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0) return undefined;
  if (DIGITS.test(text)) return fromEpoch(Number(text));
  return parseIso(text) ?? parseClf(text) ?? parseRfc2822(text) ?? parseCtime(text) ?? parseSyslog(text, options) ?? parseCompact(text);
}

/** The last time formatted: a batch formats its one receipt time for every record. */
let lastFormatted = { ms: Number.NaN, text: '' };

/** Formats a Date as the canonical ISO 8601 UTC text with milliseconds (`@timestamp`). */
export function formatTimestamp(date: Date): string {
  const ms = date.getTime();
  if (ms === lastFormatted.ms) return lastFormatted.text;
  const text = date.toISOString();
  lastFormatted = { ms, text };
  return text;
}

/** Text {@link formatTimestamp} gives back unchanged once it parses (second 60 becomes 59, so it is left out). */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:[0-5]\d\.\d{3}Z$/;

/**
 * A timestamp value as the canonical `@timestamp` text ({@link parseTimestamp} then
 * {@link formatTimestamp}), or undefined when it does not parse. Text already in the
 * canonical form is returned as it is, without formatting it again.
 */
export function canonicalTimestamp(value: string | number, options: TimestampOptions = {}): string | undefined {
  const date = parseTimestamp(value, options);
  if (!date) return undefined;
  return typeof value === 'string' && value.length === 24 && CANONICAL.test(value) ? value : formatTimestamp(date);
}

/** Epoch number with its unit guessed from its size: s < 1e11 ≤ ms < 1e14 ≤ µs < 1e17 ≤ ns. */
function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  let ms: number;
  if (n < 1e11) ms = n * 1000;
  else if (n < 1e14) ms = n;
  else if (n < 1e17) ms = n / 1000;
  else ms = n / 1e6;
  return valid(new Date(Math.floor(ms)));
}

function parseIso(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, , mo, d, h = '0', mi = '0', s = '0', frac, zone] = m;
  return build(+y!, +mo!, +d!, +h, +mi, +s, fractionMs(frac), zoneOffsetMinutes(zone));
}

function parseClf(text: string): Date | undefined {
  const m = CLF.exec(text);
  if (!m) return undefined;
  const [, d, mon, y, h, mi, s, frac, zone] = m;
  return build(+y!, monthOf(mon!), +d!, +h!, +mi!, +s!, fractionMs(frac), zoneOffsetMinutes(zone));
}

function parseRfc2822(text: string): Date | undefined {
  const m = RFC2822.exec(text);
  if (!m) return undefined;
  const [, d, mon, y, h, mi, s = '0', zone] = m;
  return build(+y!, monthOf(mon!), +d!, +h!, +mi!, +s, 0, zoneOffsetMinutes(zone === 'UT' ? 'Z' : zone));
}

function parseCtime(text: string): Date | undefined {
  const m = CTIME.exec(text);
  if (!m) return undefined;
  const [, mon, d, h, mi, s, frac, y] = m;
  return build(+y!, monthOf(mon!), +d!, +h!, +mi!, +s!, fractionMs(frac), 0);
}

/** Syslog has no year: take the reference's, or the previous one if that lands > 1 day ahead. */
function parseSyslog(text: string, options: TimestampOptions): Date | undefined {
  const m = SYSLOG.exec(text);
  if (!m) return undefined;
  const [, mon, d, h, mi, s, frac] = m;
  const reference = options.reference ?? new Date();
  const year = reference.getUTCFullYear();
  const date = build(year, monthOf(mon!), +d!, +h!, +mi!, +s!, fractionMs(frac), 0);
  if (date && date.getTime() - reference.getTime() > 86_400_000) {
    return build(year - 1, monthOf(mon!), +d!, +h!, +mi!, +s!, fractionMs(frac), 0);
  }
  return date;
}

function parseCompact(text: string): Date | undefined {
  const m = COMPACT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  return build(2000 + +y!, +mo!, +d!, +h!, +mi!, +s!, 0, 0);
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.toLowerCase()) + 1;
}

function fractionMs(frac: string | undefined): number {
  return frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
}

/** Zone designator to minutes east of UTC; undefined zone = UTC; NaN when malformed. */
function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return Number.NaN;
  const minutes = +m[2]! * 60 + +(m[3] ?? '0');
  if (+m[2]! > 23 || +(m[3] ?? '0') > 59) return Number.NaN;
  return m[1] === '-' ? -minutes : minutes;
}

/** Builds a UTC date from wall-clock fields, rejecting out-of-range fields (e.g. Feb 30). */
function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60 || Number.isNaN(offsetMin)) return undefined;
  const check = new Date(Date.UTC(2000, 0, 1, h, mi, Math.min(s, 59), ms));
  check.setUTCFullYear(y, mo - 1, d); // Date.UTC maps years 0..99 to 1900..1999
  const wall = check.getTime();
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
  return valid(new Date(wall - offsetMin * 60_000));
}

function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}
