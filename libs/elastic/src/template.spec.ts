import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checksumOf, loadIndexTemplate } from './template';

describe('loadIndexTemplate', () => {
  it('aims the repository template at the prefix with a stable checksum', () => {
    const a = loadIndexTemplate('logs-sentinel');
    expect(a.index_patterns).toEqual(['logs-sentinel-*']);
    expect(a.priority).toBeGreaterThan(100);
    expect(a._meta['checksum']).toMatch(/^[0-9a-f]{64}$/);
    expect(loadIndexTemplate('logs-sentinel')._meta['checksum']).toBe(a._meta['checksum']);
    expect(loadIndexTemplate('other')._meta['checksum']).not.toBe(a._meta['checksum']);
  });

  it('maps the contract fields with the types DESIGN.md names', () => {
    const props = loadIndexTemplate('p').template.mappings['properties'] as Record<string, { type?: string; properties?: Record<string, { type?: string }> }>;
    expect(props['@timestamp']!.type).toBe('date');
    expect(props['anomaly']!.properties!['is_anomaly']!.type).toBe('boolean');
    expect(props['anomaly']!.properties!['score']!.type).toBe('float');
    expect(props['anomaly']!.properties!['reasons']!.type).toBe('keyword');
    expect(props['event']!.properties!['ingested']!.type).toBe('date');
    expect(props['labels']!.type).toBe('flattened');
  });

  it('names the file when it is missing or malformed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-template-'));
    expect(() => loadIndexTemplate('p', path.join(dir, 'missing.json'))).toThrow(/cannot read index template .*missing\.json/);
    writeFileSync(path.join(dir, 'bad.json'), '{"template": {}}');
    expect(() => loadIndexTemplate('p', path.join(dir, 'bad.json'))).toThrow(/has no template\.mappings/);
    expect(() => loadIndexTemplate('BAD')).toThrow(/lower case/);
  });
});

describe('checksumOf', () => {
  it('ignores key order but not values', () => {
    expect(checksumOf({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(checksumOf({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(checksumOf({ a: [1, 2] })).not.toBe(checksumOf({ a: [2, 1] }));
  });
});
