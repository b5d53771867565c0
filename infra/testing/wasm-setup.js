// Unit tests run the libs from source: compile their WebAssembly kernels (libs/*/wasm/*.wat)
// first, as `npm run build` does, so a fresh clone needs no build before `jest`.
'use strict';
const { buildWasm } = require('../scripts/wasm-build');

module.exports = async function wasmSetup() {
  await buildWasm();
};
