/** pino / bunyan numeric levels and their names. */
const NUMERIC_LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Level words recognised in plain-text lines (upper case, or lower case in brackets). */
const LEVEL_WORDS = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|CRITICAL|CRIT|FATAL|ALERT|EMERG|EMERGENCY|PANIC';
const LEVEL_IN_LINE = new RegExp(`(?:^|[\\s\\[<(|])(${LEVEL_WORDS})(?=$|[\\s\\]>):|,])`);
const LEVEL_IN_BRACKETS = new RegExp(`\\[(${LEVEL_WORDS.toLowerCase()})\\]`);

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
