#!/usr/bin/env node
// Measures what merging Detect calls across concurrent requests (DETECTOR_LINGER_MS) buys:
// starts the built detector (learning mode, so every call is cheap and equal) and, for each
// linger value, the built collector (Elasticsearch off), then 32 keep-alive clients POST
// 10-record NDJSON bodies for 8 s. Prints one JSON line per run: requests/s, records/s,
// Detect calls (from the collector's latency histogram), records per call, p50/p99 ms.
// Usage (after `npx tsc -b apps/collector apps/detector`), from the repo root:
//   flock /tmp/log-sentinel-bench.lock node apps/collector/bench/detect-merge.js [--detectors N] [linger...]
// With --detectors N (default 1), N detector processes serve one collector (DETECTOR_ADDR
// lists them; each session goes to one). Records carry 30 session ids.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLIENTS = 32;
const RECORDS_PER_POST = 10;
const SECONDS = 8;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check) {
  for (let i = 0; i < 300; i++) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error('timed out waiting for a process to start');
}

async function runOnce(lingerMs, detectorAddr, tmp) {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const dir = fs.mkdtempSync(path.join(tmp, 'collector-'));
  const env = { ...process.env, COLLECTOR_PORT: String(port), COLLECTOR_HOST: '127.0.0.1', ELASTIC_ADDR: 'off', LOG_SENTINEL_DIR: 'off', SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), DETECTOR_ADDR: detectorAddr, DETECTOR_LINGER_MS: String(lingerMs), LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, [path.join(ROOT, 'apps/collector/dist/main.js')], { env, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${url}/healthz`)).ok);
    const body = Array.from({ length: RECORDS_PER_POST }, (_, i) => JSON.stringify({ timestamp: '2026-06-01T12:00:00.000Z', level: 'INFO', message: `Receiving block blk_${i} src: /10.250.19.102:54106 dest: /10.250.19.102:50010`, service: 'hdfs', host: `n${i % 3}`, session_id: `blk_${(i * 7 + Math.floor(Math.random() * 30)) % 30}` })).join('\n') + '\n';
    const calls = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return [...text.matchAll(/^collector_detector_latency_seconds_count\{[^}]*\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    };
    const post = async () => {
      const res = await fetch(`${url}/logs`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      await res.text();
      if (res.status !== 200) throw new Error(`POST /logs answered ${res.status}`);
    };
    for (let i = 0; i < 50; i++) await post();
    const calls0 = await calls();
    const started = Date.now();
    const end = started + SECONDS * 1000;
    const latencies = [];
    let records = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < end) {
          const t = Date.now();
          await post();
          latencies.push(Date.now() - t);
          records += RECORDS_PER_POST;
        }
      }),
    );
    const secs = (Date.now() - started) / 1000;
    const detectCalls = (await calls()) - calls0;
    latencies.sort((a, b) => a - b);
    return {
      detectors: detectorAddr.split(',').length,
      lingerMs,
      requestsPerSec: Math.round(records / RECORDS_PER_POST / secs),
      recordsPerSec: Math.round(records / secs),
      detectCalls,
      recordsPerCall: Number((records / detectCalls).toFixed(1)),
      p50Ms: latencies[latencies.length >> 1],
      p99Ms: latencies[Math.floor(latencies.length * 0.99)],
      loadAvg1m: Number(os.loadavg()[0].toFixed(2)),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main() {
  const args = process.argv.slice(2);
  const d = args.indexOf('--detectors');
  const count = d >= 0 ? Number(args.splice(d, 2)[1]) : 1;
  if (!Number.isInteger(count) || count < 1) throw new Error('--detectors must be a positive integer');
  const lingers = args.map(Number);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-merge-'));
  const base = 51000 + Math.floor(Math.random() * 900);
  const detectors = Array.from({ length: count }, (_, i) =>
    spawn(process.execPath, [path.join(ROOT, 'apps/detector/dist/main.js')], {
      env: { ...process.env, DETECTOR_API_KEYS: '', DETECTOR_ADMIN_KEYS: '', DETECTOR_PORT: String(base + i), DETECTOR_HOST: '127.0.0.1', DETECTOR_METRICS_PORT: '0', MODEL_DIR: path.join(tmp, `models-${i}`), DETECTOR_LEARNING_RECORDS: '10000000', LOG_LEVEL: 'error' },
      stdio: 'inherit',
    }),
  );
  const addrs = detectors.map((_, i) => `127.0.0.1:${base + i}`).join(',');
  try {
    await sleep(2000);
    for (const l of lingers.length ? lingers : [0, 2, 0, 2]) process.stdout.write(JSON.stringify(await runOnce(l, addrs, tmp)) + '\n');
  } finally {
    for (const det of detectors) det.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`detect-merge: ${err.message}\n`);
  process.exit(1);
});
