#!/usr/bin/env node
// `npm run bench [NAME] [-- args]`: builds, then runs the benchmark NAME of apps/bench
// (`node apps/bench/dist/main.js NAME args`; data: testdata/, or `-- --data DIR`; docs/benchmarks.md "Data").
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
try {
  execFileSync(process.execPath, [path.join(root, 'apps/bench/dist/main.js'), ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
} catch (err) {
  process.exit(typeof err.status === 'number' ? err.status : 1);
}
