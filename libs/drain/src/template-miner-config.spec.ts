/** Drain3-like configuration of the template miner on real log lines: typed masks, rules, delimiters, old snapshots. */
import { DrainError } from './errors';
import { LogFormat } from './log-format';
import { TemplateMiner } from './template-miner';
import { loghubFormat, loghubLines } from './test-data.spec-helper';

const IP = { pattern: '\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b', maskWith: 'IP' };

function contents(system: string): string[] {
  const format = LogFormat.compile(loghubFormat(system));
  return loghubLines(system).map((l) => format.content(l));
}

describe('TemplateMiner configuration', () => {
  it('a named mask extends the generic masks: <IP> stays typed in the template and in match()', () => {
    const miner = new TemplateMiner({ extraMasks: [IP] });
    const failed = contents('OpenSSH').filter((c) => c.startsWith('Failed password for root from'));
    for (const c of failed) miner.add(c);
    const r = miner.match(failed[0]!);
    // `ssh2` holds a digit: a value, collapsed with the port into one parameter.
    expect(r?.cluster.template).toBe('Failed password for root from <IP> port <*>');
    expect(r?.params).toEqual([failed[0]!.split(' ')[5], failed[0]!.split(' ').slice(7).join(' ')]);
    // A word where the template holds <IP> is not an IP: no match, unlike the untyped <*>.
    expect(miner.match('Failed password for root from somewhere port 22 ssh2')).toBeUndefined();
    const untyped = new TemplateMiner();
    for (const c of failed) untyped.add(c);
    expect(untyped.match('Failed password for root from somewhere port 22 ssh2')?.cluster.template).toBe('Failed password for root from <*> port <*>');
    expect(miner.extractParameters('Failed password for root from <IP> port <*>', failed[0]!, true)).toEqual([
      { value: failed[0]!.split(' ')[5], maskName: 'IP' },
      { value: failed[0]!.split(' ').slice(7).join(' '), maskName: '*' },
    ]);
    expect(miner.extractParameters('Failed password for root from <IP> port <*>', 'Failed password for root from nowhere port 1 ssh2', true)).toBeUndefined();
    expect(miner.extractParameters('Failed password for root from <IP> port <*>', 'Failed password for root from nowhere port 1 ssh2', false)?.[0]).toEqual({ value: 'nowhere', maskName: 'IP' });
  });

  it('named masks inside a token keep its shape (key=<IP>)', () => {
    const miner = new TemplateMiner({ extraMasks: [IP] });
    const r = miner.add('authentication failure; rhost=218.188.2.4 user=root');
    expect(r.cluster.template).toBe('authentication failure; rhost=<IP> user=root');
    expect(r.params).toEqual(['218.188.2.4']);
  });

  it('genericMasks false leaves only the user masks (masks replace the defaults)', () => {
    const miner = new TemplateMiner({ genericMasks: false, extraMasks: [IP] });
    const r = miner.add('Received block blk_123 of size 67108864 from 10.251.91.84');
    expect(r.cluster.template).toBe('Received block blk_123 of size 67108864 from <IP>');
    expect(new TemplateMiner().add('Received block blk_123 of size 67108864 from 10.251.91.84').cluster.template).toBe('Received block <*> of size <*> from <*>');
  });

  it('disabledRules switches off single generic rules', () => {
    const line = 'session opened for user root at Jun 14 15:16:01';
    expect(new TemplateMiner().add(line).cluster.template).toBe('session opened for user root at <*>');
    expect(new TemplateMiner({ disabledRules: ['dateWords'] }).add(line).cluster.template).toBe('session opened for user root at Jun <*>');
    expect(new TemplateMiner({ disabledRules: ['paths'] }).add('open /var/log/messages').cluster.template).toBe('open /var/log/messages');
  });

  it('extraDelimiters split tokens after masking, and extractParameters applies them too', () => {
    const miner = new TemplateMiner({ extraDelimiters: ['_'], genericMasks: false });
    const r = miner.add('job_run_42 done');
    expect(r.cluster.template).toBe('job run 42 done');
    expect(miner.extractParameters('job run <*> done', 'job_run_42 done')).toEqual([{ value: '42', maskName: '*' }]);
  });

  it('options survive a snapshot; a snapshot without parametrizeNumericTokens restores with it off', () => {
    const miner = new TemplateMiner({ extraMasks: [IP], extraDelimiters: ['|'], disabledRules: ['units'], simThreshold: 0.6 });
    for (const c of contents('OpenSSH').slice(0, 200)) miner.add(c);
    const restored = TemplateMiner.restore(JSON.stringify(miner.snapshot()));
    expect(restored.options).toEqual(miner.options);
    const old = miner.snapshot() as unknown as { options: Record<string, unknown> };
    for (const k of ['genericMasks', 'disabledRules', 'enabledRules', 'parametrizeNumericTokens', 'extraDelimiters', 'splitOnValueChange']) delete old.options[k];
    const fromOld = TemplateMiner.restore(old);
    expect(fromOld.options.parametrizeNumericTokens).toBe(false);
    expect(fromOld.options.splitOnValueChange).toBe(false);
    expect(fromOld.options.disabledRules).toEqual(['queryPaths', 'bracketed', 'requestLines']); // rules the old model did not apply
    expect(fromOld.mask('GET /a?b=1').tokens).toEqual(['GET', '<*>=<*>']);
    expect(new TemplateMiner().mask('GET /a?b=1').tokens).toEqual(['GET', '<*>']);
    expect(fromOld.options.genericMasks).toBe(true);
    expect(new TemplateMiner().options.parametrizeNumericTokens).toBe(true);
  });

  it.each([
    [{ extraMasks: [{ pattern: 'x', maskWith: 'two words' }] }, /extraMasks\[0\]\.maskWith/],
    [{ extraMasks: [{ pattern: 'a*' }] }, /extraMasks\[0\]\.pattern matches the empty string/],
    [{ extraMasks: [{ pattern: 'a', mask_with: 'A' }] }, /extraMasks\[0\] has unknown key mask_with/],
    [{ disabledRules: ['nope'] }, /disabledRules: unknown rule "nope"/],
    [{ extraDelimiters: [''] }, /extraDelimiters\[0\]/],
    [{ genericMasks: 'no' }, /genericMasks must be a boolean/],
    [{ parametrizeNumericTokens: 1 }, /parametrizeNumericTokens must be a boolean/],
  ])('rejects %j with BAD_OPTION', (options, message) => {
    expect(() => new TemplateMiner(options as never)).toThrow(message);
    expect(() => new TemplateMiner(options as never)).toThrow(DrainError);
  });

  it('rejects an unknown match strategy', () => {
    expect(() => new TemplateMiner().match('x', 'sometimes' as never)).toThrow(/match strategy must be one of never, fallback, always/);
  });
});

