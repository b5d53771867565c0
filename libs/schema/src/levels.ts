/** pino / bunyan numeric levels and their names. */
const NUMERIC_LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Level words recognised in plain-text lines (upper case, or lower case in brackets). */
const LEVEL_WORDS = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|CRITICAL|CRIT|FATAL|ALERT|EMERG|EMERGENCY|PANIC';
const LEVEL_IN_LINE = new RegExp(`(?:^|[\\s\\[<(|])(${LEVEL_WORDS})(?=$|[\\s\\]>):|,])`);
const LEVEL_IN_BRACKETS = new RegExp(`\\[(${LEVEL_WORDS.toLowerCase()})\\]`);

/** A level word at the very start of a text (upper case, or in brackets), with what follows it. */
const LEADING_LEVEL = new RegExp(`^(?:\\[\\s*(?:(${LEVEL_WORDS})|(${LEVEL_WORDS.toLowerCase()}))\\s*\\]|(${LEVEL_WORDS})(?=$|[\\s:|]))[\\s:|]*`);

/** The level word a text starts with (`INFO`, `[WARN]`, `[error]`) and the index just past it and its separators. */
export function leadingLevel(text: string): { level: string; end: number } | undefined {
  const m = LEADING_LEVEL.exec(text);
  if (!m) return undefined;
  return { level: (m[1] ?? m[2] ?? m[3])!, end: m[0].length };
}

/** Characters of a plain-text line searched for a level word. */
export const LEVEL_SEARCH_CHARS = 160;

/** Level text for a numeric level: pino/bunyan names for 10..60, else the number as text. */
export function levelFromNumber(n: number): string {
  return NUMERIC_LEVELS[n] ?? String(n);
}

/** The first level word in the head of a plain-text line (`ERROR`, `[error]`), if any. */
export function findLevelInLine(line: string): string | undefined {
  const head = line.slice(0, LEVEL_SEARCH_CHARS);
  return LEVEL_IN_LINE.exec(head)?.[1] ?? LEVEL_IN_BRACKETS.exec(head)?.[1];
}
