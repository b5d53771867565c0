#!/usr/bin/env node
// `log-sentinel` entry point. Runs the compiled CLI; on a fresh clone where
// `npm run build` has not run yet, builds once first.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const main = path.join(__dirname, '..', 'dist', 'main.js');
if (!fs.existsSync(main)) {
  const root = path.join(__dirname, '..', '..', '..');
  process.stderr.write('log-sentinel: first run, building the workspace (npm run build)…\n');
  const { execFileSync } = require('node:child_process');
  const projects = ['libs', 'apps'].flatMap((top) => fs.readdirSync(path.join(root, top)).map((d) => `${top}/${d}`));
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', ...projects], {
    cwd: root,
    stdio: 'inherit',
  });
}
require(main);
