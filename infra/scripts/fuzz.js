#!/usr/bin/env node
// `npm run fuzz [-- args]`: builds, then runs the fuzz suite (apps/fuzz) against real
// collector and detector processes and the Elasticsearch at ELASTIC_ADDR (docs/collector.md, "Fuzzing").
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
try {
  execFileSync(process.execPath, [path.join(root, 'apps/fuzz/dist/main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
} catch (err) {
  process.exit(typeof err.status === 'number' ? err.status : 1);
}
