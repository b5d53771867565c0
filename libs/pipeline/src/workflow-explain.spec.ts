import { SessionWorkflows, WORKFLOW_END, WORKFLOW_START } from '@log-sentinel/deeplog';
import { expectedAfter } from './workflow-explain';

const text = (id: string): string => `T${id}`;
const sessions = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? ['1', '2', '3'] : i % 3 === 1 ? ['1', '2', '4', '3'] : ['7', '8']));

describe('expectedAfter', () => {
  const wf = SessionWorkflows.build(sessions);

  it('names what follows the previous template in its type, most frequent first, with the type', () => {
    expect(expectedAfter(wf, '2', text)).toBe('expected after "T2": "T3" (10×) or "T4" (10×) (workflow "T1")');
    expect(expectedAfter(wf, '3', text)).toBe('expected after "T3": (end of session) (20×) (workflow "T1")');
    expect(expectedAfter(wf, '7', text)).toBe('expected after "T7": "T8" (10×) (workflow "T7")');
    expect(expectedAfter(wf, WORKFLOW_START, text)).toBe('expected at the start of a session: "T1" (20×) or "T7" (10×)');
  });

  it('says nothing without workflows, a previous template or one training saw', () => {
    expect(expectedAfter(undefined, '2', text)).toBeUndefined();
    expect(expectedAfter(wf, undefined, text)).toBeUndefined();
    expect(expectedAfter(wf, '99', text)).toBeUndefined();
    expect(expectedAfter(wf, WORKFLOW_END, text)).toBeUndefined();
  });
});
