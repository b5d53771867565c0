import type { ElasticLogDocument } from '@log-sentinel/schema';
import { summarizeGroups } from './groups';
import { LocalIndex } from './local-index';
import { parsePatternsQuery } from './query';

// Real HDFS_2k lines (testdata/labeled_raw/HDFS_2k) with the templates Drain gives them.
const RECEIVING = { id: 'T1', text: 'Receiving block <*> src: <*> dest: <*>' };
const TERMINATING = { id: 'T2', text: 'PacketResponder <*> for block <*> terminating' };

function doc(i: number, at: string, t: { id: string; text: string }, message: string, extra: Partial<ElasticLogDocument['anomaly']> = {}, session = 'blk_1'): ElasticLogDocument {
  const flagged = extra?.is_anomaly ?? false;
  return {
    '@timestamp': at,
    message,
    event: { id: `e${i}`, original: message, ingested: at },
    service: { name: 'hdfs' },
    session: { id: session },
    template: t,
    anomaly: { kind: 'record', is_anomaly: flagged, score: flagged ? 0.9 : 0.1, reasons: [], status: 'scored', ...extra },
  };
}

const recv = (blk: string): string => `Receiving block ${blk} src: /10.250.19.102:54106 dest: /10.250.19.102:50010`;
const term = (blk: string): string => `PacketResponder 1 for block ${blk} terminating`;

describe('LocalIndex', () => {
  it('counts each template per bucket over the asked range, zeros included, most records first', () => {
    const idx = new LocalIndex();
    idx.add([
      doc(1, '2026-06-01T12:00:01Z', RECEIVING, recv('blk_1')),
      doc(2, '2026-06-01T12:00:05Z', RECEIVING, recv('blk_2')),
      doc(3, '2026-06-01T12:01:30Z', RECEIVING, recv('blk_3')),
      doc(4, '2026-06-01T12:02:10Z', TERMINATING, term('blk_1'), { is_anomaly: true, reasons: ['drain.new_template'] }),
    ]);
    const q = parsePatternsQuery({ start: '2026-06-01T12:00:00Z', end: '2026-06-01T12:03:00Z', step: '1m' }, Date.now());
    const series = idx.patterns(q);
    expect(series.map((s) => s.template_id)).toEqual(['T1', 'T2']);
    const at = (iso: string): number => Date.parse(iso) / 1000;
    expect(series[0].samples).toEqual([[at('2026-06-01T12:00:00Z'), 2], [at('2026-06-01T12:01:00Z'), 1], [at('2026-06-01T12:02:00Z'), 0]]);
    expect(series[0]).toMatchObject({ total: 3, flagged: 0, new: false, first_seen: '2026-06-01T12:00:01Z', last_seen: '2026-06-01T12:01:30Z' });
    expect(series[1]).toMatchObject({ total: 1, flagged: 1, new: true, pattern: TERMINATING.text });
    // search is a case-insensitive substring of the template text
    expect(idx.patterns({ ...q, search: 'packetresponder' }).map((s) => s.template_id)).toEqual(['T2']);
    // a range without records of a template leaves it out
    expect(idx.patterns(parsePatternsQuery({ start: '2026-06-01T13:00:00Z', end: '2026-06-01T13:01:00Z' }, 0))).toEqual([]);
  });

  it('keeps the newest examples per template with their parameters', () => {
    const idx = new LocalIndex({ examplesPerTemplate: 2 });
    idx.add([1, 2, 3].map((i) => doc(i, `2026-06-01T12:00:0${i}Z`, RECEIVING, recv(`blk_${i}`))));
    const ex = idx.examples('T1', 10)!;
    expect(ex.pattern).toBe(RECEIVING.text);
    expect(ex.examples.map((e) => e.event_id)).toEqual(['e3', 'e2']);
    expect(ex.examples[0].params).toEqual(['blk_3', '/10.250.19.102:54106', '/10.250.19.102:50010']);
    expect(idx.examples('nope', 10)).toBeUndefined();
  });

  it('keeps each session’s steps in order with its verdict, flagged sessions listed first', () => {
    const idx = new LocalIndex({ stepsPerSession: 2 });
    idx.add([
      doc(1, '2026-06-01T12:00:01Z', RECEIVING, recv('blk_1'), {}, 'blk_1'),
      doc(2, '2026-06-01T12:00:02Z', RECEIVING, recv('blk_1'), {}, 'blk_1'),
      doc(3, '2026-06-01T12:00:03Z', TERMINATING, term('blk_1'), { is_anomaly: true, reasons: ['deeplog.unexpected_key'], explanation: { text: 'expected T1, saw T2' } }, 'blk_1'),
      doc(4, '2026-06-01T12:00:09Z', RECEIVING, recv('blk_2'), {}, 'blk_2'),
    ]);
    idx.add([{ '@timestamp': '2026-06-01T12:00:10Z', message: 'session blk_1', event: { id: 's1', original: '', ingested: '' }, session: { id: 'blk_1', records: 3 }, anomaly: { kind: 'session', is_anomaly: true, score: 1, reasons: ['deeplog.session'], status: 'scored' } }]);
    const tl = idx.sessionTimeline('blk_1')!;
    expect(tl.steps.map((s) => s.event_id)).toEqual(['e2', 'e3']);
    expect(tl.steps[1]).toMatchObject({ is_anomaly: true, explanation: 'expected T1, saw T2', template_id: 'T2' });
    expect(tl.verdict?.event.id).toBe('s1');
    expect(idx.sessionList(10).map((s) => [s.session_id, s.records, s.flagged_records, s.verdict_anomaly])).toEqual([
      ['blk_1', 3, 1, true],
      ['blk_2', 1, 0, undefined],
    ]);
  });

  it('keeps buckets for retentionMs only: a fixed ring per template', () => {
    const idx = new LocalIndex({ retentionMs: 60_000 });
    idx.add([doc(1, '2026-06-01T12:00:01Z', RECEIVING, recv('blk_1')), doc(2, '2026-06-01T12:01:01Z', RECEIVING, recv('blk_2'))]);
    // An older record whose slot already holds a newer bucket is not counted.
    idx.add([doc(3, '2026-06-01T12:00:02Z', RECEIVING, recv('blk_3'))]);
    const q = parsePatternsQuery({ start: '2026-06-01T12:00:00Z', end: '2026-06-01T12:02:00Z', step: '1m' }, 0);
    expect(idx.patterns(q)[0].samples.map((s) => s[1])).toEqual([0, 1]);
  });

  it('is bounded: the least recently seen template and session are dropped', () => {
    const idx = new LocalIndex({ maxTemplates: 1, maxSessions: 1 });
    idx.add([doc(1, '2026-06-01T12:00:01Z', RECEIVING, recv('blk_1'), {}, 'a'), doc(2, '2026-06-01T12:00:02Z', TERMINATING, term('blk_1'), {}, 'b')]);
    expect(idx.templateCount).toBe(1);
    expect(idx.examples('T1', 1)).toBeUndefined();
    expect(idx.sessionList(10).map((s) => s.session_id)).toEqual(['b']);
  });
});

