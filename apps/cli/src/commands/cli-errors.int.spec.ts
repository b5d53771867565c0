/**
 * `log-sentinel` as a real process (the compiled CLI; `npm run build` first): exit codes as
 * `--help` documents them, one message style for unusable input files, unbalanced
 * `--log-format`, binary input, train's progress on stderr and train's one summary shape.
 * Every input is a small file generated here.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { EXIT } from '../cli-error';
import { SUMMARY_FIELDS } from './train-summary';

const root = path.resolve(__dirname, '../../../..');
const cli = path.join(root, 'apps/cli/dist/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A one-line message on stderr, no stack trace. */
/** A DeepLog training option as the model `train` wrote records it (deeplog.json). */
function deeplogOption(r: Run, name: 'seed' | 'acceptProbability'): number {
  const dir = (JSON.parse(r.stdout) as { dir: string }).dir;
  return (JSON.parse(fs.readFileSync(path.join(dir, 'deeplog.json'), 'utf8')) as { training: { options: Record<string, number> } }).training.options[name]!;
}

function expectOneMessage(r: Run, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-errors-'));
const f = (name: string): string => path.join(tmp, name);

/** Normal key sessions: a fixed cycle of 10 keys, rotated per line. */
function keysText(lines: number): string {
  const cycle = [5, 22, 11, 9, 26, 23, 21, 4, 3, 2];
  return Array.from({ length: lines }, (_, i) => Array.from({ length: 12 }, (_, j) => cycle[(i + j) % cycle.length]).join(' ')).join('\n') + '\n';
}

/** Raw log lines with a header and a session id. */
function rawText(lines: number): string {
  const msgs = ['user login ok', 'cart updated items 3', 'payment accepted', 'user logout'];
  return Array.from({ length: lines }, (_, i) => `2024-01-01 10:00:${String(i % 60).padStart(2, '0')} INFO session=s${i % 7} ${msgs[i % msgs.length]}`).join('\n') + '\n';
}

beforeAll(() => {
  fs.writeFileSync(f('keys'), keysText(80));
  fs.writeFileSync(f('app.log'), rawText(200));
  fs.writeFileSync(f('app.ndjson'), rawText(120).trim().split('\n').map((l, i) => JSON.stringify({ message: l.slice(20), session: `s${i % 5}`, level: 'info' })).join('\n') + '\n');
  fs.writeFileSync(f('app.log.gz'), zlib.gzipSync(rawText(20)));
  fs.writeFileSync(f('nul.log'), Buffer.concat([Buffer.from('2024-01-01 10:00:00 INFO ok\n'), Buffer.from([0x61, 0x00, 0x62, 0x0a])]));
  fs.writeFileSync(f('late-nul.log'), Buffer.concat([Buffer.from(rawText(40)), Buffer.from([0x61, 0x00, 0x62, 0x0a])]));
  fs.mkdirSync(f('a-directory'));
  const k = run(['train', '--input', f('keys'), '--format', 'keys', '--out', f('keys-model'), '--epochs', '2', '--threads', '1']);
  if (k.code !== 0) throw new Error(`keys training failed: ${k.stderr}`);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('exit codes', () => {
  /** The exit codes a help text documents, from its "Exit codes" section. */
  function documentedCodes(help: string): number[] {
    const section = help.slice(help.indexOf('Exit codes'));
    return [...section.matchAll(/^\s+(\d)\s{2}/gm)].map((m) => Number(m[1]));
  }

  it.each([[[]], [['parse']], [['train']], [['detect']], [['eval']]])('%j --help documents exactly the codes the CLI uses: 0 and every EXIT value', (cmd) => {
    const r = run([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(documentedCodes(r.stdout).sort()).toEqual([0, ...Object.values(EXIT)].sort());
  });

  it('0: success', () => {
    const r = run(['parse', '--input', f('app.log'), '--out', f('parsed.jsonl')]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(f('parsed.jsonl'), 'utf8').trim().split('\n')).toHaveLength(200);
  });

  it('1: failure while running — the output cannot be written (file size limit: EFBIG), named without a stack trace', () => {
    const out = f('too-big.jsonl');
    const r = spawnSync('/bin/sh', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, cli, 'parse', '--input', f('app.log'), '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(EXIT.failure);
    expectOneMessage({ code: r.status, stdout: r.stdout, stderr: r.stderr }, new RegExp(`log-sentinel: parse: writing --out '${out}' failed: .*EFBIG`));
    expect(fs.readdirSync(tmp).filter((n) => n.includes('too-big'))).toEqual([]); // no partial output left behind
  });

  it.each([
    ['an unknown flag', ['parse', '--input', 'x', '--bogus'], /unknown option '--bogus'/],
    ['a missing required flag', ['train', '--format', 'keys', '--out', 'x'], /required option '--input <file>' not specified/],
    ['a bad --format', ['detect', '--model', 'm', '--input', 'x', '--format', 'csv'], /argument 'csv' is invalid/],
    ['a --value-confidence of 1 (no interval)', ['train', '--format', 'raw', '--input', 'x', '--out', 'x', '--value-confidence', '1'], /--value-confidence must be below 1/],
    ['--loganomaly with --format keys (no template text)', ['train', '--format', 'keys', '--input', 'x', '--out', 'x', '--loganomaly'], /--loganomaly applies to --format raw and ndjson; for --format keys give --loganomaly-templates/],
    ['--loganomaly-templates with --format raw', ['train', '--format', 'raw', '--input', 'x', '--out', 'x', '--loganomaly-templates', 'x'], /--loganomaly-templates applies to --format keys only \(got raw\); use --loganomaly/],
  ])('2: bad usage — %s', (_name, args, message) => {
    const r = run(args);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['detect --format keys', ['detect', '--format', 'keys', '--input', f('keys')]],
    ['detect --format raw', ['detect', '--format', 'raw', '--input', f('app.log')]],
    ['eval', ['eval', '--format', 'keys', '--normal', f('keys'), '--abnormal', f('keys')]],
  ])('3: %s with a --model directory that does not exist', (_name, args) => {
    const r = run([...args, '--model', f('no-model')]);
    expect(r.code).toBe(EXIT.model);
    expectOneMessage(r, /no-model/);
  });

  it('3: detect --format raw with a model trained on keys', () => {
    const r = run(['detect', '--format', 'raw', '--input', f('app.log'), '--model', f('keys-model')]);
    expect(r.code).toBe(EXIT.model);
    expectOneMessage(r, /keys/);
  });
});

/** Every command and flag that reads an input file, with the other arguments it needs. */
const INPUTS: [string, string, (file: string) => string[]][] = [
  ['parse', '--input', (x) => ['parse', '--input', x]],
  ['train', '--input', (x) => ['train', '--format', 'keys', '--input', x, '--out', f('unused-keys')]],
  ['train', '--input', (x) => ['train', '--format', 'raw', '--input', x, '--out', f('unused-raw')]],
  ['detect', '--input', (x) => ['detect', '--format', 'keys', '--model', f('keys-model'), '--input', x]],
  ['detect', '--input', (x) => ['detect', '--format', 'ndjson', '--model', f('keys-model'), '--input', x]],
  ['eval', '--normal', (x) => ['eval', '--format', 'keys', '--model', f('keys-model'), '--normal', x, '--abnormal', f('keys')]],
  ['eval', '--abnormal', (x) => ['eval', '--format', 'keys', '--model', f('keys-model'), '--normal', f('keys'), '--abnormal', x]],
];

describe('unusable input files: one message style, exit 2, no stack trace', () => {
  const quoted = (file: string): string => `'${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`;

  it.each(INPUTS)('%s %s: a missing file', (command, flag, args) => {
    const r = run(args(f('missing.log')));
    expect(r.code).toBe(EXIT.usage);
    expectOneMessage(r, new RegExp(`^log-sentinel: ${command}: cannot read ${flag} ${quoted(f('missing.log'))}: no such file\\n$`));
  });

  it.each(INPUTS)('%s %s: a directory', (command, flag, args) => {
    const r = run(args(f('a-directory')));
    expect(r.code).toBe(EXIT.usage);
    expectOneMessage(r, new RegExp(`^log-sentinel: ${command}: cannot read ${flag} ${quoted(f('a-directory'))}: it is a directory, not a file\\n$`));
  });

  it.each(INPUTS)('%s %s: a gzip file', (command, flag, args) => {
    const r = run(args(f('app.log.gz')));
    expect(r.code).toBe(EXIT.usage);
    expectOneMessage(r, new RegExp(`^log-sentinel: ${command}: cannot read ${flag} ${quoted(f('app.log.gz'))}: gzip-compressed data \\(decompress it first`));
  });

  it.each(INPUTS)('%s %s: an ELF executable', (command, flag, args) => {
    const r = run(args(process.execPath));
    expect(r.code).toBe(EXIT.usage);
    expectOneMessage(r, new RegExp(`^log-sentinel: ${command}: cannot read ${flag} ${quoted(process.execPath)}: an ELF executable`));
  });

  it.each(INPUTS)('%s %s: NUL bytes in the first KiB', (command, flag, args) => {
    const r = run(args(f('nul.log')));
    expect(r.code).toBe(EXIT.usage);
    expectOneMessage(r, new RegExp(`^log-sentinel: ${command}: cannot read ${flag} ${quoted(f('nul.log'))}: binary data \\(a NUL byte at offset 29\\), not a text log`));
  });

  it('a NUL byte after the first KiB is data, not a reason to refuse the file', () => {
    expect(fs.statSync(f('late-nul.log')).size).toBeGreaterThan(1024 + 4);
    const r = run(['parse', '--input', f('late-nul.log')]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(41);
  });
});

describe('--log-format problems are named', () => {
  const commands: [string, string[]][] = [
    ['parse', ['parse', '--input', f('app.log')]],
    ['train', ['train', '--format', 'raw', '--input', f('app.log'), '--out', f('unused')]],
    ['detect', ['detect', '--format', 'raw', '--input', f('app.log'), '--model', f('keys-model')]],
  ];
  const cases: [string, string, RegExp][] = [
    ['a < without its >', '<Date> <Time <Content>', /--log-format: log format "<Date> <Time <Content>" is unbalanced: a '<' without its closing '>' at character 8/],
    ['an unclosed <Content', '<Date> <Time> <Content', /--log-format: log format "<Date> <Time> <Content" is unbalanced: a '<' without its closing '>' at character 15/],
    ['a > without its <', '<Date> Time> <Content>', /--log-format: log format "<Date> Time> <Content>" is unbalanced: a '>' without its opening '<' at character 12/],
    ['no <Content>', '<Date> <Time> <Level>', /--log-format: log format "<Date> <Time> <Level>" has no <Content> field/],
  ];
  it.each(commands.flatMap(([cmd, args]) => cases.map(([name, format, message]) => [cmd, name, args, format, message] as const)))('%s: %s', (cmd, _name, args, format, message) => {
    const r = run([...args, '--log-format', format]);
    expect(r.code).toBe(EXIT.usage);
    expectOneMessage(r, new RegExp(`^log-sentinel: ${cmd}: ${message.source}`));
    expect(fs.existsSync(f('unused'))).toBe(false); // refused before any work
  });
});

describe('train', () => {
  const trainArgs: Record<string, string[]> = {
    keys: ['--format', 'keys', '--input', f('keys'), '--epochs', '2', '--threads', '1'],
    raw: ['--format', 'raw', '--input', f('app.log'), '--log-format', '<Date> <Time> <Level> <Content>', '--session-regex', 'session=(\\S+)'],
    ndjson: ['--format', 'ndjson', '--input', f('app.ndjson'), '--session-field', 'session'],
  };
  const results: Record<string, Run> = {};
  beforeAll(() => {
    for (const [format, args] of Object.entries(trainArgs)) results[format] = run(['train', ...args, '--out', f(`model-${format}`)]);
  });

  it.each(['keys', 'raw', 'ndjson'])('--format %s shows every DeepLog epoch on stderr as a plain line when stderr is not a TTY', (format) => {
    const r = results[format]!;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^train: training deeplog$/m);
    const epochs = [...r.stderr.matchAll(/^train: deeplog epoch (\d+)\/(\d+) loss \d+\.\d{4} val (\d+\.\d{4}|-)$/gm)].map((m) => Number(m[1]));
    const summary = JSON.parse(r.stdout) as { epochs: number };
    expect(epochs).toEqual(Array.from({ length: summary.epochs }, (_, i) => i + 1));
  });

  it('--format keys draws a cli-progress bar over the epochs when stderr is a TTY', () => {
    const cmd = [process.execPath, cli, 'train', ...trainArgs.keys!, '--out', f('model-tty')].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', `${cmd} >/dev/null`, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/train: deeplog epoch \[[\u2588\u2591]{10,}\] 2\/2 loss \d+\.\d{4} val/);
    expect(r.stdout).not.toMatch(/^train: deeplog epoch \d+\/\d+ loss/m);
  });

  it('prints one JSON line of the same fields, in the same order, for every format', () => {
    const shapes = Object.entries(results).map(([format, r]) => {
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(summary.format).toBe(format);
      expect(summary.model_dir).toBe(f(`model-${format}`));
      expect(fs.existsSync(path.join(summary.dir as string, 'manifest.json'))).toBe(true);
      for (const k of ['records', 'sessions', 'vocabulary', 'windows', 'distinct_windows', 'epochs', 'best_epoch', 'deeplog_train_s', 'seconds']) expect(typeof summary[k]).toBe('number');
      return Object.keys(summary);
    });
    for (const keys of shapes) expect(keys).toEqual(SUMMARY_FIELDS);
  });

  it('--seed sets the DeepLog training seed for raw input too (default 1)', () => {
    const seedOf = (r: Run): number => deeplogOption(r, 'seed');
    const seeded = run(['train', ...trainArgs.raw!, '--seed', '5', '--out', f('model-raw-seed')]);
    expect(seeded.code).toBe(0);
    expect(seedOf(seeded)).toBe(5);
    expect(seedOf(results.raw!)).toBe(1);
  });

  it('--format raw --loganomaly trains LogAnomaly beside DeepLog and reports its time and g (null without it)', () => {
    const r = run(['train', ...trainArgs.raw!, '--loganomaly', '--out', f('model-raw-la')]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { dir: string; loganomaly_train_s: unknown; loganomaly_top_g: unknown };
    expect(summary.loganomaly_train_s).toEqual(expect.any(Number));
    expect(summary.loganomaly_top_g).toEqual(expect.any(Number));
    for (const file of ['loganomaly.onnx', 'loganomaly.json']) expect(fs.existsSync(path.join(summary.dir, file))).toBe(true);
    const d = run(['detect', '--format', 'raw', '--model', f('model-raw-la'), '--input', f('app.log'), '--out', f('detect-la.jsonl')]);
    expect(d.code).toBe(0);
    expect(JSON.parse(results.raw!.stdout)).toMatchObject({ loganomaly_train_s: null, loganomaly_top_g: null });
  });

  it('--loganomaly-architecture two trains the paper\'s two LSTMs: loganomaly.json says two, and detect runs with it (raw and keys)', () => {
    const architectureOf = (r: Run): unknown => (JSON.parse(fs.readFileSync(path.join((JSON.parse(r.stdout) as { dir: string }).dir, 'loganomaly.json'), 'utf8')) as { architecture?: unknown }).architecture;
    const raw = run(['train', ...trainArgs.raw!, '--loganomaly', '--loganomaly-architecture', 'two', '--out', f('model-raw-la-two')]);
    expect(raw.code).toBe(0);
    expect(architectureOf(raw)).toBe('two');
    const d = run(['detect', '--format', 'raw', '--model', f('model-raw-la-two'), '--input', f('app.log'), '--out', f('detect-la-two.jsonl')]);
    expect(d.code).toBe(0);
    const kinds = fs.readFileSync(f('detect-la-two.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds.filter((k) => k === 'record')).toHaveLength(200);
    expect(kinds.filter((k) => k === 'session')).toHaveLength(7);
    fs.writeFileSync(f('templates.csv'), 'EventId,EventTemplate\n' + [5, 22, 11, 9, 26, 23, 21, 4, 3, 2].map((k) => `E${k},step ${k} of block <*>`).join('\n') + '\n');
    const keys = run(['train', ...trainArgs.keys!, '--loganomaly-templates', f('templates.csv'), '--loganomaly-architecture', 'two', '--out', f('model-keys-la-two')]);
    expect(keys.code).toBe(0);
    expect(architectureOf(keys)).toBe('two');
    const k = run(['detect', '--format', 'keys', '--model', f('model-keys-la-two'), '--input', f('keys'), '--out', f('detect-keys-la-two.jsonl')]);
    expect(k.code).toBe(0);
    const rows = fs.readFileSync(f('detect-keys-la-two.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { models: { loganomaly?: { top_g: number } } });
    expect(rows).toHaveLength(80);
    for (const r of rows) expect(r.models.loganomaly?.top_g).toEqual(expect.any(Number));
    // the default stays one LSTM
    expect(architectureOf(run(['train', ...trainArgs.raw!, '--loganomaly', '--out', f('model-raw-la-one')]))).toBe('one');
  });

  it.each([
    ['a value not in the list', ['--format', 'raw', '--loganomaly', '--loganomaly-architecture', 'three'], /--loganomaly-architecture must be one of: one, two \(got "three"\)/],
    ['raw input without --loganomaly', ['--format', 'raw', '--loganomaly-architecture', 'two'], /--loganomaly-architecture needs LogAnomaly: add --loganomaly \(--format raw\)/],
    ['keys without --loganomaly-templates', ['--format', 'keys', '--loganomaly-architecture', 'one'], /--loganomaly-architecture needs LogAnomaly: add --loganomaly-templates FILE \(--format keys\)/],
  ])('--loganomaly-architecture: %s exits 2 naming the flag, before training', (_name, args, message) => {
    const r = run(['train', '--input', f(args[1] === 'keys' ? 'keys' : 'app.log'), ...args, '--out', f('model-bad-architecture')]);
    expect(r.code).toBe(EXIT.usage);
    expectOneMessage(r, message);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(f('model-bad-architecture'))).toBe(false);
  });

  it('--accept-probability reaches DeepLog for raw input too (0 = pure top-g; default 3e-4)', () => {
    const acceptOf = (r: Run): number => deeplogOption(r, 'acceptProbability');
    const plain = run(['train', ...trainArgs.raw!, '--accept-probability', '0', '--out', f('model-raw-plain')]);
    expect(plain.code).toBe(0);
    expect(acceptOf(plain)).toBe(0);
    expect(acceptOf(results.raw!)).toBe(3e-4);
  });

  it('fills the fields each format has, and null where it has none', () => {
    const parsed = (format: string) => JSON.parse(results[format]!.stdout) as Record<string, unknown>;
    expect(parsed('keys')).toMatchObject({ records: 80 * 12, sessions: 80, templates: null, vocabulary: 10, epochs: 2, iforest_train_s: expect.any(Number) });
    expect(parsed('raw')).toMatchObject({ records: 200, sessions: 7, templates: 4, vocabulary: 4, iforest_train_s: null });
    expect(parsed('ndjson')).toMatchObject({ records: 120, sessions: 5, iforest_train_s: null });
  });
});
