/** Where the benchmarks find their data: `--data DIR`, else testdata/; missing paths are named. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchDataDir, benchDataFile, repoRoot } from './bench-data';
import { CliError } from '@log-sentinel/cli-kit';

const testdata = path.join(repoRoot(), 'testdata');

function cliError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
}

describe('benchDataDir', () => {
  it("defaults to the repository's testdata/, which holds the loghub and DeepLog files", () => {
    expect(benchDataDir(['--skip-speed'])).toBe(testdata);
    expect(fs.existsSync(path.join(benchDataDir([]), 'hdfs_deeplog', 'hdfs_train'))).toBe(true);
  });

  it('takes --data DIR, resolved against the working directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
    try {
      expect(benchDataDir(['--runs', '1', '--data', dir])).toBe(dir);
      expect(benchDataDir(['--data', path.relative(process.cwd(), dir)])).toBe(dir);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('names a missing directory, a file given as the directory and a --data without a value', () => {
    const missing = path.join(os.tmpdir(), `no-such-bench-data-${process.pid}`);
    const e = cliError(() => benchDataDir(['--data', missing]));
    expect(e.message).toContain(missing);
    expect(e.exitCode).toBe(2);
    const file = path.join(testdata, 'README.md');
    expect(cliError(() => benchDataDir(['--data', file])).message).toContain(`${file} does not exist or is not a directory`);
    expect(cliError(() => benchDataDir(['--data'])).message).toBe('--data needs a directory (laid out like testdata/, see docs/benchmarks.md)');
    expect(cliError(() => benchDataDir(['--data', '--skip-speed'])).message).toMatch(/^--data needs a directory/);
  });
});

describe('benchDataFile', () => {
  it('returns the path of a file that is there', () => {
    expect(benchDataFile('drain', testdata, ['loghub_2k', 'log_formats.json'])).toBe(path.join(testdata, 'loghub_2k', 'log_formats.json'));
  });

  it('names a missing file, the public source of its directory and the hint', () => {
    const e = cliError(() => benchDataFile('drain', testdata, ['loghub_2k_corrected', 'HDFS', 'HDFS_2k.log_structured_corrected.csv'], '--skip-accuracy measures the speed alone'));
    expect(e.message).toBe(
      `bench drain: missing ${path.join(testdata, 'loghub_2k_corrected', 'HDFS', 'HDFS_2k.log_structured_corrected.csv')}; ` +
        'get loghub_2k_corrected/ from logpai/logparser data/loghub_2k_corrected (not in testdata/) and pass the directory holding it as --data DIR ' +
        '(--skip-accuracy measures the speed alone); see docs/benchmarks.md "Data"',
    );
    expect(cliError(() => benchDataFile('x', testdata, ['unknown', 'f'])).message).toBe(`bench x: missing ${path.join(testdata, 'unknown', 'f')}; see docs/benchmarks.md "Data"`);
  });
});
