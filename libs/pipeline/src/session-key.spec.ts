import { compileSessionKey } from './session-key';

describe('compileSessionKey', () => {
  const base = { id: '1', message: 'Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106' };
  it('prefers the record session id, then the field, then the regex, then the stream', () => {
    const key = compileSessionKey({ sessionRegex: '(blk_-?\\d+)', sessionField: 'block' });
    expect(key({ ...base, sessionId: 's1' })).toBe('s1');
    expect(key({ ...base, labels: { block: 'b9' } })).toBe('b9');
    expect(key(base)).toBe('blk_-1608999687919862906');
    expect(key({ id: '2', message: 'no block here', service: 'dfs', host: 'h1' })).toBe('stream:dfs|h1');
  });
  it('names a bad regex', () => {
    expect(() => compileSessionKey({ sessionRegex: '(' })).toThrow(/session regex "\(" is invalid/);
  });
});
