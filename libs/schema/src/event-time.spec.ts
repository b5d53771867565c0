import { fromElasticDocument, toElasticDocument } from './elastic-document';
import { DEFAULT_MAX_EVENT_AGE_MS, MAX_EVENT_AHEAD_MS, windowEventTime } from './event-time';
import { normalizeNdjson } from './normalize-body';

const receivedAt = new Date('2026-12-01T12:00:00.000Z');
const at = (ms: number): string => new Date(receivedAt.getTime() + ms).toISOString();

function recordAt(timestamp: string) {
  const out = normalizeNdjson(JSON.stringify({ '@timestamp': timestamp, message: 'm' }), { receivedAt, newId: () => 'id-1' });
  expect(out.errors).toEqual([]);
  return out.records[0];
}

describe('event time window (issue 17, defect 4)', () => {
  it('defect 4 (index explosion): event times from year 0000 to 9999 outside [now - 30 d, now + 1 d] MUST be indexed by receipt time with the original in event.created', () => {
    for (const ts of ['0000-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', at(-DEFAULT_MAX_EVENT_AGE_MS - 1), at(MAX_EVENT_AHEAD_MS + 1), '9999-12-31T23:59:59.999Z']) {
      const r = recordAt(ts);
      expect(windowEventTime(r)).toBe(true);
      const doc = toElasticDocument(r);
      expect(doc['@timestamp']).toBe(receivedAt.toISOString());
      expect(doc.event.created).toBe(ts);
      expect(fromElasticDocument(doc).record.created).toBe(ts); // kept through re-scoring
    }
  });

  it('defect 4 (index explosion): event times inside the window, and records without one, MUST keep their @timestamp and get no event.created', () => {
    for (const ts of [at(-DEFAULT_MAX_EVENT_AGE_MS), at(0), at(MAX_EVENT_AHEAD_MS)]) {
      const r = recordAt(ts);
      expect(windowEventTime(r)).toBe(false);
      expect(toElasticDocument(r)).toMatchObject({ '@timestamp': ts });
      expect(toElasticDocument(r).event.created).toBeUndefined();
    }
    const bare = normalizeNdjson('{"message":"no time"}', { receivedAt }).records[0];
    expect(windowEventTime(bare)).toBe(false);
    expect(bare.created).toBeUndefined();
  });

  it('honours a shorter MAX_EVENT_AGE', () => {
    const r = recordAt(at(-2 * 3_600_000));
    expect(windowEventTime(r, 3_600_000)).toBe(true);
    expect(r.created).toBe(at(-2 * 3_600_000));
  });
});
