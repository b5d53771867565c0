/** Splits a chunk of a file into records: lines, optionally grouped by a start-of-record pattern. */

/** One record cut from a file. */
export interface RawRecord {
  /** Byte offset of its first byte. */
  offset: number;
  /** Byte offset just past its last newline. */
  endOffset: number;
  /** Text without the final newline (multi-line records keep their inner newlines). */
  text: string;
}

/** Result of {@link splitRecords}. */
export interface SplitResult {
  /** Complete records, in file order. */
  records: RawRecord[];
  /** Offset of the first byte not covered by `records` (the start of a held record or partial line). */
  consumedTo: number;
}

/**
 * Cuts `chunk` (read at file offset `base`) into complete lines; with `startPattern`, lines
 * that do not match it are appended to the previous record. The last record is held back
 * (not returned) unless `finalLast` says the data that follows cannot extend it.
 */
export function splitRecords(chunk: Buffer, base: number, startPattern: RegExp | undefined, finalLast: boolean): SplitResult {
  const lines: RawRecord[] = [];
  let pos = 0;
  for (;;) {
    const nl = chunk.indexOf(10, pos);
    if (nl < 0) break;
    let end = nl;
    if (end > pos && chunk[end - 1] === 13) end--;
    lines.push({ offset: base + pos, endOffset: base + nl + 1, text: chunk.toString('utf8', pos, end) });
    pos = nl + 1;
  }
  if (!startPattern) return { records: lines, consumedTo: base + pos };
  const records: RawRecord[] = [];
  let current: RawRecord | undefined;
  for (const line of lines) {
    if (current === undefined || startPattern.test(line.text)) {
      if (current) records.push(current);
      current = { ...line };
    } else {
      current.text += '\n' + line.text;
      current.endOffset = line.endOffset;
    }
  }
  if (current && finalLast) records.push(current);
  const consumedTo = records.length ? records[records.length - 1].endOffset : base;
  return { records, consumedTo };
}
