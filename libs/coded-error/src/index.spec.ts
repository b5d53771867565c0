import { CodedError } from './index';

class ProbeError extends CodedError<'BAD' | 'WORSE'> {}

describe('CodedError', () => {
  it('carries its code, message, cause and its subclass name', () => {
    const cause = new Error('root');
    const e = new ProbeError('WORSE', 'it broke', { cause });
    expect(e).toBeInstanceOf(ProbeError);
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ code: 'WORSE', message: 'it broke', name: 'ProbeError' });
    expect(e.cause).toBe(cause);
    expect(String(e)).toBe('ProbeError: it broke');
  });
});
