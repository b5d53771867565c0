#!/usr/bin/env node
// Builds the web console into dist/public: esbuild bundles src/main.tsx (Preact, TypeScript)
// into one minified app.js; index.html and app.css are copied. No network, no CDN: the
// collector serves these files at GET /. Type checking is `tsc -b apps/console`'s job.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const src = path.join(__dirname, 'src');
const out = path.join(__dirname, 'dist', 'public');

async function main() {
  fs.mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(src, 'main.tsx')],
    outfile: path.join(out, 'app.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'app.css']) fs.copyFileSync(path.join(src, f), path.join(out, f));
}

main().catch((err) => {
  process.stderr.write(`console build failed: ${err.message}\n`);
  process.exit(1);
});
