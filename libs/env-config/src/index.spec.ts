import { z } from 'zod';
import { parseEnv } from './index';

const schema = z.strictObject({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080).describe('port'),
  NAME: z.string().regex(/^[a-z]+$/).optional().describe('name'),
});
const fail = (problems: string): Error => new Error(`invalid test configuration: ${problems}`);

describe('parseEnv', () => {
  it('reads only the schema variables, empty as unset, with defaults', () => {
    expect(parseEnv(schema, { PORT: '', OTHER: 'x', PATH: '/bin' }, fail)).toEqual({ PORT: 8080 });
    expect(parseEnv(schema, { PORT: '9000', NAME: 'abc' }, fail)).toEqual({ PORT: 9000, NAME: 'abc' });
  });

  it('names every bad variable in one error', () => {
    expect(() => parseEnv(schema, { PORT: 'eighty', NAME: 'A1' }, fail)).toThrow(/invalid test configuration: PORT: .*; NAME: /);
  });
});
