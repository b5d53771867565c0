import { ElasticError } from './errors';
import { assertIndexPrefix, dailyIndexName, dayOfIndex, expiredIndices, indexPattern } from './index-name';

describe('daily index names', () => {
  it('names the UTC day of the event time', () => {
    expect(dailyIndexName('logs-sentinel', '2024-06-01T23:59:59.999Z')).toBe('logs-sentinel-2024.06.01');
    expect(dailyIndexName('logs-sentinel', '2024-06-01T22:30:00-02:00')).toBe('logs-sentinel-2024.06.02');
    expect(dailyIndexName('x', new Date('0999-01-05T00:00:00Z'))).toBe('x-0999.01.05');
    expect(() => dailyIndexName('x', 'garbage')).toThrow(RangeError);
    expect(indexPattern('logs-sentinel')).toBe('logs-sentinel-*');
  });

  it('reads the day back from a name, and nothing from other names', () => {
    expect(dayOfIndex('logs-sentinel', 'logs-sentinel-2024.06.01')?.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(dayOfIndex('logs-sentinel', 'logs-sentinel-2024.02.30')).toBeUndefined();
    expect(dayOfIndex('logs-sentinel', 'logs-sentinel-archive')).toBeUndefined();
    expect(dayOfIndex('logs-sentinel', 'logs-other-2024.06.01')).toBeUndefined();
    expect(dayOfIndex('logs', 'logs-sentinel-2024.06.01')).toBeUndefined();
  });

  it('expires only whole days older than the retention', () => {
    const names = ['p-2024.05.01', 'p-2024.05.31', 'p-2024.06.01', 'p-2024.06.30', 'p-keep', 'q-2020.01.01'];
    expect(expiredIndices('p', names, 30, new Date('2024-07-01T12:00:00Z'))).toEqual(['p-2024.05.01', 'p-2024.05.31']);
    expect(expiredIndices('p', names, 30, new Date('2024-07-01T00:00:00Z'))).toEqual(['p-2024.05.01', 'p-2024.05.31']);
    expect(expiredIndices('p', names, 30, new Date('2024-06-30T23:59:59Z'))).toEqual(['p-2024.05.01']);
    expect(() => expiredIndices('p', names, 0, new Date())).toThrow(/retentionDays/);
  });

  it.each([
    ['', /empty/],
    ['Logs', /lower case/],
    ['logs*', /must not contain/],
    ['logs sentinel', /must not contain/],
    ['_logs', /must not start/],
    ['-logs', /must not start/],
    ['x'.repeat(201), /200 bytes/],
  ])('rejects the prefix %j', (prefix, message) => {
    expect(() => assertIndexPrefix(prefix)).toThrow(ElasticError);
    expect(() => assertIndexPrefix(prefix)).toThrow(message);
  });
});
