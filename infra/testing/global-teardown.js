// Stops the local Elasticsearch only when the global set-up started it, unless
// LOG_SENTINEL_KEEP_ES=1 asks to keep it for the next run.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalTeardown() {
  if (!globalThis.__LOG_SENTINEL_STARTED_ES__ || process.env.LOG_SENTINEL_KEEP_ES === '1') return;
  execFileSync('bash', [path.join(__dirname, '..', 'elastic', 'es.sh'), 'stop'], { stdio: 'inherit' });
};
