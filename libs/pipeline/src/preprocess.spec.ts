import { defaultPreprocess, Preprocessor } from './preprocess';

describe('Preprocessor event time', () => {
  it("prefers the line's own header time over the record's timestamp (a collector's receipt time), and falls back to it", () => {
    const pre = Preprocessor.compile({ ...defaultPreprocess(), logFormat: '<Date> <Time> <Level>: <Content>', autoHeader: false });
    const receipt = Date.UTC(2026, 11, 1, 23, 0, 0);
    const p = pre.apply({ id: 'a', message: '2008-11-09 20:35:18 INFO: Receiving block blk_1', timestampMs: receipt });
    expect(p.eventTimeMs).toBe(Date.UTC(2008, 10, 9, 20, 35, 18));
    expect(p.record.timestampMs).toBe(receipt); // the record keeps the time it was sent with
    expect(pre.apply({ id: 'b', message: 'no header here', timestampMs: receipt }).eventTimeMs).toBe(receipt);
    expect(pre.apply({ id: 'c', message: 'no header here' }).eventTimeMs).toBeUndefined();
  });
});
