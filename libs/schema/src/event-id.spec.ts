import { validate, version } from 'uuid';
import { eventIdProblem, fileEventId, newEventId } from './event-id';

describe('event ids', () => {
  it('newEventId returns distinct, time-ordered UUIDv7s', () => {
    const ids = Array.from({ length: 1000 }, () => newEventId());
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('fileEventId is deterministic per file identity and offset', () => {
    const a = fileEventId('2049:131074', 0);
    expect(fileEventId('2049:131074', 0)).toBe(a);
    expect(version(a)).toBe(5);
    expect(fileEventId('2049:131074', 1)).not.toBe(a);
    expect(fileEventId('2049:131075', 0)).not.toBe(a);
    // no ambiguity between identity and offset digits
    expect(fileEventId('a1', 23)).not.toBe(fileEventId('a12', 3));
  });

  it('fileEventId rejects an empty identity and bad offsets', () => {
    expect(() => fileEventId('', 0)).toThrow(/fileIdentity/);
    expect(() => fileEventId('x', -1)).toThrow(/offset/);
    expect(() => fileEventId('x', 1.5)).toThrow(/offset/);
  });

  it('eventIdProblem accepts ordinary ids and names what is wrong with bad ones', () => {
    expect(eventIdProblem('req-42')).toBeUndefined();
    expect(eventIdProblem('')).toMatch(/empty/);
    expect(eventIdProblem('é'.repeat(300))).toMatch(/512 bytes/);
    // fuzz finding (issue 17): Elasticsearch stores a lone surrogate as U+FFFD, under another _id
    expect(eventIdProblem('a\ud907b')).toMatch(/lone surrogate/);
    expect(eventIdProblem('a\udc00')).toMatch(/lone surrogate/);
    expect(eventIdProblem('\ud83d\ude00 ok')).toBeUndefined();
  });
});
