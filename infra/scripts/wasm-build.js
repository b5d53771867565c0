#!/usr/bin/env node
// Compiles the WebAssembly kernels written in the text format (libs/*/wasm/*.wat) to
// binaries beside them (*.wasm, not committed) with wabt's wat2wasm, SIMD enabled. Run by
// `npm run build` and by jest's global set-up, so a fresh clone gets the binaries either
// way; a binary newer than its source is left alone. Exit 1 names the file that fails.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** The .wat sources of every lib. */
function sources() {
  const libs = path.join(root, 'libs');
  const out = [];
  for (const lib of fs.readdirSync(libs)) {
    const dir = path.join(libs, lib, 'wasm');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.wat')) out.push(path.join(dir, f));
  }
  return out.sort();
}

/** Compiles every stale kernel; returns the paths written. */
async function buildWasm() {
  const stale = sources().filter((wat) => {
    const wasm = wat.replace(/\.wat$/, '.wasm');
    return !fs.existsSync(wasm) || fs.statSync(wasm).mtimeMs < fs.statSync(wat).mtimeMs;
  });
  if (stale.length === 0) return [];
  const wabt = await require('wabt')();
  const written = [];
  for (const wat of stale) {
    const rel = path.relative(root, wat);
    let mod;
    try {
      mod = wabt.parseWat(rel, fs.readFileSync(wat, 'utf8'), { simd: true });
      mod.validate();
      const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
      const wasm = wat.replace(/\.wat$/, '.wasm');
      const tmp = `${wasm}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, buffer);
      fs.renameSync(tmp, wasm);
      written.push(wasm);
    } catch (err) {
      throw new Error(`${rel}: ${err.message}`);
    } finally {
      mod?.destroy();
    }
  }
  return written;
}

module.exports = { buildWasm };

if (require.main === module) {
  buildWasm().then(
    (written) => {
      for (const w of written) process.stderr.write(`wasm-build: ${path.relative(root, w)}\n`);
    },
    (err) => {
      process.stderr.write(`wasm-build: ${err.message}\n`);
      process.exit(1);
    },
  );
}
