import { evalMetrics } from './metrics';
import { parseKeySessions } from './sessions-file';

describe('keys sessions file', () => {
  it('reads one session per line, allowing a final newline and CRLF', () => {
    expect(parseKeySessions('5 22 11\r\n9 5 \n', 'f')).toEqual([[5, 22, 11], [9, 5]]);
    expect(parseKeySessions('7', 'f')).toEqual([[7]]);
  });

  it.each([
    ['5 22\n\n9\n', /f: line 2: empty session/],
    ['5 x 9\n', /f: line 1: "x" is not a log key/],
    ['5 -3\n', /line 1: "-3" is not a log key/],
    ['5 2.5\n', /"2.5" is not a log key/],
    ['', /no sessions/],
  ])('rejects bad input %j with a message naming the line', (text, msg) => {
    expect(() => parseKeySessions(text, 'f')).toThrow(msg);
  });
});

describe('evalMetrics', () => {
  it('computes precision, recall and F1, scaling FP by the normal false-positive rate', () => {
    const m = evalMetrics([true, true, true, false], [false, true, false, false], 400);
    expect(m).toMatchObject({ tp: 3, fn: 1, fp: 100, tn: 300 });
    expect(m.precision).toBeCloseTo(3 / 103, 4);
    expect(m.recall).toBe(0.75);
    expect(evalMetrics([true], [false])).toMatchObject({ precision: 1, recall: 1, f1: 1, fp: 0, tn: 1 });
  });
});
