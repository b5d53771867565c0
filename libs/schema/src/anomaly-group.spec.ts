import { groupAnomalies, MAX_GROUP_CHARS, recordGroup, sessionGroup } from './anomaly-group';

describe('anomaly groups', () => {
  it('names the same finding alike: a new template, a transition (DeepLog or the workflow), else reason and template', () => {
    expect(recordGroup(['drain.new_template', 'deeplog.unexpected_key'], '7', ['3'])).toBe('drain.new_template:7');
    expect(recordGroup(['deeplog.unexpected_key', 'iforest.outlier'], '7', ['1', '3'])).toBe('deeplog.unexpected_key:3>7');
    expect(recordGroup(['workflow.unexpected_transition'], '9', ['4', '6'])).toBe('workflow.unexpected_transition:6>9');
    expect(recordGroup(['workflow.unexpected_transition'], '9', undefined)).toBe('workflow.unexpected_transition:>9');
    expect(recordGroup(['iforest.outlier'], '5', ['2'])).toBe('iforest.outlier:5');
    expect(recordGroup([], undefined, undefined)).toBe('flagged:');
    expect(sessionGroup(['deeplog.missing_step'], ['4', '6'])).toBe('deeplog.missing_step:6');
    expect(sessionGroup([], [])).toBe('session');
    expect(recordGroup(['iforest.outlier'], 'x'.repeat(2000), [])).toHaveLength(MAX_GROUP_CHARS);
  });

  it('keeps the oldest document of each group with the repeat count, newest group first', () => {
    const doc = (t: string, group: string): { '@timestamp': string; anomaly: { group: string; repeats?: number } } => ({ '@timestamp': t, anomaly: { group } });
    const out = groupAnomalies([doc('2026-01-03', 'a'), doc('2026-01-02', 'b'), doc('2026-01-01', 'a')], 10);
    expect(out.map((d) => [d['@timestamp'], d.anomaly.group, d.anomaly.repeats])).toEqual([['2026-01-01', 'a', 2], ['2026-01-02', 'b', 1]]);
  });
});
