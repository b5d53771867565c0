import { Masker, PARAM } from './masking';
import { loghubLines } from './test-data.spec-helper';

const masker = new Masker({ extraMasks: [], maxTokens: 256, collapseParams: true });

function tokens(text: string): string[] {
  return masker.mask(text).tokens;
}

describe('Masker (one default configuration for every source)', () => {
  it('masks IPs with ports, block ids and numbers in a real HDFS line', () => {
    const line = loghubLines('HDFS')[2]!.replace(/^.*?: /, '').trim();
    const m = masker.mask(line);
    expect(m.tokens.join(' ')).toBe('BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*> size <*>');
    expect(m.originals.filter((_, i) => m.tokens[i] === PARAM)).toEqual(['10.251.73.220:50010', 'blk_7128370237687728475', '67108864']);
  });

  it('keeps key=value shapes and masks only the values (real Linux line)', () => {
    const line = loghubLines('Linux')[0]!.replace(/^.*?\]: /, '').trim();
    const m = masker.mask(line);
    expect(m.tokens.join(' ')).toBe('authentication failure; logname= uid=<*> euid=<*> tty=NODEVssh ruser= rhost=<*>');
    expect(m.inner.filter((x) => x !== null)).toEqual([['0'], ['0'], ['218.188.2.4']]);
  });

  it('masks bracketed IPs and host names with ports (real OpenSSH and Proxifier lines)', () => {
    expect(tokens(loghubLines('OpenSSH')[0]!.replace(/^.*?\]: /, '').trim()).join(' ')).toBe(
      'reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [<*>] failed - POSSIBLE BREAK-IN ATTEMPT!',
    );
    expect(tokens('proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS')).toEqual([
      PARAM, 'open', 'through', 'proxy', PARAM, 'HTTPS',
    ]);
  });

  it.each([
    ['hex', 'flags=0x1 done', ['flags=<*>', 'done']],
    ['UUID', 'id 123e4567-e89b-12d3-a456-426614174000 ok', ['id', PARAM, 'ok']],
    ['path', 'open /var/log/messages failed', ['open', PARAM, 'failed']],
    ['URL', 'GET https://example.com/a?b=c done', ['GET', PARAM, 'done']],
    ['e-mail', 'mail to ops@example.com sent', ['mail', 'to', PARAM, 'sent']],
    ['size with unit', 'read 1.16 KB in 30 ms', ['read', PARAM, 'in', PARAM]],
    ['size in parentheses', '1190 bytes (1.16 KB) sent', [PARAM, 'bytes', '(<*>)', 'sent']],
    ['quoted value', 'acquire tag="View Lock", name=x', ['acquire', 'tag="<*>",', 'name=x']],
    ['clock and date words', 'at Fri Jun 17 07:07:00 2005 done', ['at', PARAM, 'done']],
    ['IPv6', 'from fe80::1ff:fe23:4567:890a', ['from', PARAM]],
    ['Java source position stays a shape', 'at Foo.java:123)', ['at', 'Foo.java:<*>)']],
  ])('masks %s', (_name, text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  it('collapses adjacent values into one parameter holding their text', () => {
    const m = masker.mask('nodes 1 2 3 up');
    expect(m.tokens).toEqual(['nodes', PARAM, 'up']);
    expect(m.originals[1]).toBe('1 2 3');
  });

  it('applies extra masks first; a match may span spaces and becomes one parameter', () => {
    const custom = new Masker({ extraMasks: [{ pattern: 'user [a-z]+', flags: 'i' }], maxTokens: 256, collapseParams: true });
    const m = custom.mask('login by User alice from 10.0.0.1 (user bob)');
    expect(m.tokens).toEqual(['login', 'by', PARAM, 'from', PARAM, '(<*>)']);
    expect(m.originals).toEqual(['login', 'by', 'User alice', 'from', '10.0.0.1', '(user bob)']);
    expect(m.inner[5]).toEqual(['user bob']);
  });

  it('never confuses input text with its internal placeholder', () => {
    const m = masker.mask('a \ue000 b');
    expect(m.tokens).toEqual(['a', '\ufffd', 'b']);
  });

  it('never confuses input text with its internal placeholder, also in the trailing parameter or next to a delimiter', () => {
    const small = new Masker({ extraMasks: [], maxTokens: 4, collapseParams: true });
    expect(small.mask('a b c d \ue000 e').originals[3]).toBe('d \ufffd e');
    const delimited = new Masker({ extraMasks: [], maxTokens: 256, collapseParams: true, extraDelimiters: ['\ue000'] });
    expect(delimited.mask('a b \ue000 c').tokens).toEqual(['a', 'b', '\ufffd', 'c']);
  });

  it('bounds the number of tokens; the rest is one trailing parameter', () => {
    const small = new Masker({ extraMasks: [], maxTokens: 4, collapseParams: true });
    const m = small.mask('a b c d e f');
    expect(m.tokens).toEqual(['a', 'b', 'c', PARAM]);
    expect(m.originals[3]).toBe('d e f');
  });
});
