import { DrainError } from './errors';
import { LogFormat } from './log-format';
import { TemplateMiner } from './template-miner';
import { SYSTEMS, loghubFormat, loghubLines } from './test-data.spec-helper';

function contents(system: string, n?: number): string[] {
  const format = LogFormat.compile(loghubFormat(system));
  return loghubLines(system)
    .slice(0, n)
    .map((l) => format.content(l));
}

describe('TemplateMiner', () => {
  it('mines the HDFS templates and extracts parameters from real lines', () => {
    const miner = new TemplateMiner();
    const [first, second, third] = contents('HDFS', 3).map((c) => miner.add(c));
    expect(first!.change).toBe('created');
    expect(first!.cluster.template).toBe('PacketResponder <*> for block <*> terminating');
    expect(first!.params).toEqual(['1', 'blk_38865049064139660']);
    expect(second!.change).toBe('none');
    expect(second!.cluster.templateId).toBe(first!.cluster.templateId);
    expect(second!.params).toEqual(['0', 'blk_-6952295868487656571']);
    expect(third!.cluster.template).toBe('BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*> size <*>');
    expect(third!.params).toEqual(['10.251.73.220:50010', 'blk_7128370237687728475', '67108864']);
    for (const c of contents('HDFS')) miner.add(c);
    expect(miner.stats()).toEqual({ clusters: 14, evicted: 0, messages: 2003 });
  });

  it('keeps the template id stable while the template generalises', () => {
    const miner = new TemplateMiner();
    // Real OpenSSH lines: the user name is a word, so the first template holds it as a constant.
    const lines = contents('OpenSSH').filter((c) => c.startsWith('pam_unix(sshd:session): session opened for user'));
    const a = miner.add('pam_unix(sshd:session): session opened for user root by (uid=0)');
    const b = miner.add('pam_unix(sshd:session): session opened for user fztu by (uid=0)');
    expect(a.change).toBe('created');
    expect(b.change).toBe('updated');
    expect(b.cluster.id).toBe(a.cluster.id);
    expect(b.cluster.templateId).toBe(a.cluster.templateId);
    expect(b.cluster.template).toBe('pam_unix(sshd:session): session opened for user <*> by (uid=<*>)');
    expect(b.params).toEqual(['fztu', '0']);
    for (const l of lines) expect(miner.add(l).cluster.id).toBe(a.cluster.id);
  });

  it('gives variable-length variants of one message one template id', () => {
    const miner = new TemplateMiner();
    const format = LogFormat.compile(loghubFormat('Proxifier'));
    const close = loghubLines('Proxifier')
      .map((l) => format.content(l))
      .filter((c) => / close, /.test(c));
    const ids = new Set(close.map((c) => miner.add(c).cluster.templateId));
    expect(close.length).toBeGreaterThan(900);
    expect(ids.size).toBe(1);
    expect(miner.stats().clusters).toBeGreaterThan(1);
  });

  it('match() finds templates without learning', () => {
    const miner = new TemplateMiner();
    const lines = contents('OpenSSH', 500);
    for (const c of lines) miner.add(c);
    const before = JSON.stringify(miner.snapshot());
    const hit = miner.match('Invalid user admin from 1.2.3.4');
    expect(hit?.cluster.template).toBe('Invalid user <*> from <*>');
    expect(hit?.params).toEqual(['admin', '1.2.3.4']);
    expect(miner.match('a message never seen before at all')).toBeUndefined();
    expect(JSON.stringify(miner.snapshot())).toBe(before);
  });

  it('bounds the clusters with an LRU and counts evictions', () => {
    const miner = new TemplateMiner({ maxClusters: 2 });
    const a = miner.add('alpha one');
    miner.add('beta two three');
    miner.add('alpha one'); // alpha is now the most recently used
    miner.add('gamma four five six');
    expect(miner.stats()).toEqual({ clusters: 2, evicted: 1, messages: 4 });
    expect(miner.get(a.cluster.id)?.size).toBe(2);
    expect(miner.clusters().map((c) => c.template)).toEqual(['alpha one', 'gamma four five six']);
    expect(miner.match('beta two three')).toBeUndefined();
  });

  it('snapshot/restore round-trips: a restored miner continues exactly like the original', () => {
    const lines = contents('Hadoop');
    const original = new TemplateMiner({ maxClusters: 60 });
    for (const c of lines.slice(0, 1000)) original.add(c);
    const json = JSON.stringify(original.snapshot());
    const restored = TemplateMiner.restore(json);
    expect(JSON.stringify(restored.snapshot())).toBe(json);
    expect(restored.options).toEqual(original.options);
    for (const c of lines.slice(1000)) {
      const x = original.add(c);
      const y = restored.add(c);
      expect(y.cluster.templateId).toBe(x.cluster.templateId);
      expect(y.cluster.template).toBe(x.cluster.template);
      expect(y.change).toBe(x.change);
      expect(y.params).toEqual(x.params);
    }
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(original.snapshot()));
    expect(restored.stats()).toEqual(original.stats());
  });

  it.each([
    ['not JSON', '{nope', /not valid JSON/],
    ['another format', { format: 'x', version: 1 }, /format/],
    ['a future version', { format: 'log-sentinel.drain', version: 99 }, /unsupported version 99/],
  ])('restore rejects %s with BAD_SNAPSHOT', (_name, data, message) => {
    expect(() => TemplateMiner.restore(data)).toThrow(message);
    try {
      TemplateMiner.restore(data);
    } catch (err) {
      expect(err).toBeInstanceOf(DrainError);
      expect((err as DrainError).code).toBe('BAD_SNAPSHOT');
    }
  });

  it('restore rejects a snapshot whose tree names an unknown cluster', () => {
    const miner = new TemplateMiner();
    for (const c of contents('HDFS', 20)) miner.add(c);
    const snap = miner.snapshot();
    snap.clusters.pop();
    expect(() => TemplateMiner.restore(snap)).toThrow(/unknown cluster/);
  });

  it('rejects bad options with BAD_OPTION naming the option', () => {
    expect(() => new TemplateMiner({ simThreshold: 0 })).toThrow(/simThreshold/);
    expect(() => new TemplateMiner({ depth: 2 })).toThrow(/depth/);
    expect(() => new TemplateMiner({ extraMasks: [{ pattern: '(' }] })).toThrow(/extraMasks\[0\]/);
    expect(() => new TemplateMiner({ nope: 1 } as never)).toThrow(/unknown option nope/);
  });

  // docs/drain.md: "`plain` MUST be true only when every parameter is printable ASCII without `"` or `\`".
  it('plain MUST be true only when every parameter is printable ASCII without `"` or `\\`', () => {
    const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
    const odd = [
      'user José logged in 12 times',
      'path C:\\tmp\\x 12 opened',
      'said "hello there" 12 times',
      "said 'hi' to 12 people",
      'tab\tinside 12 and\u0001control 13',
      'sentinel \ue000 in the input 12',
      'DEL \u007f char 12',
      'opts: {a: 1} tags=[x, y] 12',
    ];
    const options = [{}, { enabledRules: ['singleQuoted' as const] }, { maxTokens: 3 }, { extraMasks: [{ pattern: '\\d+', maskWith: 'NUM' }] }];
    let plain = 0;
    let notPlain = 0;
    for (const o of options) {
      const miner = new TemplateMiner(o);
      const messages = [...SYSTEMS.flatMap((s) => contents(s, 300)), ...odd, ...odd.map((l) => `x ${l} y`)];
      for (const m of messages) {
        const r = miner.add(m);
        if (r.plain) {
          plain++;
          for (const p of r.params) expect(p).toMatch(PLAIN);
        } else notPlain++;
      }
    }
    expect(plain).toBeGreaterThan(5_000); // most real messages are plain: the flag saves parse its scan
    expect(notPlain).toBeGreaterThan(32);
    const miner = new TemplateMiner();
    expect(miner.add('login 12 ok').plain).toBe(true);
    expect(miner.add('login 13 ok').plain).toBe(true);
    expect(miner.add('login 1é ok').plain).toBe(false);
    expect(miner.add('login "a b" ok').plain).toBe(false);
  });

  describe('bad input', () => {
    it('handles empty messages as one empty template', () => {
      const miner = new TemplateMiner();
      const a = miner.add('');
      const b = miner.add('   ');
      expect(a.cluster.template).toBe('');
      expect(b.cluster.id).toBe(a.cluster.id);
      expect(b.params).toEqual([]);
    });

    it('handles invalid UTF-8 and binary bytes', () => {
      const miner = new TemplateMiner();
      const text = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x20, 0xc3, 0x28, 0x20, 0x07, 0x1b, 0x5b, 0x31, 0x6d, 0xe0, 0x80]).toString('utf8');
      const r = miner.add(text);
      expect(r.cluster.template.length).toBeGreaterThan(0);
      expect(miner.add(text).cluster.id).toBe(r.cluster.id);
      expect(miner.add('\ue000 private use \ue000 chars').params).toEqual([]);
    });

    it('bounds the token count of a 1 MB line and keeps its text as the last parameter', () => {
      const miner = new TemplateMiner();
      const line = 'word '.repeat(200 * 1024); // ~1 MB, 204,800 tokens
      const t0 = Date.now();
      const r = miner.add(line);
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(r.cluster.template.split(' ')).toHaveLength(miner.options.maxTokens);
      expect(r.params).toHaveLength(1);
      expect(r.params[0]!.length).toBeGreaterThan(1_000_000 - 256 * 5);
      expect(miner.add(line).cluster.id).toBe(r.cluster.id);
    });
  });
});
