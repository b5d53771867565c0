import { SeededRandom } from '@log-sentinel/seeded-random';
import { indexSession, scoreIndexedSessions } from './session-scoring';
import { keyProbabilities, lowerQuantile, trainDeepLog } from './trainer';
import type { DeepLogModel } from './model';

// Web sessions branch freely over 10 pages (one or two per session); a job always runs scheduled → started → processed → finished.
const PAGES = Array.from({ length: 10 }, (_, i) => `page${i}`);
function sessions(n: number, seed: number): string[][] {
  const rnd = new SeededRandom(seed);
  return Array.from({ length: n }, () => {
    if (rnd.next() < 0.3) return ['scheduled', 'started', 'processed', 'finished'];
    const pages = Array.from({ length: 1 + Math.floor(rnd.next() * 2) }, () => PAGES[Math.floor(rnd.next() * PAGES.length)]!);
    return ['login', ...pages, 'logout'];
  });
}
const verdict = (m: DeepLogModel, s: string[]) => scoreIndexedSessions(m, [indexSession(s, m.vocabulary, m.config.window)])[0]!;
const flagged = (m: DeepLogModel, s: string[]): boolean => verdict(m, s).isAnomaly;
/** Flagged at a key (not at the end of the session, which has a floor of its own). */
const keyFlagged = (m: DeepLogModel, s: string[]): boolean => verdict(m, s).anomalies.some((a) => a.reason === 'unexpected_key');

describe('key probability floor', () => {
  const train = sessions(400, 5);
  // g as large as the vocabulary: the rank rule alone can flag nothing (what a calibrated g does to an interleaved stream)
  const common = { validationFraction: 0, window: 4, topG: 20, hidden: 16, epochs: 40, batchSize: 8, learningRate: 0.02, threads: 1, seed: 2, acceptProbability: 0 } as const;
  let plain: DeepLogModel;
  let floored: DeepLogModel;
  beforeAll(async () => {
    plain = await trainDeepLog(train, common); // the default: no key floor
    floored = await trainDeepLog(train, { ...common, keyFloorFactor: 0.1 });
  });

  it('is the factor times the quantile of the probabilities the model gives its training keys', () => {
    const probs = keyProbabilities(floored, train);
    expect(probs.length).toBe(train.reduce((a, s) => a + s.length, 0));
    expect(floored.config.minProbability).toBeGreaterThan(0);
    expect(floored.config.minProbability).toBeCloseTo(0.1 * lowerQuantile(probs, 0.01), 9);
    expect(plain.config.minProbability).toBe(0);
    expect(floored.toJSON().minProbability).toBe(floored.config.minProbability);
  });

  it('flags a skipped or swapped step that ranks inside the top g, and no normal session', () => {
    const skipped = ['scheduled', 'started', 'finished'];
    const swapped = ['scheduled', 'started', 'finished', 'processed'];
    expect(keyFlagged(plain, skipped)).toBe(false);
    expect(keyFlagged(plain, swapped)).toBe(false);
    expect(keyFlagged(floored, skipped)).toBe(true);
    expect(keyFlagged(floored, swapped)).toBe(true);
    const falseAlarms = sessions(100, 99).filter((s) => flagged(floored, s)).map((s) => [s.join(" "), JSON.stringify(verdict(floored, s).anomalies.map((a) => [a.reason, a.rank, a.probability])), floored.config.minProbability]);
    expect(falseAlarms).toEqual([]);
  });

  it('rejects bad floor options', async () => {
    await expect(trainDeepLog(train, { ...common, keyFloorQuantile: 1 })).rejects.toThrow(/keyFloorQuantile/);
    await expect(trainDeepLog(train, { ...common, keyFloorFactor: -1 })).rejects.toThrow(/keyFloorFactor/);
  });
});
