/** `log-sentinel-bench` (what `npm run bench` runs) as a real process: default data is testdata/; bad data is one line and exit 2. */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './bench-data';

const bin = path.join(repoRoot(), 'apps', 'bench', 'dist', 'main.js');

function bench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
}

describe('log-sentinel-bench data', () => {
  it('runs drain speed on testdata/ by default (parses the real HDFS_2k lines)', () => {
    const r = bench('drain', '--skip-accuracy', '--lines', '2000', '--runs', '1');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { speed: { lines: number; runs: number } };
    expect(result.speed).toMatchObject({ lines: 2000, runs: 1 });
  });

  it('names a missing --data directory in one line, exit 2, no stack trace', () => {
    const missing = path.join(os.tmpdir(), `no-such-bench-data-${process.pid}`);
    for (const name of ['drain', 'deeplog', 'deeplog-cv', 'iforest', 'detector', 'collector']) {
      const r = bench(name, '--data', missing);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`log-sentinel-bench: data directory ${missing} does not exist or is not a directory (--data DIR: laid out like testdata/, see docs/benchmarks.md)\n`);
      expect(r.stdout).toBe('');
    }
  });

  it('says where to get the corrected ground truth, which testdata/ does not carry', () => {
    const r = bench('drain', '--skip-speed');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(path.join(repoRoot(), 'testdata', 'loghub_2k_corrected', 'HDFS', 'HDFS_2k.log_structured_corrected.csv'));
    expect(r.stderr).toContain('logpai/logparser data/loghub_2k_corrected');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
