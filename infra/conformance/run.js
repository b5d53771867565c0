#!/usr/bin/env node
// `npm run conformance`: real shippers against a real collector (not part of `npm test`).
// Each shipper tails a generated file of --lines lines (default 100,000) and ships it to a
// collector started here (built: `npm run build`) on free loopback ports, which writes to the
// Elasticsearch at ELASTIC_ADDR (default http://127.0.0.1:9200). The check: every line is in
// Elasticsearch exactly once (lost = lines never indexed, duplicated = lines indexed twice),
// and the throughput from the shipper's start to the last line indexed. With --direct,
// Filebeat and rsyslog's omelasticsearch are also run straight to Elasticsearch `_bulk` for
// comparison (Filebeat's needs a full Elasticsearch: the integ-test distribution of
// `npm run es:start` has no `GET /`, which Filebeat requires, and answers it 405; rsyslog
// sends `_bulk` without probing). Prints one JSON line per run, then a summary;
// exits 1 when a run lost or duplicated a line or could not run.
//
// Shippers (built once, cached in infra/conformance/.bin, or taken from PATH):
//   filebeat  go build ./filebeat in the Go module github.com/elastic/beats/v7@v7.17.29 (~3 min)
//   otelcol   go.opentelemetry.io/collector/cmd/builder@v0.165.0: filelog + otlphttp (~5 min)
//   rsyslog   apt-get install rsyslog rsyslog-elasticsearch (as root; replaces syslog-ng)
// Usage: node infra/conformance/run.js [--lines N] [--only filebeat,otelcol,rsyslog] [--direct]
// (FILEBEAT_BIN / OTELCOL_BIN: use those binaries instead of building)
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(__dirname, '.bin');
const ES = process.env.ELASTIC_ADDR || 'http://127.0.0.1:9200';
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const LINES = Number(opt('--lines', '100000'));
const ONLY = opt('--only', 'filebeat,otelcol,rsyslog').split(',');
if (!Number.isInteger(LINES) || LINES < 1) fail(`--lines must be a positive integer, got ${opt('--lines')}`);
for (const s of ONLY) if (!['filebeat', 'otelcol', 'rsyslog'].includes(s)) fail(`--only: unknown shipper "${s}" (filebeat, otelcol, rsyslog)`);

