import { canonicalTimestamp, formatTimestamp, parseTimestamp } from './timestamp';

const iso = (value: unknown, reference?: Date): string | undefined => {
  const d = parseTimestamp(value, reference ? { reference } : {});
  return d && formatTimestamp(d);
};

describe('parseTimestamp', () => {
  // Cases as data rows (input → expected); the same shape in other specs' tables is data, not repeated code.
  it.each([
    ['2024-06-01T12:00:00Z', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01T12:00:00.123456789Z', '2024-06-01T12:00:00.123Z'],
    ['2024-06-01T14:00:00+02:00', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01T07:30:00-0430', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01T12:00:00+05', '2024-06-01T07:00:00.000Z'],
    ['2024-06-01 12:00:00', '2024-06-01T12:00:00.000Z'],
    ['2015-10-18 18:01:47,978', '2015-10-18T18:01:47.978Z'],
    ['2024/06/01 12:00:00', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01T12:00', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
    ['2024-06-01 12:00:00 UTC', '2024-06-01T12:00:00.000Z'],
    ['01/Jun/2024:14:00:00 +0200', '2024-06-01T12:00:00.000Z'],
    ['Sat, 01 Jun 2024 12:00:00 GMT', '2024-06-01T12:00:00.000Z'],
    ['1 Jun 2024 13:00:00 +0100', '2024-06-01T12:00:00.000Z'],
    ['Sun Dec 04 04:47:44 2005', '2005-12-04T04:47:44.000Z'],
    ['081109 203615', '2008-11-09T20:36:15.000Z'],
    ['0050-03-01T00:00:00Z', '0050-03-01T00:00:00.000Z'],
    ['2024-02-29T23:59:59.999-00:30', '2024-03-01T00:29:59.999Z'],
  ])('reads %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads epoch seconds, milliseconds, microseconds and nanoseconds by magnitude', () => {
    expect(iso(1717243200)).toBe('2024-06-01T12:00:00.000Z');
    expect(iso(1717243200.5)).toBe('2024-06-01T12:00:00.500Z');
    expect(iso(1717243200123)).toBe('2024-06-01T12:00:00.123Z');
    expect(iso('1717243200123')).toBe('2024-06-01T12:00:00.123Z');
    expect(iso(1717243200123456)).toBe('2024-06-01T12:00:00.123Z');
    expect(iso('1717243200123456789')).toBe('2024-06-01T12:00:00.123Z');
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('gives syslog times the reference year, or the previous one when that would be in the future', () => {
    expect(iso('Jun 14 15:16:01', new Date('2026-11-22T00:00:00Z'))).toBe('2026-06-14T15:16:01.000Z');
    expect(iso('Dec 31 23:59:59', new Date('2027-01-01T00:00:10Z'))).toBe('2026-12-31T23:59:59.000Z');
    expect(iso('Jan  1 00:00:05', new Date('2027-01-01T00:00:10Z'))).toBe('2027-01-01T00:00:05.000Z');
  });

  it.each([
    ['yesterday'],
    [''],
    ['   '],
    ['2024-02-30T00:00:00Z'],
    ['2024-13-01T00:00:00Z'],
    ['2024-06-01T24:00:00Z'],
    ['2024-06-01T12:00:00+25:00'],
    ['2024-06-01T12:00:00 CEST'],
    ['31/Foo/2024:00:00:00 +0000'],
    [-5],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [true],
    [null],
    [{ seconds: 1 }],
  ])('rejects %p', (value) => {
    expect(parseTimestamp(value)).toBeUndefined();
  });
});

describe('canonicalTimestamp', () => {
  it.each([
    '2024-06-01T12:00:00.000Z',
    '2024-06-01T12:00:00Z',
    '2024-06-01T12:00:00.123456Z',
    '2024-06-01T14:00:00.000+02:00',
    '2016-12-31T23:59:60.000Z',
    '0050-03-01T00:00:00.000Z',
    '081109 203615',
    1717243200123,
    '1717243200',
  ])('gives what parse then format gives for %s', (value) => {
    expect(canonicalTimestamp(value)).toBe(iso(value));
  });

  it('returns canonical text as it is and refuses impossible dates written canonically', () => {
    const text = '2024-02-29T23:59:59.999Z';
    expect(canonicalTimestamp(text)).toBe(text);
    expect(canonicalTimestamp('2023-02-29T00:00:00.000Z')).toBeUndefined();
    expect(canonicalTimestamp('2024-06-01T24:00:00.000Z')).toBeUndefined();
  });
});

describe('formatTimestamp', () => {
  it('formats each time it is given, also when the same time comes again in another Date', () => {
    expect(formatTimestamp(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(formatTimestamp(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(formatTimestamp(new Date(1))).toBe('1970-01-01T00:00:00.001Z');
    expect(formatTimestamp(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});
