#!/usr/bin/env node
// Generates TypeScript types for proto/ into libs/proto/src/generated with
// @grpc/proto-loader's generator. `--check` regenerates into a temp dir and fails
// (exit 1) when the committed code differs, so stale generated code cannot land.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'libs/proto/src/generated');
const protoFiles = ['sentinel/detector/v1/detector.proto'];

function generate(target) {
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const bin = path.join(root, 'node_modules/.bin/proto-loader-gen-types');
  execFileSync(
    bin,
    [
      '--keepCase', '--longs=String', '--enums=String', '--defaults', '--oneofs', '--grpcLib=@grpc/grpc-js',
      '--includeComments', '-I', '.', '-O', target, ...protoFiles,
    ],
    // Run from proto/ with relative paths so the generated headers hold no absolute path.
    { cwd: path.join(root, 'proto'), stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

if (process.argv.includes('--check')) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-gen-'));
  generate(tmp);
  const want = listFiles(tmp).sort();
  const have = fs.existsSync(outDir) ? listFiles(outDir).sort() : [];
  const stale = want.filter((f) => !have.includes(f) || fs.readFileSync(path.join(tmp, f), 'utf8') !== fs.readFileSync(path.join(outDir, f), 'utf8'));
  const extra = have.filter((f) => !want.includes(f));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (stale.length || extra.length) {
    process.stderr.write(`proto:check: generated code is stale (${[...stale, ...extra].join(', ')}); run \`npm run proto:gen\`\n`);
    process.exit(1);
  }
  process.stdout.write('proto:check: generated code is up to date\n');
} else {
  generate(outDir);
  process.stdout.write(`proto:gen: wrote ${path.relative(root, outDir)}\n`);
}
