import { DetectorError } from './errors';
import { validateRecords } from './limits';

describe('validateRecords', () => {
  const limits = { maxRecordsPerRequest: 2, maxMessageBytes: 16 };
  const code = (f: () => void): string | undefined => {
    try {
      f();
    } catch (err) {
      return (err as DetectorError).code;
    }
    return undefined;
  };
  it('accepts a valid batch', () => {
    expect(code(() => validateRecords([{ id: 'a', message: 'ok' }], limits))).toBeUndefined();
  });
  it('defect 14 (limit status): rejects too many records and oversized messages as INVALID_ARGUMENT, as docs/api.md says', () => {
    const r = { id: 'a', message: 'x' };
    expect(code(() => validateRecords([r, r, r], limits))).toBe('INVALID_ARGUMENT');
    expect(code(() => validateRecords([{ id: 'a', message: 'é'.repeat(9) }], limits))).toBe('INVALID_ARGUMENT');
  });
  it('rejects empty messages and bad timestamps as INVALID_ARGUMENT naming the record', () => {
    expect(() => validateRecords([{ id: 'a', message: ' ' }], limits)).toThrow(/records\[0\].*empty/);
    expect(code(() => validateRecords([{ id: 'a', message: 'x', timestampMs: NaN }], limits))).toBe('INVALID_ARGUMENT');
  });
  it('defect 10 (unbounded learning buffer): a session id past 256 characters is INVALID_ARGUMENT naming the record', () => {
    expect(() => validateRecords([{ id: 'a', message: 'x', sessionId: 's'.repeat(257) }], limits)).toThrow(/records\[0\].*session id is 257 characters/);
    expect(code(() => validateRecords([{ id: 'a', message: 'x', sessionId: 's'.repeat(256) }], limits))).toBeUndefined();
  });
});