describe('opt-in generic rules', () => {
  it('singleQuoted makes the text of a single-quoted value one parameter; apostrophes in words stay', () => {
    const line = "Successfully started service 'sparkDriver' on port 40984.";
    expect(new TemplateMiner().add(line).cluster.template).toBe("Successfully started service 'sparkDriver' on port <*>");
    const r = new TemplateMiner({ enabledRules: ['singleQuoted'] }).add(line);
    expect(r.cluster.template).toBe("Successfully started service '<*>' on port <*>");
    expect(r.params).toEqual(['sparkDriver', '40984.']);
    expect(new TemplateMiner({ enabledRules: ['singleQuoted'] }).add("can't open file, don't retry").cluster.template).toBe("can't open file, don't retry");
  });

  it('keyValues makes the word after key= a value', () => {
    const line = 'authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4';
    expect(new TemplateMiner({ enabledRules: ['keyValues'] }).add(line).cluster.template).toBe('authentication failure; logname= uid=<*> euid=<*> tty=<*> ruser= rhost=<*>');
  });
});

describe('generic rules for content the 12 systems lack', () => {
  it.each([
    ['queryPaths', 'GET /search?q=shoes&lang=en HTTP/1.1', 'GET <*>', ['/search?q=shoes&lang=en HTTP/1.1']],
    ['queryPaths', 'fetch (/api/v1/items?page=2) failed', 'fetch (<*>) failed', ['/api/v1/items?page=2']],
    ['bracketed', 'tags=[alpha, beta, gamma] done', 'tags=[<*>] done', ['alpha, beta, gamma']],
    ['bracketed', 'options: {retries: 3, backoff: exponential} loaded', 'options: {<*>} loaded', ['retries: 3, backoff: exponential']],
    ['requestLines', '10.0.0.1 "POST /v2/tenant/servers?x=1 HTTP/1.1" status: 202', '<*> "POST <*> <*>" status: <*>', ['10.0.0.1', '/v2/tenant/servers?x=1', 'HTTP/1.1', '202']],
  ])('%s: %s', (rule, line, template, params) => {
    const r = new TemplateMiner().add(line);
    expect(r.cluster.template).toBe(template);
    expect(r.params).toEqual(params);
    expect(new TemplateMiner({ disabledRules: [rule as 'queryPaths'] }).add(line).cluster.template).not.toBe(template);
  });
});

