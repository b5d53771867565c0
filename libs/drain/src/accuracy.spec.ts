import { groupingAccuracy, normalizeTemplate, parsingAccuracy, templateAccuracy } from './accuracy';
import { LogFormat } from './log-format';
import { TemplateMiner } from './template-miner';
import { loghubFormat, loghubLines, loghubStructured } from './test-data.spec-helper';

describe('parsingAccuracy and templateAccuracy', () => {
  it('PA counts messages whose template equals the true one after normalising', () => {
    expect(normalizeTemplate('a  <*> <*> b <*>:<*>')).toBe('a <*> b <*>:<*>');
    expect(parsingAccuracy(['a <*>', 'a <*> <*>', 'b x'], ['a <*>', 'a <*>', 'b <*>'])).toBeCloseTo(2 / 3);
    expect(() => parsingAccuracy(['a'], [])).toThrow(RangeError);
  });

  it('FTA: a found template is correct when its group and its text both match one true template', () => {
    // True: T1 = {0,1}, T2 = {2}, T3 = {3}. Found: g1 = {0,1} right text; g2 = {2} wrong text; g3 = {3} right text.
    const r = templateAccuracy([1, 1, 2, 3], ['a <*>', 'a <*>', 'b c', 'd'], ['a <*>', 'a <*>', 'b <*>', 'd']);
    expect(r.pta).toBeCloseTo(2 / 3);
    expect(r.rta).toBeCloseTo(2 / 3);
    expect(r.fta).toBeCloseTo(2 / 3);
    // Merging two true templates into one group: neither is correct.
    expect(templateAccuracy([1, 1], ['a <*>', 'a <*>'], ['a x', 'a y'])).toEqual({ pta: 0, rta: 0, fta: 0 });
  });
});

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
