import { IsolationForestError } from './errors';

/** Refuses a stored model: throws IsolationForestError('INVALID_MODEL') naming the model and the problem. */
export type ModelRefusal = (message: string, cause?: unknown) => never;

/** The {@link ModelRefusal} of one kind of stored model (`bad ${model}: ${message}`). */
export function modelRefusal(model: string): ModelRefusal {
  return (message, cause) => {
    throw new IsolationForestError('INVALID_MODEL', `bad ${model}: ${message}`, { cause });
  };
}

/** A stored model as its reader was given it: parsed when it is JSON text (text that is not JSON is refused), else as is. */
export function storedJson(json: unknown, bad: ModelRefusal): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json) as unknown;
  } catch (err) {
    return bad('not valid JSON', err);
  }
}
