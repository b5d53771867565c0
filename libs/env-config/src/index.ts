/**
 * env-config: reads a service's settings out of an environment object with its strict zod
 * schema. Only the schema's variables are read; an empty value counts as unset; every bad
 * value is reported in one message that names the variable.
 */
import type { z } from 'zod';

/** Validates the schema's variables of `env`; on failure throws `fail(problems, cause)`. */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
  fail: (problems: string, cause: z.ZodError) => Error,
): z.output<S> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw fail(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`).join('; '), parsed.error);
  }
  return parsed.data;
}
