import { DrainError } from './errors';
import { LogFormat } from './log-format';
import { SYSTEMS, loghubFormat, loghubLines, loghubStructured } from './test-data.spec-helper';

describe('LogFormat', () => {
  it.each(SYSTEMS)('%s: header fields and content equal the loghub ground truth for every line', (system) => {
    const format = LogFormat.compile(loghubFormat(system));
    const lines = loghubLines(system);
    const truth = loghubStructured(system);
    expect(truth).toHaveLength(lines.length);
    lines.forEach((line, i) => {
      const parsed = format.parse(line);
      expect(parsed.matched).toBe(true);
      expect(parsed.content).toBe(truth[i]!.Content!.trim());
    });
    expect(format.unmatched).toBe(0);
    expect(format.matched).toBe(lines.length);
  });

  it('parses HDFS header fields by name and tolerates CRLF', () => {
    const format = LogFormat.compile(loghubFormat('HDFS'));
    const line = loghubLines('HDFS')[0]!;
    const parsed = format.parse(`${line.replace(/\r$/, '')}\r\n`);
    expect(parsed.fields).toEqual({ Date: '081109', Time: '203615', Pid: '148', Level: 'INFO', Component: 'dfs.DataNode$PacketResponder' });
    expect(parsed.content).toBe('PacketResponder 1 for block blk_38865049064139660 terminating');
    expect(format.content(`${line}\r`)).toBe(parsed.content);
  });

  it('parses a line that does not match as whole-line content and counts it', () => {
    const format = LogFormat.compile(loghubFormat('HDFS'));
    const apache = loghubLines('Apache')[0]!; // a real line of another system
    expect(format.parse('')).toEqual({ content: '', fields: {}, matched: false });
    const parsed = format.parse(apache);
    expect(parsed).toEqual({ content: apache.trim(), fields: {}, matched: false });
    expect(format.unmatched).toBe(2);
    expect(format.matched).toBe(0);
  });

  it('bounds the work on a 1 MB line that does not match (no catastrophic backtracking)', () => {
    const format = LogFormat.compile(loghubFormat('HDFS'));
    const line = 'a '.repeat(512 * 1024);
    const t0 = Date.now();
    const parsed = format.parse(line);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(parsed.matched).toBe(false);
    expect(parsed.content.length).toBe(line.length - 1);
  });

  it('keeps a 1 MB content when the header matches', () => {
    const format = LogFormat.compile(loghubFormat('HDFS'));
    const line = `081109 203615 148 INFO dfs.DataNode: ${'x'.repeat(1 << 20)}`;
    expect(format.content(line)).toHaveLength(1 << 20);
  });

  it('supports formats whose content is not last', () => {
    const format = LogFormat.compile('<Level>: <Content> \\[<Thread>\\]');
    expect(format.parse('WARN: disk almost full [main]')).toEqual({ content: 'disk almost full', fields: { Level: 'WARN', Thread: 'main' }, matched: true });
  });

  it.each([
    ['', /empty/],
    ['<Date> <Time>', /no <Content> field/],
    ['<Date> <Content> <Date>', /appears twice/],
    ['<Da te> <Content>', /not a valid name/],
    ['(<Date> <Content>', /not a valid pattern/],
    ['<Date> <Time <Content>', /is unbalanced: a '<' without its closing '>' at character 8 /],
    ['<Date> <Time> <Content', /is unbalanced: a '<' without its closing '>' at character 15 /],
    ['<Date>> <Content>', /is unbalanced: a '>' without its opening '<' at character 7 /],
    ['<> <Content>', /is unbalanced: an empty field <> at character 1 /],
  ])('rejects the format %j with BAD_LOG_FORMAT', (text, message) => {
    let err: unknown;
    try {
      LogFormat.compile(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DrainError);
    expect((err as DrainError).code).toBe('BAD_LOG_FORMAT');
    expect((err as DrainError).message).toMatch(message);
  });
});
