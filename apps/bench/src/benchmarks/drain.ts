/**
 * `npm run bench:drain`: grouping accuracy of the default Drain configuration on the 12 loghub_2k
 * systems (original and corrected ground truth) and the speed of `log-sentinel parse` as a whole
 * process on 1,000,000 HDFS lines, beside the time Node needs to merely read the same lines.
 * Table on stderr, JSON on stdout. Args: `--skip-speed`, `--skip-accuracy`, `--skip-loso` (the
 * leave-one-system-out validation, drain-loso.ts), `--lines N`, `--runs N`, `--drain3-lines N`
 * (Drain3 baseline on the first N lines, default 100000; drain3-baseline.ts), `--skip-drain3`,
 * `--data DIR` (default `<repo root>/testdata`; the accuracy part also needs
 * `loghub_2k_corrected/`, which testdata/ does not carry: docs/benchmarks.md "Data").
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogFormat, TemplateMiner, groupingAccuracy, parsingAccuracy, templateAccuracy } from '@log-sentinel/drain';
import { benchDataDir, benchDataFile, readCsv, repoRoot } from '../bench-data';
import { CliError } from '@log-sentinel/cli-kit';
import { runDrain3, type Drain3Result } from './drain3-baseline';
import { leaveOneSystemOut, losoTable, type SystemData } from './drain-loso';

/** The 12 loghub_2k systems with logparser's published Drain grouping accuracy (docs/benchmarks.md). */
export const PUBLISHED_DRAIN_GA: Readonly<Record<string, number>> = {
  HDFS: 0.998,
  Hadoop: 0.948,
  Spark: 0.92,
  Zookeeper: 0.967,
  BGL: 0.963,
  HPC: 0.887,
  Windows: 0.997,
  Linux: 0.69,
  Android: 0.911,
  Apache: 1.0,
  Proxifier: 0.527,
  OpenSSH: 0.788,
};

function column(csvPath: string, name: string): string[] {
  const rows = readCsv(csvPath);
  const k = rows[0]!.indexOf(name);
  if (k < 0) throw new Error(`${csvPath} has no ${name} column`);
  return rows.slice(1).filter((r) => r.length > 1).map((r) => r[k]!);
}