function fail(msg) {
  process.stderr.write(`conformance: ${msg}\n`);
  process.exit(1);
}
const log = (msg) => process.stderr.write(`conformance: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function es(method, p, body) {
  const res = await fetch(new URL(p, ES), { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return res.json();
}

/** Messages in the indices matching `pattern`, counted by text (scroll). */
async function messageCounts(pattern) {
  await es('POST', `/${pattern}/_refresh?ignore_unavailable=true&allow_no_indices=true`);
  const counts = new Map();
  let r = await es('POST', `/${pattern}/_search?scroll=1m&ignore_unavailable=true&allow_no_indices=true`, { size: 10000, _source: ['message'] });
  while (r.hits && r.hits.hits.length) {
    for (const h of r.hits.hits) counts.set(h._source.message, (counts.get(h._source.message) || 0) + 1);
    r = await es('POST', '/_search/scroll', { scroll: '1m', scroll_id: r._scroll_id });
  }
  return counts;
}

async function count(pattern) {
  await es('POST', `/${pattern}/_refresh?ignore_unavailable=true&allow_no_indices=true`);
  return (await es('GET', `/${pattern}/_count?ignore_unavailable=true&allow_no_indices=true`)).count || 0;
}

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function goBin() {
  const go = which('go') || (fs.existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) fail('Go is needed to build the shippers (see DESIGN: Go 1.26 and the module proxy)');
  return go;
}

/** BIN/name, built by `build(go, out)` the first time only (announced with `what`). */
function ensureBuilt(name, what, build) {
  const out = path.join(BIN, name);
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(BIN, { recursive: true });
  const go = goBin();
  log(what);
  build(go, out);
  return out;
}

function ensureFilebeat() {
  return ensureBuilt('filebeat', 'building Filebeat 7.17.29 from the Go module proxy (first time only, ~3 min)', (go, out) => {
    const info = JSON.parse(execFileSync(go, ['mod', 'download', '-json', 'github.com/elastic/beats/v7@v7.17.29'], { cwd: os.tmpdir(), encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } }));
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'beats-'));
    fs.cpSync(info.Dir, src, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', src]);
    execFileSync(go, ['build', '-o', out, './filebeat'], { cwd: src, stdio: ['ignore', 'inherit', 'inherit'] });
    fs.rmSync(src, { recursive: true, force: true });
  });
}

function ensureOtelcol() {
  return ensureBuilt('otelcol-sentinel', 'building the OpenTelemetry Collector (filelog, otlphttp) with builder v0.165.0 (first time only, ~5 min)', (go, out) => {
    const gopath = execFileSync(go, ['env', 'GOPATH'], { encoding: 'utf8' }).trim();
    execFileSync(go, ['install', 'go.opentelemetry.io/collector/cmd/builder@v0.165.0'], { stdio: ['ignore', 'inherit', 'inherit'] });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'otelcol-'));
    const manifest = path.join(work, 'manifest.yaml');
    fs.writeFileSync(
      manifest,
      [
        'dist:',
        '  name: otelcol-sentinel',
        '  description: OpenTelemetry Collector for Log Sentinel conformance',
        `  output_path: ${work}/dist`,
        'receivers:',
        '  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/receiver/filelogreceiver v0.165.0',
        'exporters:',
        '  - gomod: go.opentelemetry.io/collector/exporter/otlphttpexporter v0.165.0',
        'processors:',
        '  - gomod: go.opentelemetry.io/collector/processor/batchprocessor v0.165.0',
        '',
      ].join('\n'),
    );
    execFileSync(path.join(gopath, 'bin', 'builder'), ['--config', manifest], { stdio: ['ignore', 'inherit', 'inherit'] });
    fs.copyFileSync(path.join(work, 'dist', 'otelcol-sentinel'), out);
    fs.chmodSync(out, 0o755);
    fs.rmSync(work, { recursive: true, force: true });
  });
}

function ensureRsyslog() {
  const have = which('rsyslogd');
  if (have && fs.existsSync('/usr/lib/x86_64-linux-gnu/rsyslog/omelasticsearch.so')) return have;
  if (process.getuid && process.getuid() !== 0) fail('rsyslog is missing: apt-get install rsyslog rsyslog-elasticsearch (as root)');
  log('apt-get install rsyslog rsyslog-elasticsearch');
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'rsyslog', 'rsyslog-elasticsearch'], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return which('rsyslogd');
}

function startProc(cmd, argv, env, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(15000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

async function startCollector(dir, prefix, extraEnv) {
  const port = await freePort();
  const proc = startProc(process.execPath, [path.join(ROOT, 'apps/collector/dist/main.js')], {
    COLLECTOR_PORT: String(port), COLLECTOR_HOST: '127.0.0.1', ELASTIC_ADDR: ES, ELASTIC_INDEX: prefix, LOG_SENTINEL_DIR: 'off',
    DETECTOR_ADDR: process.env.DETECTOR_ADDR || 'off', SPOOL_DIR: path.join(dir, 'spool'), COLLECTOR_STATE_DIR: path.join(dir, 'state'), LOG_LEVEL: 'warn', ...extraEnv,
  }, path.join(dir, 'collector.log'));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { proc, url, port };
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  await proc.stop();
  throw new Error(`collector did not become ready (see ${dir}/collector.log)`);
}

/** Runs one shipper against a fresh index pattern; returns the result line. */
async function runOne(name, pattern, dir, file, start) {
  const t0 = Date.now();
  const stop = await start();
  let last = -1;
  let lastChange = Date.now();
  let n = 0;
  let doneAt = 0;
  while (Date.now() - lastChange < 60000) {
    await sleep(1000);
    n = await count(pattern);
    if (n !== last) {
      last = n;
      lastChange = Date.now();
    }
    if (n >= LINES) {
      doneAt = Date.now();
      await sleep(3000); // a duplicate that would follow shows up
      break;
    }
  }
  await stop();
  const counts = await messageCounts(pattern);
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < LINES; i++) {
    const c = counts.get(lineText(file.tag, i)) || 0;
    if (c === 0) lost++;
    if (c > 1) duplicated += c - 1;
  }
  const seconds = ((doneAt || Date.now()) - t0) / 1000;
  return { shipper: name, lines: LINES, indexed: [...counts.values()].reduce((a, b) => a + b, 0), lost, duplicated, seconds: Number(seconds.toFixed(1)), linesPerSecond: doneAt ? Math.round(LINES / seconds) : null, dir };
}

const lineText = (tag, i) => `${tag} conformance line ${i} user=u${i % 97} status=${i % 13 === 0 ? 500 : 200}`;

function writeLines(file, tag) {
  const fd = fs.openSync(file, 'w');
  let buf = '';
  for (let i = 0; i < LINES; i++) {
    buf += lineText(tag, i) + '\n';
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { path: file, tag };
}

async function withRun(name, fn) {
  const tag = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `conformance-${name}-`));
  const prefix = `conformance-${tag}`;
  const file = writeLines(path.join(dir, 'app.log'), tag);
  try {
    const result = await fn({ dir, prefix, file, tag });
    process.stdout.write(JSON.stringify(result) + '\n');
    return result;
  } catch (err) {
    const result = { shipper: name, error: err.message, dir };
    process.stdout.write(JSON.stringify(result) + '\n');
    return result;
  } finally {
    for (const idx of (await fetch(new URL(`/_cat/indices/${prefix}*?format=json&h=index`, ES)).then((r) => (r.ok ? r.json() : []))).map((r) => r.index)) await es('DELETE', `/${idx}`);
    await es('DELETE', `/_index_template/${prefix}`).catch(() => undefined);
  }
}

const filebeatConfig = (dir, file, output) =>
  [
    'filebeat.inputs:',
    '  - type: filestream',
    '    id: conformance',
    `    paths: [${file.path}]`,
    ...output,
    'setup.ilm.enabled: false',
    'logging.level: warning',
    `path.data: ${dir}/fb-data`,
    `path.logs: ${dir}/fb-logs`,
    '',
  ].join('\n');

async function filebeat(bin, direct) {
  return withRun(direct ? 'filebeat-direct' : 'filebeat', async ({ dir, prefix, file }) => {
    const index = `${prefix}-direct`;
    const c = direct ? undefined : await startCollector(dir, prefix, {});
    const output = direct
      ? ['output.elasticsearch:', `  hosts: ["${ES}"]`, `  index: "${index}"`, 'setup.template.name: "' + index + '"', 'setup.template.pattern: "' + index + '*"', 'setup.template.enabled: false']
      : ['output.elasticsearch:', `  hosts: ["${c.url}"]`, '  path: /es', '  compression_level: 1', 'setup.template.enabled: false'];
    const cfg = path.join(dir, 'filebeat.yml');
    fs.writeFileSync(cfg, filebeatConfig(dir, file, output), { mode: 0o600 });
    const r = await runOne(direct ? 'filebeat-direct' : 'filebeat', direct ? `${index}*` : `${prefix}-*`, dir, file, async () => {
      const fb = startProc(bin, ['-e', '-c', cfg, '--path.home', dir], {}, path.join(dir, 'filebeat.log'));
      return () => fb.stop();
    });
    await c?.proc.stop();
    return r;
  });
}

async function otelcol(bin, encoding) {
  return withRun(`otelcol-${encoding}`, async ({ dir, prefix, file }) => {
    const c = await startCollector(dir, prefix, {});
    const cfg = path.join(dir, 'otelcol.yaml');
    fs.writeFileSync(
      cfg,
      [
        'receivers:',
        '  filelog:',
        `    include: [${file.path}]`,
        '    start_at: beginning',
        'processors:',
        '  batch: {}',
        'exporters:',
        '  otlphttp:',
        `    endpoint: ${c.url}`,
        '    compression: gzip',
        `    encoding: ${encoding}`,
        'service:',
        '  telemetry:',
        '    metrics:',
        '      level: none',
        '  pipelines:',
        '    logs:',
        '      receivers: [filelog]',
        '      processors: [batch]',
        '      exporters: [otlphttp]',
        '',
      ].join('\n'),
    );
    const r = await runOne(`otelcol-${encoding}`, `${prefix}-*`, dir, file, async () => {
      const p = startProc(bin, ['--config', cfg], {}, path.join(dir, 'otelcol.log'));
      return () => p.stop();
    });
    await c.proc.stop();
    return r;
  });
}

async function rsyslog(bin, mode) {
  return withRun(`rsyslog-${mode}`, async ({ dir, prefix, file }) => {
    const esPort = await freePort();
    const sysPort = await freePort();
    // direct: the same omelasticsearch action straight to Elasticsearch's _bulk, the baseline the collector is compared with
    const direct = mode === 'direct';
    const c = direct ? undefined : await startCollector(dir, prefix, mode === 'omelasticsearch' ? { ES_COMPAT_PORT: String(esPort) } : { SYSLOG_TCP_PORT: String(sysPort), SYSLOG_HOST: '127.0.0.1' });
    fs.mkdirSync(path.join(dir, 'rs-work'));
    const esUrl = new URL(ES);
    const action = direct
      ? `action(type="omelasticsearch" server="${esUrl.hostname}" serverport="${esUrl.port || 9200}" searchIndex="${prefix}-direct" esVersion.major="8" bulkmode="on" template="ls-json" errorFile="${dir}/es-errors.json")`
      : mode === 'omelasticsearch'
        ? `action(type="omelasticsearch" server="127.0.0.1" serverport="${esPort}" searchIndex="app" bulkmode="on" template="ls-json" errorFile="${dir}/es-errors.json")`
        : `action(type="omfwd" target="127.0.0.1" port="${sysPort}" protocol="tcp" TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")`;
    const cfg = path.join(dir, 'rsyslog.conf');
    fs.writeFileSync(
      cfg,
      [
        `global(workDirectory="${dir}/rs-work")`,
        'module(load="imfile")',
        mode === 'omfwd' ? '' : 'module(load="omelasticsearch")',
        'template(name="ls-json" type="list" option.jsonf="on") {',
        '  property(outname="@timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")',
        '  property(outname="host.name" name="hostname" format="jsonf")',
        '  property(outname="service.name" name="programname" format="jsonf")',
        '  property(outname="message" name="msg" format="jsonf")',
        '}',
        `ruleset(name="out") { ${action} }`,
        `input(type="imfile" File="${file.path}" Tag="app" ruleset="out")`,
        '',
      ].join('\n'),
    );
    const r = await runOne(`rsyslog-${mode}`, `${prefix}-*`, dir, file, async () => {
      const p = startProc(bin, ['-n', '-f', cfg, '-i', path.join(dir, 'rsyslogd.pid')], {}, path.join(dir, 'rsyslog.log'));
      return () => p.stop();
    });
    await c?.proc.stop();
    return r;
  });
}

