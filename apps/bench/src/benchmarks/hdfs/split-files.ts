/**
 * Writes a benchmark's train/test split to disk in the `--format keys` layout (one session per
 * line, space-separated keys), beside the verdicts our model gave on it, so a reference
 * implementation outside `npm test` can be run on exactly the same sessions
 * (libs/count-models/scripts/pca_reference.py).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One split as the bench used it. */
export interface SplitToWrite<K> {
  /** Normal training sessions (each counted `normalCopies` times in training). */
  trainNormal: readonly (readonly K[])[];
  /** Abnormal training sessions (unlabelled in training). */
  trainAbnormal: readonly (readonly K[])[];
  /** Times each normal training session is counted. */
  normalCopies: number;
  /** Abnormal test sessions. */
  testAbnormal: readonly (readonly K[])[];
  /** Normal test sessions. */
  testNormal: readonly (readonly K[])[];
  /** Normal sessions the measured false-positive rate is scaled to. */
  scaleNormal: number;
}

function keysFile(sessions: readonly (readonly unknown[])[]): string {
  return sessions.map((s) => s.join(' ')).join('\n') + (sessions.length > 0 ? '\n' : '');
}

/** Indexes of the flagged verdicts. */
export function flaggedIndexes(flags: readonly boolean[]): number[] {
  return flags.flatMap((f, i) => (f ? [i] : []));
}

/**
 * Writes `DIR/NAME/` with `train_normal`, `train_abnormal`, `test_abnormal`, `test_normal` and
 * `split.json` (normal_copies, scale_normal and `ours`: what our model reported on the split).
 */
export function writeSplit<K>(dir: string, name: string, split: SplitToWrite<K>, ours: Record<string, unknown>): void {
  const out = path.join(dir, name);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'train_normal'), keysFile(split.trainNormal));
  fs.writeFileSync(path.join(out, 'train_abnormal'), keysFile(split.trainAbnormal));
  fs.writeFileSync(path.join(out, 'test_abnormal'), keysFile(split.testAbnormal));
  fs.writeFileSync(path.join(out, 'test_normal'), keysFile(split.testNormal));
  fs.writeFileSync(path.join(out, 'split.json'), JSON.stringify({ name, normal_copies: split.normalCopies, scale_normal: split.scaleNormal, ours }) + '\n');
}
