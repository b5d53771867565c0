/** Consistent-hash ring and routing key (docs/collector.md, "Several detectors", R1–R3). */
import { HashRing, HashRingError, hash32 } from './hash-ring';
import { routingKey } from './routing-key';

const keys = Array.from({ length: 20_000 }, (_, i) => `session-${i}`);
const owners = (ring: HashRing): string[] => keys.map((k) => ring.owner(k));

describe('HashRing', () => {
  it('R1: a session key MUST always map to the same detector, whatever the order the addresses are listed in', () => {
    const a = new HashRing(['10.0.0.1:50051', '10.0.0.2:50051', '10.0.0.3:50051']);
    const b = new HashRing(['10.0.0.3:50051', '10.0.0.1:50051', '10.0.0.2:50051']);
    const first = owners(a);
    expect(owners(a)).toEqual(first);
    expect(owners(b)).toEqual(first);
    expect(hash32('session-1')).toBe(hash32('session-1'));
    expect(hash32('session-1')).not.toBe(hash32('session-2'));
  });

  it('spreads keys evenly over the detectors (within 15% of a fair share)', () => {
    const nodes = ['a:1', 'b:1', 'c:1', 'd:1'];
    const counts = new Map<string, number>();
    for (const o of owners(new HashRing(nodes))) counts.set(o, (counts.get(o) ?? 0) + 1);
    const fair = keys.length / nodes.length;
    for (const n of nodes) expect(Math.abs((counts.get(n) ?? 0) - fair) / fair).toBeLessThan(0.15);
  });

  it('R2: adding a detector MUST move only keys to the new detector, about 1/N of them', () => {
    const before = owners(new HashRing(['a:1', 'b:1', 'c:1']));
    const after = owners(new HashRing(['a:1', 'b:1', 'c:1', 'd:1']));
    let moved = 0;
    before.forEach((o, i) => {
      if (after[i] !== o) {
        moved++;
        expect(after[i]).toBe('d:1');
      }
    });
    expect(moved / keys.length).toBeGreaterThan(0.25 * 0.8);
    expect(moved / keys.length).toBeLessThan(0.25 * 1.2);
  });

  it('removing a detector moves only its own keys', () => {
    const before = owners(new HashRing(['a:1', 'b:1', 'c:1']));
    const after = owners(new HashRing(['a:1', 'c:1']));
    before.forEach((o, i) => {
      if (o !== 'b:1') expect(after[i]).toBe(o);
    });
  });

  it('refuses no nodes, duplicates and a bad virtual node count', () => {
    expect(() => new HashRing([])).toThrow(HashRingError);
    expect(() => new HashRing(['a:1', 'a:1'])).toThrow(/duplicate/);
    expect(() => new HashRing(['a:1'], 0)).toThrow(/virtualNodes/);
  });
});

describe('routingKey', () => {
  it('R3: the routing key MUST be the session id when given, else the service+host stream named as the detector names it', () => {
    expect(routingKey({ sessionId: 'blk_1', service: 'hdfs', host: 'n1' })).toBe('blk_1');
    expect(routingKey({ service: 'hdfs', host: 'n1' })).toBe('stream:hdfs|n1');
    expect(routingKey({ sessionId: '', service: 'hdfs' })).toBe('stream:hdfs|');
    expect(routingKey({})).toBe('stream:|');
  });
});
