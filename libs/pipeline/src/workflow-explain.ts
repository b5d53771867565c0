/**
 * Explanations from the workflows per session type (libs/deeplog session-workflows.ts): when
 * DeepLog flags a record or a session's end, say what the key before it is followed by in its
 * type's normal sessions — `expected after "X": "Y" (n×) or "Z" (m×) (workflow "T")`.
 */
import { WORKFLOW_END, WORKFLOW_START, type SessionWorkflows } from '@log-sentinel/deeplog';

/** Successors named in an explanation. */
export const EXPECTED_AFTER_MAX = 3;

/**
 * "expected after X: Y or Z" for the key `prevId` ({@link WORKFLOW_START} at a session's start),
 * or undefined when the model has no workflows or the key was never seen before anything.
 * `text` gives a template id's text.
 */
export function expectedAfter(workflows: SessionWorkflows | undefined, prevId: string | undefined, text: (id: string) => string): string | undefined {
  if (!workflows || prevId === undefined) return undefined;
  const next = workflows.successors(prevId).slice(0, EXPECTED_AFTER_MAX);
  if (next.length === 0) return undefined;
  const name = (id: string): string => (id === WORKFLOW_END ? '(end of session)' : `"${text(id)}"`);
  const list = next.map((s) => `${name(s.key)} (${s.count}×)`).join(' or ');
  if (prevId === WORKFLOW_START) return `expected at the start of a session: ${list}`;
  const type = workflows.typeOf(prevId)?.type;
  return `expected after ${name(prevId)}: ${list}${type !== undefined ? ` (workflow "${text(type)}")` : ''}`;
}