describe('summarizeGroups', () => {
  it('summarises each anomaly.group: count, first/last seen, services, highest score, newest document', () => {
    const a1 = { ...doc(1, '2026-06-01T12:00:01Z', TERMINATING, term('blk_1'), { is_anomaly: true, group: 'g1', score: 0.7 }), service: { name: 'web' } };
    const a2 = doc(2, '2026-06-01T12:00:05Z', TERMINATING, term('blk_2'), { is_anomaly: true, group: 'g1', score: 0.95 });
    const b1 = doc(3, '2026-06-01T12:00:03Z', RECEIVING, recv('blk_3'), { is_anomaly: true, group: 'g2' });
    const groups = summarizeGroups([b1, a2, a1], 10);
    expect(groups.map((g) => g.group)).toEqual(['g1', 'g2']);
    expect(groups[0]).toMatchObject({ count: 2, first_seen: '2026-06-01T12:00:01Z', last_seen: '2026-06-01T12:00:05Z', services: ['hdfs', 'web'], max_score: 0.95, kind: 'record' });
    expect(groups[0].latest.event.id).toBe('e2');
    expect(summarizeGroups([b1, a2, a1], 1)).toHaveLength(1);
    // by template: a1, a2 (T2) and b1 (T1) regardless of their anomaly.group
    const c1 = doc(4, '2026-06-01T12:00:04Z', TERMINATING, term('blk_4'), { is_anomaly: true, group: 'g3' });
    expect(summarizeGroups([b1, a2, a1, c1], 10, 'template').map((g) => [g.group, g.count])).toEqual([
      ['template:T2', 3],
      ['template:T1', 1],
    ]);
  });

  it('fuzz finding (issue 17): huge messages are clipped in examples and steps, and sessions are dropped oldest first past maxSessionChars, so memory stays bounded', () => {
    const idx = new LocalIndex({ maxSessionChars: 20_000 });
    const huge = 'x'.repeat(1024 * 1024);
    idx.add([doc(1, '2026-06-01T12:00:01Z', { id: 'T9', text: `${huge} <*>` }, `${huge} 1`, {}, 's0')]);
    expect(idx.examples('T9', 5)!.examples[0]!.message.length).toBe(2048);
    expect(idx.examples('T9', 5)!.pattern.length).toBe(4096);
    const step = idx.sessionTimeline('s0')!.steps[0]!;
    expect([step.message.length, step.template!.length]).toEqual([512, 512]);
    for (let i = 1; i <= 40; i++) idx.add([doc(100 + i, '2026-06-01T12:00:02Z', RECEIVING, `${'y'.repeat(600)} ${i}`, {}, `s${i}`)]);
    // each step holds ~620 characters (the message clipped to 512): about 32 sessions fit in 20,000
    expect(idx.sessionTimeline('s0')).toBeUndefined();
    expect(idx.sessionTimeline('s40')).toBeDefined();
    expect(idx.sessionList(100).length).toBeLessThanOrEqual(33);
  });
});
