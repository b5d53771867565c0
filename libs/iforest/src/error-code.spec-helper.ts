/** Test helper: the stable code a call fails with. */
import { IsolationForestError } from './errors';

/** The `code` of the IsolationForestError `fn` throws (`OTHER` for any other error), undefined when it does not throw. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof IsolationForestError ? err.code : 'OTHER';
  }
  return undefined;
}
