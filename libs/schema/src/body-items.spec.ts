import { countBodyItems } from './body-items';
import { normalizeBody } from './normalize-body';

describe('countBodyItems', () => {
  const ctx = { receivedAt: new Date('2026-06-01T00:00:00Z') };

  it('counts what normalizeBody would read: non-blank lines of text and NDJSON, items of a JSON array', () => {
    const bodies: Array<[string, 'json' | 'ndjson' | 'text']> = [
      ['a\n\n  \r\nb\r\nc', 'text'],
      ['\n{"message":"a"}\n\n{"message":"b"}\n', 'ndjson'],
      ['[{"message":"a,[]}"},"x, y",{"message":"b","n":[1,2,{"c":"]"}]}, "q\\"," ]', 'json'],
      ['{"message":"one","a":[1,2,3]}', 'json'],
    ];
    for (const [body, format] of bodies) {
      const { records, errors } = normalizeBody(body, format, ctx);
      expect(countBodyItems(body, format, 100)).toBe(records.length + errors.length);
    }
  });

  it('stops past the limit', () => {
    expect(countBodyItems('a\n'.repeat(1000), 'text', 10)).toBe(11);
    expect(countBodyItems(`[${'1,'.repeat(999)}1]`, 'json', 10)).toBe(11);
    expect(countBodyItems('a\nb', 'text', 2)).toBe(2);
  });
});
