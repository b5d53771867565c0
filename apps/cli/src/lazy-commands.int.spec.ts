/**
 * `log-sentinel` loads only the command it runs (apps/cli/src/main.ts): `parse` never loads
 * onnxruntime, which only the commands that use DeepLog need. The compiled CLI as a real
 * process (`npm run build` first), watched by a `--require` hook that names every module it loads.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'apps/cli/dist/main.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-lazy-'));
const hook = path.join(tmp, 'trace-loads.js');
const HDFS = path.join(root, 'testdata/loghub_2k/HDFS/HDFS_2k.log');

/** The bare package names the CLI loaded while running `args`. */
function packagesLoaded(args: string[]): Set<string> {
  const r = spawnSync(process.execPath, ['--require', hook, cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`log-sentinel ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return new Set([...r.stderr.matchAll(/^LOAD (\S+)$/gm)].map((m) => m[1]!));
}

beforeAll(() => {
  fs.writeFileSync(
    hook,
    `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:')) process.stderr.write('LOAD ' + request + '\\n');
  return load.call(this, request, ...rest);
};
`,
  );
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('commands load lazily', () => {
  it('parse runs without loading onnxruntime', () => {
    const loaded = packagesLoaded(['parse', '--input', HDFS, '--out', path.join(tmp, 'parsed.jsonl')]);
    expect(loaded).toContain('@log-sentinel/drain');
    expect([...loaded].filter((p) => p.startsWith('onnxruntime'))).toEqual([]);
  });

  it('detect, which scores with DeepLog, does load it (the hook sees what a command loads)', () => {
    expect(packagesLoaded(['detect', '--help'])).toContain('onnxruntime-node');
  });
});
