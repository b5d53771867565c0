import { DeepLogError } from './errors';

/** A model file's parsed JSON and the way to refuse it. */
export interface ModelFileJson<T> {
  /** The parsed value, not yet checked: every field may be missing or of the wrong type. */
  json: Partial<T> | null;
  /** Throws DeepLogError('INVALID_MODEL') with `${file}: ${what}`. */
  bad: (what: string) => never;
}

/**
 * Parses one of the model's JSON files (`deeplog.json`, `values.json`, `workflow.json`,
 * `workflows.json`; text, UTF-8 bytes, or a value already parsed) for its reader to check field
 * by field; text that is not JSON is a DeepLogError('INVALID_MODEL') naming the file.
 */
export function parseModelFileJson<T>(input: unknown, file: string): ModelFileJson<T> {
  let json = input as Partial<T> | null;
  try {
    if (typeof input === 'string') json = JSON.parse(input) as Partial<T> | null;
    else if (input instanceof Uint8Array) json = JSON.parse(Buffer.from(input).toString('utf8')) as Partial<T> | null;
  } catch (err) {
    throw new DeepLogError('INVALID_MODEL', `${file} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  return {
    json,
    bad: (what: string): never => {
      throw new DeepLogError('INVALID_MODEL', `${file}: ${what}`);
    },
  };
}
