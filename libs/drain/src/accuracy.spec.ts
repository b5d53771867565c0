import { groupingAccuracy, parseCsv } from './accuracy';
import { LogFormat } from './log-format';
import { TemplateMiner } from './template-miner';
import { loghubFormat, loghubLines, loghubStructured } from './test-data.spec-helper';

describe('groupingAccuracy', () => {
  it('counts a line correct only when its predicted group equals its true group', () => {
    expect(groupingAccuracy([1, 1, 2, 3], ['a', 'a', 'b', 'b'])).toBe(0.5);
    expect(groupingAccuracy([1, 1, 1], ['a', 'a', 'b'])).toBe(0);
    expect(groupingAccuracy(['x', 'y'], ['a', 'b'])).toBe(1);
    expect(groupingAccuracy([], [])).toBe(1);
    expect(() => groupingAccuracy([1], [])).toThrow(RangeError);
  });

  it('the default miner groups the real HDFS and Apache lines like the ground truth', () => {
    for (const system of ['HDFS', 'Apache']) {
      const format = LogFormat.compile(loghubFormat(system));
      const miner = new TemplateMiner();
      const ids = loghubLines(system).map((l) => miner.add(format.content(l)).cluster.groupId);
      expect(groupingAccuracy(ids, loghubStructured(system).map((r) => r.EventId))).toBe(1);
    }
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, embedded commas and CRLF line ends', () => {
    const text = 'LineId,Content,EventId\r\n1,"a, ""quoted"" value",E1\r\n2,plain,E2\n';
    expect(parseCsv(text)).toEqual([
      ['LineId', 'Content', 'EventId'],
      ['1', 'a, "quoted" value', 'E1'],
      ['2', 'plain', 'E2'],
    ]);
    expect(parseCsv('a,b\n1,')).toEqual([['a', 'b'], ['1', '']]);
  });
});
