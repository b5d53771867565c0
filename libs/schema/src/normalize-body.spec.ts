import { bodyFormatOf, normalizeBody, normalizeJson, normalizeNdjson, normalizeText } from './normalize-body';
import type { NormalizeContext } from './record';

let n = 0;
const ctx: NormalizeContext = { receivedAt: new Date('2026-11-22T16:00:00.000Z'), newId: () => `id-${++n}` };

/** Matches a SchemaError with this code (and more fields when given). */
const schemaError = (code: string, more: object = {}): Error => expect.objectContaining({ name: 'SchemaError', code, ...more }) as Error;

describe('bodyFormatOf', () => {
  // Cases as data rows (input → expected); the same shape in other specs' tables is data, not repeated code.
  it.each([
    [undefined, 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/vnd.api+json', 'json'],
    ['application/x-ndjson', 'ndjson'],
    ['Application/NDJSON', 'ndjson'],
    ['application/jsonl', 'ndjson'],
    ['text/plain; charset=utf-8', 'text'],
  ])('%s → %s', (type, format) => {
    expect(bodyFormatOf(type)).toBe(format);
  });

  it('rejects other types with UNSUPPORTED_CONTENT_TYPE', () => {
    expect(() => bodyFormatOf('application/xml')).toThrow(schemaError('UNSUPPORTED_CONTENT_TYPE', { message: expect.stringMatching(/application\/xml/) }));
  });
});

describe('normalizeJson', () => {
  it('accepts one object', () => {
    const res = normalizeJson('{"timestamp":"2024-06-01T12:00:00Z","level":"INFO","message":"User login","source":"auth"}', ctx);
    expect(res.errors).toEqual([]);
    expect(res.records.map((r) => r.message)).toEqual(['User login']);
  });

  it('accepts an array mixing shapes and bare strings, and reports bad items by index', () => {
    const body = JSON.stringify([
      { timestamp: '2024-06-01T12:00:00Z', level: 'INFO', message: 'User login', source: 'auth' },
      { '@timestamp': 'not a time', message: 'x' },
      'Jun  1 12:01:00 host sshd[22]: Failed password for root',
      42,
      { 'log.level': 'error', 'service.name': 'pay' },
    ]);
    const res = normalizeJson(body, ctx);
    expect(res.records.map((r) => r.message)).toEqual(['User login', 'Jun  1 12:01:00 host sshd[22]: Failed password for root']);
    expect(res.errors).toEqual([
      { index: 1, field: '@timestamp', reason: expect.stringMatching(/unparseable timestamp "not a time"/) },
      { index: 3, field: '(item)', reason: 'must be a JSON object, got number 42' },
      { index: 4, field: 'message', reason: expect.stringMatching(/required/) },
    ]);
  });

  it.each([
    ['{"message": "x"', 'INVALID_JSON'],
    ['', 'INVALID_JSON'],
    ['[]', 'INVALID_BODY'],
    ['"a string"', 'INVALID_BODY'],
    ['12', 'INVALID_BODY'],
    ['null', 'INVALID_BODY'],
  ])('throws for body %j (%s)', (body, code) => {
    expect(() => normalizeJson(body, ctx)).toThrow(schemaError(code));
  });
});

describe('normalizeNdjson', () => {
  it('reads one object per line, skips blank lines, reports bad lines by line number', () => {
    const body = [
      '{"@timestamp":"2024-06-01T12:00:00Z","message":"a","log":{"level":"info"}}',
      '',
      '{"message":"b"',
      '["not", "an object"]',
      '{"msg":"c","level":40,"time":1717243200}\r',
      '',
    ].join('\n');
    const res = normalizeNdjson(body, ctx);
    expect(res.records.map((r) => [r.message, r.level, r.original])).toEqual([
      ['a', 'info', '{"@timestamp":"2024-06-01T12:00:00Z","message":"a","log":{"level":"info"}}'],
      ['c', 'warn', '{"msg":"c","level":40,"time":1717243200}'],
    ]);
    expect(res.errors).toEqual([
      { index: 2, field: '(line)', reason: expect.stringMatching(/^is not valid JSON/) },
      { index: 3, field: '(item)', reason: 'must be a JSON object, got an array' },
    ]);
  });

  it('throws INVALID_BODY when there is no record at all', () => {
    expect(() => normalizeNdjson('\n \n', ctx)).toThrow(schemaError('INVALID_BODY'));
  });
});

describe('normalizeText', () => {
  it('makes one record per non-blank line (LF or CRLF) with distinct ids', () => {
    const res = normalizeText('2024-06-01 12:00:00 INFO started\r\n\r\n2024-06-01 12:00:01 ERROR crashed\n', ctx);
    expect(res.errors).toEqual([]);
    expect(res.records.map((r) => [r.message, r.level, r.timestamp])).toEqual([
      ['2024-06-01 12:00:00 INFO started', 'INFO', '2024-06-01T12:00:00.000Z'],
      ['2024-06-01 12:00:01 ERROR crashed', 'ERROR', '2024-06-01T12:00:01.000Z'],
    ]);
    expect(new Set(res.records.map((r) => r.id)).size).toBe(2);
  });

  it('gives two identical lines two events', () => {
    const res = normalizeText('same line\nsame line', ctx);
    expect(res.records).toHaveLength(2);
    expect(res.records[0]!.id).not.toBe(res.records[1]!.id);
  });

  it('throws INVALID_BODY for a blank body', () => {
    expect(() => normalizeText(' \r\n', ctx)).toThrow(schemaError('INVALID_BODY'));
  });
});

describe('normalizeBody', () => {
  it('dispatches by format', () => {
    expect(normalizeBody('{"message":"x"}', 'json', ctx).records).toHaveLength(1);
    expect(normalizeBody('{"message":"x"}\n{"message":"y"}', 'ndjson', ctx).records).toHaveLength(2);
    expect(normalizeBody('{"message":"x"}', 'text', ctx).records[0]!.message).toBe('{"message":"x"}');
  });
});

describe('nesting limit (issue 17, defects 2 and 7)', () => {
  const deep = (levels: number): string => '{"message":"deep","a":' + '['.repeat(levels) + ']'.repeat(levels) + '}';

  it('defect 7 (deep JSON): an NDJSON item nested 6,000 levels MUST be rejected with its index and reason while its neighbours are accepted', () => {
    const body = ['{"message":"before"}', deep(6000), '{"message":"after"}'].join('\n');
    const out = normalizeNdjson(body, ctx);
    expect(out.records.map((r) => r.message)).toEqual(['before', 'after']);
    expect(out.errors).toEqual([{ index: 1, field: '(item)', reason: 'is nested deeper than 64 levels' }]);
  });

  it('defect 7 (deep JSON): a JSON array item nested 6,000 levels MUST be rejected alone; 63 levels are accepted', () => {
    const out = normalizeJson(`[${deep(62)},${deep(6000)},{"message":"ok"}]`, ctx);
    expect(out.records.map((r) => r.message)).toEqual(['deep', 'ok']);
    expect(out.errors.map((e) => e.index)).toEqual([1]);
  });
});

describe('item indices of records', () => {
  it('gives each record the index its item has in rejections (blank lines skipped, rejected items left out)', () => {
    expect(normalizeNdjson('{"message":"a"}\n\nnot json\n{"message":"b"}\n', ctx).indices).toEqual([0, 3]);
    expect(normalizeText('a\n\n  \nb\r\nc', ctx).indices).toEqual([0, 3, 4]);
    expect(normalizeJson('[{"message":"a"},7,"line",{"message":"b"}]', ctx).indices).toEqual([0, 2, 3]);
    expect(normalizeJson('{"message":"one"}', ctx).indices).toEqual([0]);
  });
});
