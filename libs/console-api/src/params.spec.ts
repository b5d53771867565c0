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
});
