#!/usr/bin/env node
// Generates code for proto/ into libs/proto:
// - static/: the wire codec the detector and its client run on — protobufjs-cli's static
//   module (`pbjs -t static-module`, one encoder/decoder per message, no .proto read at run
//   time) and its TypeScript declarations (`pbts`). int64/uint64 are Long (`--force-long`).
//   It lives in its own protobufjs root (`-r`, CODEC_ROOT), not in `protobuf.roots.default`:
//   other generated modules in the same process (winston-loki's `logproto`, OpenTelemetry's
//   root) share the default root, and a second `google.protobuf.Timestamp` there replaces the
//   first — the codec's (encode/decode only) broke winston-loki's `verify` (issue 19).
// - src/generated/: @grpc/proto-loader's types, for stock proto-loader clients (tests, tools).
// `--check` regenerates into a temp dir and fails (exit 1) when the committed code differs,
// so stale generated code cannot land.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'libs/proto/src/generated');
const staticDir = path.join(root, 'libs/proto/static');
const protoFiles = ['sentinel/detector/v1/detector.proto'];
/** The codec's own `protobuf.roots` name. */
const CODEC_ROOT = 'log-sentinel-detector';

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

function generateStatic(target) {
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const js = path.join(target, 'detector.js');
  execFileSync(
    path.join(root, 'node_modules/.bin/pbjs'),
    [
      '-t', 'static-module', '-w', 'commonjs', '-r', CODEC_ROOT, '--keep-case', '--force-long',
      // only what the codec uses: encode/decode (no verify, JSON conversion, delimited or RPC stubs)
      '--no-create', '--no-verify', '--no-convert', '--no-delimited', '--no-typeurl', '--no-service',
      '-o', js, ...protoFiles,
    ],
    { cwd: path.join(root, 'proto'), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  execFileSync(path.join(root, 'node_modules/.bin/pbts'), ['-o', path.join(target, 'detector.d.ts'), js], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

if (process.argv.includes('--check')) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-gen-'));
  const problems = [];
  for (const [gen, dir] of [[generate, outDir], [generateStatic, staticDir]]) {
    const t = path.join(tmp, path.basename(dir));
    gen(t);
    const want = listFiles(t).sort();
    const have = fs.existsSync(dir) ? listFiles(dir).sort() : [];
    const stale = want.filter((f) => !have.includes(f) || fs.readFileSync(path.join(t, f), 'utf8') !== fs.readFileSync(path.join(dir, f), 'utf8'));
    const extra = have.filter((f) => !want.includes(f));
    problems.push(...[...stale, ...extra].map((f) => path.relative(root, path.join(dir, f))));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (problems.length) {
    process.stderr.write(`proto:check: generated code is stale (${problems.join(', ')}); run \`npm run proto:gen\`\n`);
    process.exit(1);
  }
  process.stdout.write('proto:check: generated code is up to date\n');
} else {
  generate(outDir);
  generateStatic(staticDir);
  process.stdout.write(`proto:gen: wrote ${path.relative(root, outDir)} and ${path.relative(root, staticDir)}\n`);
}
