import { templateParams } from './params';

describe('templateParams', () => {
  it('returns the values at each <*> of a Drain template, in order (real HDFS_2k line)', () => {
    const line = 'Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010';
    expect(templateParams('Receiving block <*> src: <*> dest: <*>', line)).toEqual(['blk_-1608999687919862906', '/10.250.19.102:54106', '/10.250.19.102:50010']);
  });

  it('skips a header before the template content (the raw line)', () => {
    const line = '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating';
    expect(templateParams('PacketResponder <*> for block <*> terminating', line)).toEqual(['1', 'blk_38865049064139660']);
  });

  it('handles a wildcard inside a token', () => {
    expect(templateParams('latency=<*>ms status=<*>', 'GET /cart latency=41ms status=200')).toEqual(['41', '200']);
  });

  it('returns [] when the template has no wildcard or does not match the line', () => {
    expect(templateParams('Verification succeeded', 'Verification succeeded')).toEqual([]);
    expect(templateParams('Receiving block <*> src: <*>', 'Deleting block blk_1 file /x')).toEqual([]);
  });

  it('fuzz finding (issue 17): a long template that does not match is answered [] at once (the old regex backtracked for minutes and held the collector); a long one that matches gives every value', () => {
    // The shape the fuzz suite found (a long literal tail, a long line that almost matches): over 2 minutes before.
    expect(templateParams('<*> a <*> b <*> ' + 'x'.repeat(16_000), 'a b '.repeat(30_000) + 'x'.repeat(15_999))).toEqual([]);
    const template = Array.from({ length: 300 }, (_, i) => `k${i}=<*>`).join(' ') + ' end';
    expect(templateParams(template, 'x '.repeat(8000))).toEqual([]);
    expect(templateParams(template, Array.from({ length: 300 }, (_, i) => `k${i}=v ${i}`).join(' ') + ' and over')).toEqual([]);
    const line = Array.from({ length: 300 }, (_, i) => `k${i}=${i}`).join(' ') + ' end';
    expect(templateParams(template, line)).toEqual(Array.from({ length: 300 }, (_, i) => String(i)));
    expect(templateParams('<*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> <*> x', 'a'.repeat(20_000))).toEqual([]);
  });

  it('a value may hold spaces when the next literal comes later (as the regex allowed)', () => {
    expect(templateParams('user <*> logged in from <*>', 'user John Smith logged in from 10.0.0.1')).toEqual(['John Smith', '10.0.0.1']);
  });
});
