import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { flaggedIndexes, writeSplit } from './split-files';

describe('writeSplit', () => {
  it('writes the four session files in the keys format and split.json with our verdicts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-files-'));
    try {
      const split = { trainNormal: [[5, 22, 5], [5, 22]], trainAbnormal: [], normalCopies: 57, testAbnormal: [[5, 22]], testNormal: [[22, 5, 11, 9]], scaleNormal: 279112 };
      writeSplit(dir, 'uniform', split, { components: 5, flagged_abnormal: flaggedIndexes([false, true, true]) });
      const read = (f: string): string => fs.readFileSync(path.join(dir, 'uniform', f), 'utf8');
      expect(read('train_normal')).toBe('5 22 5\n5 22\n');
      expect(read('train_abnormal')).toBe('');
      expect(read('test_abnormal')).toBe('5 22\n');
      expect(read('test_normal')).toBe('22 5 11 9\n');
      expect(JSON.parse(read('split.json'))).toEqual({ name: 'uniform', normal_copies: 57, scale_normal: 279112, ours: { components: 5, flagged_abnormal: [1, 2] } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