function readLines(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Accuracy of one system. */
export interface SystemAccuracy {
  system: string;
  ga: number;
  gaCorrected: number;
  /** Parsing accuracy against the corrected templates. */
  paCorrected: number;
  /** Template accuracy (FTA, with PTA and RTA) against the corrected templates. */
  ftaCorrected: number;
  ptaCorrected: number;
  rtaCorrected: number;
  published: number;
  delta: number;
  templates: number;
  truthTemplates: number;
  unmatchedHeaders: number;
}

/** Parses one loghub_2k system with the defaults and scores the grouping. */
export function systemAccuracy(dataDir: string, system: string, format: string): SystemAccuracy {
  const lines = readLines(path.join(dataDir, 'loghub_2k', system, `${system}_2k.log`));
  const logFormat = LogFormat.compile(format);
  const miner = new TemplateMiner();
  const added = lines.map((l) => miner.add(logFormat.parse(l).content).cluster);
  const ids = added.map((c) => c.groupId);
  const finalTemplates = added.map((c) => miner.get(c.id)?.template ?? c.template);
  const truth = column(path.join(dataDir, 'loghub_2k', system, `${system}_2k.log_structured.csv`), 'EventId');
  const corrected = column(
    path.join(dataDir, 'loghub_2k_corrected', system, `${system}_2k.log_structured_corrected.csv`),
    'EventTemplate',
  );
  const ga = groupingAccuracy(ids, truth);
  const ta = templateAccuracy(ids, finalTemplates, corrected);
  const published = PUBLISHED_DRAIN_GA[system]!;
  return {
    system,
    ga,
    gaCorrected: groupingAccuracy(ids, corrected),
    paCorrected: parsingAccuracy(finalTemplates, corrected),
    ftaCorrected: ta.fta,
    ptaCorrected: ta.pta,
    rtaCorrected: ta.rta,
    published,
    delta: ga - published,
    templates: new Set(ids).size,
    truthTemplates: new Set(truth).size,
    unmatchedHeaders: logFormat.unmatched,
  };
}

function accuracy(dataDir: string): { systems: SystemAccuracy[]; meanGa: number; meanGaCorrected: number; meanPaCorrected: number; meanFtaCorrected: number; meanPublished: number; met: boolean } {
  const formats = JSON.parse(fs.readFileSync(path.join(dataDir, 'loghub_2k', 'log_formats.json'), 'utf8')) as Record<string, { log_format: string }>;
  const systems = Object.keys(PUBLISHED_DRAIN_GA).map((s) => systemAccuracy(dataDir, s, formats[s]!.log_format));
  const mean = (f: (s: SystemAccuracy) => number): number => systems.reduce((a, s) => a + f(s), 0) / systems.length;
  const meanGa = mean((s) => s.ga);
  const out = {
    systems,
    meanGa,
    meanGaCorrected: mean((s) => s.gaCorrected),
    meanPaCorrected: mean((s) => s.paCorrected),
    meanFtaCorrected: mean((s) => s.ftaCorrected),
    meanPublished: mean((s) => s.published),
    met: false,
  };
  out.met = meanGa >= 0.97;
  const f3 = (x: number): string => x.toFixed(3);
  const rows = systems.map((s) =>
    [s.system.padEnd(10), f3(s.ga), f3(s.gaCorrected), f3(s.paCorrected), f3(s.ftaCorrected), f3(s.published), (s.delta >= 0 ? '+' : '') + f3(s.delta), String(s.templates).padStart(5), String(s.truthTemplates).padStart(5)].join('  '),
  );
  process.stderr.write(
    [
      'system      GA     GA(corr) PA(corr) FTA(corr) publ.  delta   ours  truth',
      ...rows,
      `mean        ${f3(meanGa)}  ${f3(out.meanGaCorrected)}  ${f3(out.meanPaCorrected)}  ${f3(out.meanFtaCorrected)}  ${f3(out.meanPublished)}`,
      `target (mean GA >= 0.97): ${out.met ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'),
  );
  return out;
}

/** The 12 systems' contents and ground-truth event ids (loghub_2k only), for the LOSO part. */
function losoData(dataDir: string): SystemData[] {
  const formats = JSON.parse(fs.readFileSync(path.join(dataDir, 'loghub_2k', 'log_formats.json'), 'utf8')) as Record<string, { log_format: string }>;
  return Object.keys(PUBLISHED_DRAIN_GA).map((system) => {
    const logFormat = LogFormat.compile(formats[system]!.log_format);
    const contents = readLines(path.join(dataDir, 'loghub_2k', system, `${system}_2k.log`)).map((l) => logFormat.parse(l).content);
    const truth = column(path.join(dataDir, 'loghub_2k', system, `${system}_2k.log_structured.csv`), 'EventId');
    return { system, contents, truth };
  });
}

/** Leave-one-system-out: the configuration chosen on 11 systems, scored on the 12th (target: mean >= 0.95). */
function loso(dataDir: string): Record<string, unknown> {
  const r = leaveOneSystemOut(losoData(dataDir));
  process.stderr.write(losoTable(r));
  const met = r.kept.meanHeldOutGa >= 0.95;
  process.stderr.write(`target (leave-one-system-out mean >= 0.95): ${met ? 'met' : 'NOT met'}\n`);
  return { ...r, target: 0.95, met };
}

/** Node script that only reads a file's lines (same chunked reading and decoding as `parse`). */
const READ_LINES_SCRIPT = `
const fs = require('node:fs'); const { StringDecoder } = require('node:string_decoder');
(async () => { const d = new StringDecoder('utf8'); let carry = '', n = 0, chars = 0;
  for await (const chunk of fs.createReadStream(process.argv[1], { highWaterMark: 1 << 16 })) {
    const t = d.write(chunk); let s = 0;
    for (;;) { const nl = t.indexOf('\\n', s); if (nl < 0) break; const line = (carry === '' ? '' : carry) + t.slice(s, nl); carry = ''; chars += line.length; n++; s = nl + 1; }
    carry += t.slice(s); }
  if (carry + d.end() !== '') n++; const u = process.cpuUsage(); process.stdout.write(n + ' ' + (u.user + u.system) / 1e6); })();`;

/** Node script that reads a file's lines with readline (the idiomatic way). */
const READLINE_SCRIPT = `
const fs = require('node:fs'); const readline = require('node:readline');
(async () => { let n = 0; for await (const _ of readline.createInterface({ input: fs.createReadStream(process.argv[1]), crlfDelay: Infinity })) n++;
  process.stdout.write(String(n)); })();`;

function timeProcess(args: string[]): { seconds: number; stdout: string; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, stdout: r.stdout, stderr: r.stderr };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Target of the whole `parse` process: lines per second, or at most this many times Node's read floor. */
const SPEED_TARGET = 1_000_000;
const READ_FLOOR_FACTOR = 3;
/** Target peak RSS of `parse` on 1M lines. */
const RSS_TARGET_MIB = 80;

function speed(dataDir: string, lines: number, runs: number, drain3Lines: number): Record<string, unknown> {
  const formats = JSON.parse(fs.readFileSync(path.join(dataDir, 'loghub_2k', 'log_formats.json'), 'utf8')) as Record<string, { log_format: string }>;
  const source = fs.readFileSync(path.join(dataDir, 'loghub_2k', 'HDFS', 'HDFS_2k.log'), 'utf8');
  const sourceLines = source.endsWith('\n') ? source : source + '\n';
  const perCopy = readLines(path.join(dataDir, 'loghub_2k', 'HDFS', 'HDFS_2k.log')).length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drain-bench-'));
  try {
    const input = path.join(dir, 'hdfs.log');
    const fd = fs.openSync(input, 'w');
    let written = 0;
    while (written + perCopy <= lines) {
      fs.writeSync(fd, sourceLines);
      written += perCopy;
    }
    fs.closeSync(fd);
    const bytes = fs.statSync(input).size;
    const main = path.join(repoRoot(), 'apps', 'cli', 'dist', 'main.js');
    const out = path.join(dir, 'out.jsonl');
    const parseS: number[] = [];
    const readS: number[] = [];
    const readlineS: number[] = [];
    const readCpuS: number[] = [];
    const parseCpuS: number[] = [];
    const parseRssMiB: number[] = [];
    for (let r = 0; r < runs; r++) {
      process.stderr.write(`speed run ${r + 1}/${runs}…\n`);
      const read = timeProcess(['-e', READ_LINES_SCRIPT, input]);
      readS.push(read.seconds);
      readCpuS.push(Number(read.stdout.split(' ')[1]));
      readlineS.push(timeProcess(['-e', READLINE_SCRIPT, input]).seconds);
      const parse = timeProcess([main, 'parse', '--input', input, '--log-format', formats.HDFS!.log_format, '--out', out]);
      parseS.push(parse.seconds);
      parseCpuS.push(Number(/cpu ([\d.]+) s/.exec(parse.stderr)?.[1] ?? NaN));
      parseRssMiB.push(Number(/peak RSS (\d+) MiB/.exec(parse.stderr)?.[1] ?? NaN));
      const outLines = readLines(out).length;
      if (outLines !== written) throw new Error(`parse wrote ${outLines} lines for ${written} input lines`);
    }
    const parseSeconds = median(parseS);
    const readSeconds = median(readS);
    const linesPerSecond = Math.round(written / parseSeconds);
    const peakRssMiB = Math.max(...parseRssMiB);
    const speedMet = linesPerSecond >= SPEED_TARGET || parseSeconds / readSeconds <= READ_FLOOR_FACTOR;
    const rssMet = peakRssMiB <= RSS_TARGET_MIB;
    process.stderr.write(drain3Lines > 0 ? `Drain3 on the first ${drain3Lines} lines…\n` : '');
    const drain3: Drain3Result = drain3Lines > 0 ? runDrain3(input, drain3Lines, formats.HDFS!.log_format, dir) : { ran: false, reason: '--skip-drain3' };
    const result = {
      lines: written,
      inputBytes: bytes,
      runs,
      parseSeconds,
      parseSecondsAll: parseS,
      parseCpuSeconds: median(parseCpuS),
      parseCpuSecondsAll: parseCpuS,
      parseRssMiBAll: parseRssMiB,
      linesPerCpuSecond: Math.round(written / median(parseCpuS)),
      linesPerSecond,
      readLinesSeconds: readSeconds,
      readLinesSecondsAll: readS,
      readLinesCpuSeconds: median(readCpuS),
      readlineSeconds: median(readlineS),
      parseToReadRatio: parseSeconds / readSeconds,
      parseToReadlineRatio: parseSeconds / median(readlineS),
      peakRssMiB,
      drain3,
      ratioToDrain3: drain3.ran ? linesPerSecond / drain3.linesPerSecond : null,
      loadavgAfter: os.loadavg(),
      target: { linesPerSecond: SPEED_TARGET, orParseToReadRatioAtMost: READ_FLOOR_FACTOR, peakRssMiB: RSS_TARGET_MIB },
      speedMet,
      rssMet,
      met: speedMet && rssMet,
    };
    process.stderr.write(
      `parse ${written} HDFS lines: ${parseSeconds.toFixed(2)} s = ${linesPerSecond} lines/s, peak RSS ${peakRssMiB} MiB ` +
        `(target ${SPEED_TARGET} lines/s or <= ${READ_FLOOR_FACTOR}x the read floor: ${speedMet ? 'met' : 'NOT met'}; <= ${RSS_TARGET_MIB} MiB: ${rssMet ? 'met' : 'NOT met'}); ` +
        (drain3.ran ? `Drain3 ${drain3.linesPerSecond} lines/s on ${drain3.lines} lines, ${drain3.peakRssMiB} MiB (ratio ${(linesPerSecond / drain3.linesPerSecond).toFixed(1)}); ` : `Drain3 not run: ${drain3.reason}; `) +
        `reading the lines alone ${readSeconds.toFixed(2)} s (readline ${result.readlineSeconds.toFixed(2)} s); ratio ${result.parseToReadRatio.toFixed(2)}; ` +
        `parse cpu ${result.parseCpuSeconds.toFixed(2)} s = ${result.linesPerCpuSecond} lines per cpu-second; load average ${os.loadavg()[0]!.toFixed(1)}\n`,
    );
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function argValue(args: string[], name: string, fallback: number): number {
  const k = args.indexOf(name);
  if (k < 0) return fallback;
  const v = Number(args[k + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new CliError(`${name} needs a positive integer`);
  return v;
}

/** Fails before any work when a file the selected parts read is missing. */
function checkData(dataDir: string, withAccuracy: boolean, withSpeed: boolean, withLoso: boolean): void {
  benchDataFile('drain', dataDir, ['loghub_2k', 'log_formats.json']);
  if (withSpeed) benchDataFile('drain', dataDir, ['loghub_2k', 'HDFS', 'HDFS_2k.log']);
  if (!withAccuracy && !withLoso) return;
  for (const s of Object.keys(PUBLISHED_DRAIN_GA)) {
    benchDataFile('drain', dataDir, ['loghub_2k', s, `${s}_2k.log`]);
    benchDataFile('drain', dataDir, ['loghub_2k', s, `${s}_2k.log_structured.csv`]);
    if (withAccuracy) benchDataFile('drain', dataDir, ['loghub_2k_corrected', s, `${s}_2k.log_structured_corrected.csv`], '--skip-accuracy measures the rest without it');
  }
}

/** Runs the benchmark; prints and returns the JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const dataDir = benchDataDir(args);
  checkData(dataDir, !args.includes('--skip-accuracy'), !args.includes('--skip-speed'), !args.includes('--skip-loso'));
  const result: Record<string, unknown> = { benchmark: 'drain', node: process.version, cpus: os.cpus().length, loadavg: os.loadavg() };
  if (!args.includes('--skip-accuracy')) result.accuracy = accuracy(dataDir);
  if (!args.includes('--skip-loso')) result.loso = loso(dataDir);
  if (!args.includes('--skip-speed')) {
    const drain3Lines = args.includes('--skip-drain3') ? 0 : argValue(args, '--drain3-lines', 100_000);
    result.speed = speed(dataDir, argValue(args, '--lines', 1_000_000), argValue(args, '--runs', 3), drain3Lines);
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return Promise.resolve(result);
}
