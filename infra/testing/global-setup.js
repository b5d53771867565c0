// Integration tests need a real Elasticsearch: reuse one that answers at ELASTIC_ADDR
// (default http://127.0.0.1:9200) or start the local one with infra/elastic/es.sh. They
// also run libs from source, whose WebAssembly kernels are compiled first (wasm-setup.js).
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const wasmSetup = require('./wasm-setup');

module.exports = async function globalSetup() {
  await wasmSetup();
  const addr = process.env.ELASTIC_ADDR || 'http://127.0.0.1:9200';
  process.env.ELASTIC_ADDR = addr;
  if (await reachable(addr)) return;
  const script = path.join(__dirname, '..', 'elastic', 'es.sh');
  execFileSync('bash', [script, 'start'], { stdio: 'inherit', env: process.env });
  globalThis.__LOG_SENTINEL_STARTED_ES__ = true;
};

async function reachable(addr) {
  try {
    const res = await fetch(`${addr}/_cluster/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}
