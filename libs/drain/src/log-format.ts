/**
 * Header parsing with logparser-style formats, e.g. `<Date> <Time> <Pid> <Level> <Component>: <Content>`:
 * `<Name>` is a field, text between fields is a regular-expression fragment in which runs of
 * spaces match any whitespace. A line that does not match keeps the whole line as content.
 */
import { DrainError } from './errors';

/** One log line split into header fields and content. */
export interface ParsedLine {
  /** The message part that is clustered (the whole line when the header did not match). */
  content: string;
  /** Header fields by name (without `Content`); empty when the header did not match. */
  fields: Record<string, string>;
  /** Whether the line matched the header format. */
  matched: boolean;
}

/** Header text examined when the content is the last field; longer headers do not match. */
export const MAX_HEADER_CHARS = 320;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A compiled header format. Construct with {@link LogFormat.compile}. */
export class LogFormat {
  /** Lines that matched so far. */
  matched = 0;
  /** Lines that did not match (parsed as whole-line content) so far. */
  unmatched = 0;
  /**
   * After {@link LogFormat.content}: the content returned lies in the line between
   * `contentFrom` and `contentTo` with only whitespace around it; -1 when not known.
   */
  contentFrom = -1;
  /** See {@link LogFormat.contentFrom}. */
  contentTo = -1;

  private constructor(
    /** The format text as given. */
    readonly format: string,
    /** Field names in order, including `Content`. */
    readonly fieldNames: string[],
    private readonly header: RegExp | undefined,
    private readonly full: RegExp,
  ) {
    // The same header pattern without named groups: exec() then allocates no groups object.
    // Sticky, so test() leaves the header's end in lastIndex without allocating a match array.
    this.bareHeader = header === undefined ? undefined : new RegExp(header.source.replace(/\(\?<[A-Za-z_][A-Za-z0-9_]*>/g, '(?:'), 'y');
  }

  private readonly bareHeader: RegExp | undefined;

  /** Compiles a format; throws DrainError('BAD_LOG_FORMAT') naming the problem. */
  static compile(format: string): LogFormat {
    if (typeof format !== 'string' || format.trim() === '') throw new DrainError('BAD_LOG_FORMAT', 'log format is empty');
    const parts = format.split(/(<[^<>]+>)/);
    const names: string[] = [];
    let regex = '';
    let offset = 0;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      offset += part.length;
      if (k % 2 === 0) {
        const stray = part.search(/[<>]/);
        if (stray >= 0) throw unbalanced(format, offset - part.length + stray);
        regex += part.replace(/ +/g, '\\s+');
        continue;
      }
      const name = part.slice(1, -1).trim();
      if (!FIELD_NAME.test(name)) throw new DrainError('BAD_LOG_FORMAT', `log format field <${name}> is not a valid name (letters, digits, _)`);
      if (names.includes(name)) throw new DrainError('BAD_LOG_FORMAT', `log format field <${name}> appears twice`);
      names.push(name);
      // A field followed by bare whitespace and another field holds no whitespace: keeps backtracking linear on lines
      // that do not match (a lazy `.*?` there is polynomial in the number of spaces).
      const spaceNext = /^ +$/.test(parts[k + 1] ?? '') && k + 2 < parts.length;
      regex += name === 'Content' ? '(?<Content>[\\s\\S]*?)' : spaceNext ? `(?<${name}>\\S*)` : `(?<${name}>.*?)`;
    }
    if (!names.includes('Content')) throw new DrainError('BAD_LOG_FORMAT', `log format "${format}" has no <Content> field (the message part that is clustered)`);
    let full: RegExp;
    try {
      full = new RegExp(`^${regex}$`);
    } catch (err) {
      throw new DrainError('BAD_LOG_FORMAT', `log format "${format}" is not a valid pattern: ${(err as Error).message}`, { cause: err });
    }
    // When <Content> ends the format, match only the header (bounded text) and take the rest as content.
    let header: RegExp | undefined;
    const last = parts.length - 1;
    if (parts[last] === '' && parts[last - 1] === '<Content>') {
      header = new RegExp(`^${regex.slice(0, regex.length - '(?<Content>[\\s\\S]*?)'.length)}`);
    }
    return new LogFormat(format, names, header, full);
  }

  /** Splits a line (trailing CR/LF tolerated) into fields and content, counting matches. */
  parse(line: string): ParsedLine {
    const text = stripEol(line);
    const m = this.exec(text);
    if (m === undefined) {
      this.unmatched++;
      return { content: text.trim(), fields: {}, matched: false };
    }
    this.matched++;
    const fields: Record<string, string> = {};
    for (const name of this.fieldNames) if (name !== 'Content') fields[name] = m.groups?.[name] ?? '';
    return { content: m.content.trim(), fields, matched: true };
  }

  /** Just the content of a line (as {@link LogFormat.parse} would return it), counting matches. */
  content(line: string): string {
    if (this.bareHeader !== undefined) {
      // No copy without the line end: trim() drops it, unless the header itself reached into it.
      let end = line.length;
      while (end > 0 && (line.charCodeAt(end - 1) === 13 || line.charCodeAt(end - 1) === 10)) end--;
      const re = this.bareHeader;
      re.lastIndex = 0;
      let ok = re.test(line.length > MAX_HEADER_CHARS ? line.slice(0, MAX_HEADER_CHARS) : line);
      if (ok && re.lastIndex > end) {
        re.lastIndex = 0;
        ok = re.test(line.slice(0, Math.min(end, MAX_HEADER_CHARS)));
      }
      this.contentTo = end;
      if (!ok) {
        this.unmatched++;
        this.contentFrom = 0;
        return line.slice(0, end).trim();
      }
      this.matched++;
      this.contentFrom = re.lastIndex;
      return line.slice(re.lastIndex, end).trim();
    }
    this.contentFrom = -1;
    this.contentTo = -1;
    const text = stripEol(line);
    const m = this.exec(text);
    if (m === undefined) {
      this.unmatched++;
      return text.trim();
    }
    this.matched++;
    return m.content.trim();
  }

  private exec(text: string): { groups: Record<string, string | undefined> | undefined; content: string } | undefined {
    if (this.header !== undefined) {
      const m = this.header.exec(text.length > MAX_HEADER_CHARS ? text.slice(0, MAX_HEADER_CHARS) : text);
      return m === null ? undefined : { groups: m.groups, content: text.slice(m[0].length) };
    }
    if (text.length > MAX_HEADER_CHARS * 64) return undefined;
    const m = this.full.exec(text);
    return m === null ? undefined : { groups: m.groups, content: m.groups?.Content ?? '' };
  }
}

/** The error for a `<` or `>` (at 0-based `index`) that does not belong to a `<Name>` field. */
function unbalanced(format: string, index: number): DrainError {
  const ch = format[index]!;
  const what = format.startsWith('<>', index) ? 'an empty field <>' : ch === '<' ? "a '<' without its closing '>'" : "a '>' without its opening '<'";
  return new DrainError('BAD_LOG_FORMAT', `log format "${format}" is unbalanced: ${what} at character ${index + 1} (fields are written <Name>)`);
}

function stripEol(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 13 && c !== 10) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}
