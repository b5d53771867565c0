import { ConsoleQueryError, bucketStarts, niceStep, parseDuration, parsePatternsQuery, parseKind, parseSince, parseTime, requireParam } from './query';

const NOW = Date.parse('2026-06-01T12:34:56.789Z');

describe('parsePatternsQuery', () => {
  it('defaults to the last hour in 1-minute buckets aligned to the step', () => {
    const q = parsePatternsQuery({}, NOW);
    expect(q.stepMs).toBe(60_000);
    expect(q.endMs).toBe(NOW);
    expect(q.startMs).toBe(Date.parse('2026-06-01T11:34:00Z'));
    expect(bucketStarts(q)).toHaveLength(61);
    expect(q.limit).toBe(100);
    expect(q.search).toBeUndefined();
  });

  it('takes start/end as RFC 3339 or unix seconds, since as a duration, step rounded up to 10 s', () => {
    const q = parsePatternsQuery({ start: '2026-06-01T12:00:00Z', end: String(Date.parse('2026-06-01T12:05:00Z') / 1000), step: '15s', q: ' block ' }, NOW);
    expect(q).toEqual({ startMs: Date.parse('2026-06-01T12:00:00Z'), endMs: Date.parse('2026-06-01T12:05:00Z'), stepMs: 20_000, search: 'block', limit: 100 });
    expect(parsePatternsQuery({ since: '5m', step: '1m' }, NOW).startMs).toBe(Date.parse('2026-06-01T12:29:00Z'));
  });

  it.each([
    [{ start: 'yesterday' }, /start must be an RFC 3339 time/],
    [{ step: 'fast' }, /step must be a duration/],
    [{ since: '1h', start: '2026-06-01T12:00:00Z' }, /start or since, not both/],
    [{ start: '2026-06-01T13:00:00Z' }, /start must be before end/],
    [{ since: '30d', step: '10s' }, /at most 1000/],
    [{ limit: '0' }, /limit must be an integer in 1..1000/],
    [{ limit: ['1', '2'] }, /limit must be given once/],
  ])('refuses %j with a message naming the parameter', (query, message) => {
    expect(() => parsePatternsQuery(query, NOW)).toThrow(ConsoleQueryError);
    expect(() => parsePatternsQuery(query, NOW)).toThrow(message);
  });
});

describe('durations and times', () => {
  it('parses units and plain seconds', () => {
    expect([parseDuration('d', '250ms'), parseDuration('d', '30'), parseDuration('d', '2m'), parseDuration('d', '1h'), parseDuration('d', '1d')]).toEqual([250, 30_000, 120_000, 3_600_000, 86_400_000]);
    expect(parseTime('t', '1780000000.5')).toBe(1_780_000_000_500);
  });

  it('picks round steps', () => {
    expect([niceStep(1), niceStep(45_000), niceStep(100_000), niceStep(2 * 86_400_000 + 1)]).toEqual([10_000, 60_000, 120_000, 3 * 86_400_000]);
  });
});

describe('parseSince and requireParam', () => {
  it('takes a time or a duration back from now', () => {
    expect(parseSince({ since: '15m' }, NOW)?.getTime()).toBe(NOW - 900_000);
    expect(parseSince({ since: '2026-06-01T00:00:00Z' }, NOW)?.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(parseSince({}, NOW)).toBeUndefined();
    expect(() => parseSince({ since: 'soon' }, NOW)).toThrow(/since must be an RFC 3339 time/);
  });

  it('takes kind record or session', () => {
    expect([parseKind({}), parseKind({ kind: 'record' }), parseKind({ kind: 'session' })]).toEqual([undefined, 'record', 'session']);
    expect(() => parseKind({ kind: 'line' })).toThrow('kind must be "record" or "session", got "line"');
  });

  it('names a missing parameter', () => {
    expect(() => requireParam({}, 'group')).toThrow('group is required');
    expect(requireParam({ group: '' }, 'group', true)).toBe('');
  });
});