describe('the default masks on the kinds of content unseen systems bring (issue: generalisation)', () => {
  it.each([
    ['request 550e8400-e29b-41d4-a716-446655440000 done', 'request <*> done', ['550e8400-e29b-41d4-a716-446655440000']],
    ['trace 4bf92f3577b34da6a3ce929d0e0e4736 sampled', 'trace <*> sampled', ['4bf92f3577b34da6a3ce929d0e0e4736']],
    ['GET /api/v1/users/42/orders?page=2&sort=asc HTTP/1.1', 'GET <*>', ['/api/v1/users/42/orders?page=2&sort=asc HTTP/1.1']],
    ['user="John Smith" logged in', 'user="<*>" logged in', ['John Smith']],
    ['tags=[alpha, beta] set', 'tags=[<*>] set', ['alpha, beta']],
    ['took 1.5s total', 'took <*> total', ['1.5s']],
    ['elapsed: 3.2 seconds', 'elapsed: <*>', ['3.2 seconds']],
    ['handled req-7f3a9c ok', 'handled <*> ok', ['req-7f3a9c']],
    ['instance i-0abc123def456 started', 'instance <*> started', ['i-0abc123def456']],
    ['reading /data/part-00042/file.parquet now', 'reading <*> now', ['/data/part-00042/file.parquet']],
  ])('%s', (line, template, params) => {
    const r = new TemplateMiner().add(line);
    expect(r.cluster.template).toBe(template);
    expect(r.params).toEqual(params);
  });
});

describe('splitOnValueChange (real Linux lines)', () => {
  it('keeps user=root and user=guest apart once user=root has held for 5 messages', () => {
    const auth = contents('Linux').filter((c) => c.startsWith('authentication failure;') && / user=(root|guest)$/.test(c));
    const root = auth.filter((c) => c.endsWith('user=root')).slice(0, 6);
    const guest = auth.find((c) => c.endsWith('user=guest'))!;
    const split = new TemplateMiner();
    for (const c of root) split.add(c);
    expect(split.add(guest).change).toBe('created');
    const merged = new TemplateMiner({ splitOnValueChange: false });
    for (const c of root) merged.add(c);
    expect(merged.add(guest).cluster.template).toMatch(/ <\*>$/);
  });
});

describe('extractParameters against the miner’s own templates (real lines)', () => {
  it.each(['HDFS', 'Linux', 'Android'])('%s: every line fits its final template', (system) => {
    const miner = new TemplateMiner();
    const lines = contents(system);
    const ids = lines.map((c) => miner.add(c).cluster.id);
    const misfits = lines.filter((c, i) => miner.extractParameters(miner.get(ids[i]!)!.template, c) === undefined);
    expect(misfits).toEqual([]);
  });
});