(async () => {
  if (!fs.existsSync(path.join(ROOT, 'apps/collector/dist/main.js'))) fail('build first: npm run build');
  try {
    await es('GET', '/');
  } catch {
    fail(`no Elasticsearch at ${ES} (npm run es:start)`);
  }
  const results = [];
  if (ONLY.includes('filebeat')) {
    const bin = process.env.FILEBEAT_BIN || ensureFilebeat();
    results.push(await filebeat(bin, false));
    if (args.includes('--direct')) results.push(await filebeat(bin, true));
  }
  if (ONLY.includes('otelcol')) {
    const bin = process.env.OTELCOL_BIN || ensureOtelcol();
    results.push(await otelcol(bin, 'proto'), await otelcol(bin, 'json'));
  }
  if (ONLY.includes('rsyslog')) {
    const bin = ensureRsyslog();
    results.push(await rsyslog(bin, 'omelasticsearch'), await rsyslog(bin, 'omfwd'));
    if (args.includes('--direct')) results.push(await rsyslog(bin, 'direct'));
  }
  const bad = results.filter((r) => r.error || r.lost || r.duplicated);
  process.stdout.write(JSON.stringify({ summary: results.map((r) => ({ shipper: r.shipper, lost: r.lost, duplicated: r.duplicated, linesPerSecond: r.linesPerSecond, error: r.error })), ok: bad.length === 0 }) + '\n');
  process.exit(bad.length ? 1 : 0);
})();
