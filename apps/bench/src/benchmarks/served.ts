/**
 * `npm run bench:served` (issue 11, "detection as users get it"): the DeepLog HDFS sessions
 * scored three ways in one run, side by side, with the same session-level scoring and the
 * shared full-scale estimate (FP rate scaled to 553,366 normal sessions):
 * - keys: `log-sentinel train/detect --format keys` on the key files (the DeepLog benchmark format);
 * - cli: the sessions rendered as raw HDFS lines (hdfs/hdfs-render.ts, ~50 blocks interleaved),
 *   `train --format raw` on the rendered training set, `detect --format raw` on the rendered
 *   test set (normal and abnormal sessions mixed in one log); a session is flagged when any of
 *   its records is, or its `kind: "session"` verdict is;
 * - served: the real detector serving the model of `cli`, every rendered test line sent whole
 *   over gRPC Detect with no session id, then CloseSessions for every session id it named.
 * Plus BGL_2k per line through the CLI and the served path. The CLI is run as a child process
 * (`node apps/cli/dist/main.js`), as a user runs it.
 * JSON on stdout, progress on stderr. Flags: --data DIR (default <repo>/testdata; holds
 * hdfs_deeplog/ and labeled_raw/), --seed N (rendering, default 1), --train-seed N (DeepLog training seed of
 * every path, default the trainer's), --concurrency N (open
 * blocks, default 50), --batch N (Detect batch, default 500), --skip-plain, --with-key-floor, --skip-bgl,
 * --loganomaly (the raw model also carries LogAnomaly, `train --loganomaly`; the served path then
 * reports LogAnomaly alone: sessions whose verdict holds a `loganomaly.*` reason),
 * --keep DIR (keep the rendered logs, models and outputs there).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { argValue, benchDataDir, benchDataFile, repoRoot } from '../bench-data';
import { readKeySessions } from '@log-sentinel/keys-workflow';
import { HDFS_LOG_FORMAT, HDFS_SESSION_REGEX, renderHdfsSessions } from '@log-sentinel/hdfs-logs';
import { runCli } from './process/cli-process';
import { startBenchDetector } from './process/detector-process';
import { bglPerLine } from './served/bgl-per-line';
import { readDetectOutput } from './served/detect-output';
import { closeSessions, detectLines, detectorClient, waitForModel, type ClosePhase } from './served/served-path';
import { pathScore, scoreDelta, SessionFlags, type PathScore } from './served/session-score';

const log = (msg: string): void => void process.stderr.write(`bench:served ${msg}\n`);

function intFlag(args: string[], name: string, def: number): number {
  const v = argValue(args, name);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${v}`);
  return n;
}

/** The plain variant's training flags: pure top-g, every added rule and model switched off. */
const PLAIN_RAW_FLAGS = ['--accept-probability', '0', '--key-floor', '0', '--workflow-threshold', '0', '--invariants-support', '0', '--no-count-range', '--value-confidence', '0'];
/** DeepLog's own reasons (an unseen template is DeepLog's anomaly: its key is not in the vocabulary). */
const DEEPLOG_REASONS = new Set(['deeplog.unexpected_key', 'deeplog.missing_step', 'drain.new_template']);

const load = (): number[] => os.loadavg().map((x) => Number(x.toFixed(2)));

/** The rendered test log: lines, the source session of each line, the label of each session. */
interface RenderedTest {
  lines: string[];
  lineSession: Int32Array;
  abnormal: boolean[];
}

/** Renders sessions to `file`; returns the lines and the source session of each. */
function renderTo(file: string, sessions: number[][], seed: number, concurrency: number): { lines: string[]; lineSession: Int32Array } {
  const lines: string[] = [];
  const owner: number[] = [];
  for (const l of renderHdfsSessions(sessions, { seed, concurrency })) {
    lines.push(l.text);
    owner.push(l.session);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { lines, lineSession: Int32Array.from(owner) };
}

/** Keys path: train on hdfs_train, detect both test files; `extra` adds train flags (the plain variant). */
async function keysPath(root: string, data: string, tmp: string, name: string, extra: string[]): Promise<{ score: PathScore; train_s: number; detect_s: number; commands: string[] }> {
  const model = path.join(tmp, `${name}-model`);
  const train = await runCli(root, ['train', '--format', 'keys', '--input', path.join(data, 'hdfs_train'), '--out', model, ...extra], `${name} train`, log);
  const flags: Record<string, boolean[]> = {};
  const commands = [train.command];
  let detectS = 0;
  for (const f of ['hdfs_test_abnormal', 'hdfs_test_normal_subset']) {
    const out = path.join(tmp, `${name}-${f}.jsonl`);
    const d = await runCli(root, ['detect', '--model', model, '--format', 'keys', '--input', path.join(data, f), '--out', out], `${name} detect`, log);
    commands.push(d.command);
    detectS += d.seconds;
    flags[f] = fs
      .readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { is_anomaly: boolean }).is_anomaly);
  }
  return { score: pathScore(flags.hdfs_test_abnormal!, flags.hdfs_test_normal_subset!), train_s: train.seconds, detect_s: Number(detectS.toFixed(2)), commands };
}

/**
 * Served path: the detector on `model`, every test line over Detect, then CloseSessions;
 * then the model's own training lines, whole, to count how many of them it flags.
 */
async function servedPath(root: string, model: string, test: RenderedTest, trainLines: readonly string[], batch: number, loganomaly: boolean): Promise<Record<string, unknown>> {
  const server = await startBenchDetector(root, model);
  const client = detectorClient(server.port);
  try {
    const version = await waitForModel(client);
    log(`served: detector pid ${server.child.pid} port ${server.port} model ${version}; ${test.lines.length} lines in batches of ${batch}`);
    const flags = new SessionFlags(test.abnormal);
    // LogAnomaly alone (--loganomaly): a session flagged when its session verdict carries a loganomaly.* reason
    const laFlags = new SessionFlags(test.abnormal);
    const isLa = (v: { reasons: string[] }): boolean => v.reasons.some((r) => r.startsWith('loganomaly.'));
    const idle: { session_id: string; is_anomaly: boolean; reasons: string[] }[] = [];
    const detect = await detectLines(
      client,
      test.lines,
      batch,
      (i, r) => {
        flags.record(test.lineSession[i]!, r.session_id, r.is_anomaly);
        laFlags.record(test.lineSession[i]!, r.session_id, false);
      },
      (v) => {
        idle.push(v);
        laFlags.sessionVerdict(v.session_id, isLa(v));
      },
      (done) => log(`served: ${done} lines sent`),
    );
    const ids = flags.sessionIds();
    log(`served: Detect done in ${detect.seconds} s, ${ids.length} session ids; CloseSessions …`);
    const verdicts: { session_id: string; is_anomaly: boolean; reasons: string[] }[] = [...idle];
    const close: ClosePhase = await closeSessions(client, ids, 5000, (v) => {
      verdicts.push(v);
      laFlags.sessionVerdict(v.session_id, isLa(v));
    });
    for (const v of verdicts) flags.sessionVerdict(v.session_id, v.is_anomaly);
    // Its own training data, as whole raw lines: (the bar: at most 0.5% flagged)
    log(`served: the model's own ${trainLines.length} training lines …`);
    let ownFlagged = 0;
    const own = await detectLines(client, trainLines, batch, (_i, r) => (ownFlagged += r.is_anomaly ? 1 : 0), () => undefined, () => undefined);
    return {
      own_training_lines: { lines: trainLines.length, flagged: ownFlagged, flagged_rate: Number((ownFlagged / trainLines.length).toFixed(5)), seconds: own.seconds },
      model_version: version,
      sessions: flags.score('sessions'),
      records_only: flags.score('records'),
      loganomaly_alone: loganomaly ? laFlags.score('sessions') : null,
      detect,
      close_sessions: close,
      idle_closed_verdicts: idle.length,
      session_ids: ids.length,
      sessions_with_verdict: flags.sessionsWithVerdict(),
      flagged_only_by_session_verdict: flags.flaggedOnlyByVerdict(),
      conflicting_session_ids: flags.conflictingIds,
      unmatched_session_verdicts: flags.unmatchedVerdicts,
      sigterm_exit_code: await server.stop(),
    };
  } finally {
    client.close();
    await server.kill9();
  }
}

/** Runs the benchmark and prints its JSON result. */
export async function run(args: string[]): Promise<unknown> {
  const root = repoRoot();
  const dataRoot = benchDataDir(args);
  for (const f of ['hdfs_train', 'hdfs_test_abnormal', 'hdfs_test_normal_subset']) benchDataFile('served', dataRoot, ['hdfs_deeplog', f]);
  if (!args.includes('--skip-bgl')) benchDataFile('served', dataRoot, ['labeled_raw', 'BGL_2k', 'BGL_2k.log'], 'or pass --skip-bgl');
  const data = path.join(dataRoot, 'hdfs_deeplog');
  const seed = intFlag(args, '--seed', 1);
  // DeepLog training seed of every path (default: the trainer's, 1)
  const trainSeed = argValue(args, '--train-seed');
  const seedArgs = trainSeed !== undefined ? ['--seed', String(intFlag(args, '--train-seed', 1))] : [];
  const concurrency = intFlag(args, '--concurrency', 50);
  const batch = intFlag(args, '--batch', 500);
  const keep = argValue(args, '--keep');
  const withLogAnomaly = args.includes('--loganomaly');
  const tmp = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-served-'));
  fs.mkdirSync(tmp, { recursive: true });
  const loadBefore = load();
  const t0 = performance.now();
  try {
    const train = readKeySessions(path.join(data, 'hdfs_train'));
    const abnormal = readKeySessions(path.join(data, 'hdfs_test_abnormal'));
    const normal = readKeySessions(path.join(data, 'hdfs_test_normal_subset'));

    // One test log, normal and abnormal blocks mixed in a seeded order, as a real log mixes them.
    const order = new SeededRandom(seed).shuffle(Int32Array.from({ length: normal.length + abnormal.length }, (_, i) => i));
    const testSessions = [...order].map((i) => (i < normal.length ? normal[i]! : abnormal[i - normal.length]!));
    const testLabels = [...order].map((i) => i >= normal.length);
    const r0 = performance.now();
    const trainFile = path.join(tmp, 'hdfs_train.log');
    const testFile = path.join(tmp, 'hdfs_test.log');
    const renderedTrain = renderTo(trainFile, train, seed, concurrency);
    const renderedTest = renderTo(testFile, testSessions, seed + 1, concurrency);
    const test: RenderedTest = { ...renderedTest, abnormal: testLabels };
    const renderS = Number(((performance.now() - r0) / 1000).toFixed(2));
    log(`rendered ${renderedTrain.lines.length} training and ${test.lines.length} test lines in ${renderS} s into ${tmp}`);

    log('keys path …');
    const keys = await keysPath(root, data, tmp, 'keys', seedArgs);
    const keysPlain = args.includes('--skip-plain') ? null : await keysPath(root, data, tmp, 'keys-plain', [...seedArgs, '--accept-probability', '0', '--key-floor', '0', '--workflow-threshold', '0', '--invariants-support', '0', '--no-count-range']);
    // the previous default: the accept probability alone; and the key floor the cross-validation preferred
    const keysNoWorkflow = args.includes('--skip-plain') ? null : await keysPath(root, data, tmp, 'keys-no-workflow', [...seedArgs, '--workflow-threshold', '0', '--invariants-support', '0', '--no-count-range']);
    // the default without Invariants Mining (the default before it)
    const keysNoInvariants = args.includes('--skip-plain') ? null : await keysPath(root, data, tmp, 'keys-no-invariants', [...seedArgs, '--invariants-support', '0', '--no-count-range']);
    // the default without the count-range check (the default between the re-run of deeplog-cv with the new invariants and the one with the repetition kind)
    const keysNoCounts = args.includes('--skip-plain') ? null : await keysPath(root, data, tmp, 'keys-no-count-range', [...seedArgs, '--no-count-range']);
    const keysFloor = args.includes('--skip-plain') || !args.includes('--with-key-floor') ? null : await keysPath(root, data, tmp, 'keys-floor', [...seedArgs, '--key-floor', '0.1']);

    log('CLI raw path …');
    const rawModel = path.join(tmp, 'raw-model');
    const rawTrain = await runCli(
      root,
      ['train', '--format', 'raw', '--input', trainFile, '--log-format', HDFS_LOG_FORMAT, '--session-regex', HDFS_SESSION_REGEX, '--out', rawModel, ...seedArgs, ...(withLogAnomaly ? ['--loganomaly'] : [])],
      'raw train',
      log,
    );
    const rawOut = path.join(tmp, 'raw-detect.jsonl');
    const rawDetect = await runCli(root, ['detect', '--model', rawModel, '--format', 'raw', '--input', testFile, '--out', rawOut], 'raw detect', log);
    const cliFlags = new SessionFlags(test.abnormal);
    const cliCounts = await readDetectOutput(rawOut, test.lineSession, cliFlags);
    const cli = {
      sessions: cliFlags.score('sessions'),
      records_only: cliFlags.score('records'),
      records: cliCounts.records,
      session_lines: cliCounts.sessionLines,
      session_ids: cliFlags.sessionIds().length,
      sessions_with_verdict: cliFlags.sessionsWithVerdict(),
      flagged_only_by_session_verdict: cliFlags.flaggedOnlyByVerdict(),
      conflicting_session_ids: cliFlags.conflictingIds,
      unmatched_session_verdicts: cliFlags.unmatchedVerdicts,
      train_s: rawTrain.seconds,
      detect_s: rawDetect.seconds,
      commands: [rawTrain.command, rawDetect.command],
    };

    // The plain variant on raw lines: pure top-g DeepLog and nothing else (the rules switched off
    // at training; a session counts as flagged only by DeepLog's own reasons, not the forest's)
    let cliPlain: Record<string, unknown> | null = null;
    if (!args.includes('--skip-plain')) {
      const plainModel = path.join(tmp, 'raw-plain-model');
      const plainTrain = await runCli(root, ['train', '--format', 'raw', '--input', trainFile, '--log-format', HDFS_LOG_FORMAT, '--session-regex', HDFS_SESSION_REGEX, '--out', plainModel, ...seedArgs, ...PLAIN_RAW_FLAGS], 'raw plain train', log);
      const plainOut = path.join(tmp, 'raw-plain-detect.jsonl');
      const plainDetect = await runCli(root, ['detect', '--model', plainModel, '--format', 'raw', '--input', testFile, '--out', plainOut], 'raw plain detect', log);
      const plainFlags = new SessionFlags(test.abnormal);
      await readDetectOutput(plainOut, test.lineSession, plainFlags, (o) => (o.reasons ?? []).some((r) => DEEPLOG_REASONS.has(r)));
      cliPlain = { rule: `train ${PLAIN_RAW_FLAGS.join(' ')}; flagged by ${[...DEEPLOG_REASONS].join(', ')} only`, sessions: plainFlags.score('sessions'), train_s: plainTrain.seconds, detect_s: plainDetect.seconds, commands: [plainTrain.command, plainDetect.command] };
    }

    log('served path …');
    let served: Record<string, unknown>;
    try {
      served = await servedPath(root, rawModel, test, renderedTrain.lines, batch, withLogAnomaly);
    } catch (err) {
      served = { error: (err as Error).message };
    }
    const servedScore = served.sessions as PathScore | undefined;

    const bgl = args.includes('--skip-bgl') ? null : await bglPerLine(root, path.join(dataRoot, 'labeled_raw', 'BGL_2k', 'BGL_2k.log'), tmp, batch, log);

    const result = {
      benchmark: 'served',
      command: `npm run bench:served -- ${args.join(' ')}`.trim(),
      data: {
        dir: dataRoot,
        train_sessions: train.length,
        abnormal_sessions: abnormal.length,
        normal_sessions: normal.length,
        rendered_train_lines: renderedTrain.lines.length,
        rendered_test_lines: test.lines.length,
        render: { seed, concurrency, seconds: renderS, log_format: HDFS_LOG_FORMAT, session_regex: HDFS_SESSION_REGEX },
      },
      rule: 'a session is flagged when any of its records is flagged or its session verdict is; FP rate on the normal subset scaled to 553,366 normal sessions',
      keys: { ...keys.score, train_s: keys.train_s, detect_s: keys.detect_s, commands: keys.commands },
      keys_plain: keysPlain ? { rule: 'train --accept-probability 0 --key-floor 0 --workflow-threshold 0 --invariants-support 0 (pure top-g: no accept probability, no key floor, no workflow check, no invariants, no count range)', ...keysPlain.score, train_s: keysPlain.train_s, detect_s: keysPlain.detect_s } : null,
      keys_accept_only: keysNoWorkflow ? { rule: 'train --workflow-threshold 0 --invariants-support 0 --no-count-range (the accept probability alone, the default before the workflow check)', ...keysNoWorkflow.score, train_s: keysNoWorkflow.train_s, detect_s: keysNoWorkflow.detect_s } : null,
      keys_no_invariants: keysNoInvariants ? { rule: 'train --invariants-support 0 --no-count-range (accept probability + workflow check: the default before Invariants Mining)', ...keysNoInvariants.score, train_s: keysNoInvariants.train_s, detect_s: keysNoInvariants.detect_s } : null,
      keys_no_count_range: keysNoCounts ? { rule: 'train --no-count-range (the default without the count-range check: the default from the re-run of deeplog-cv with the new Invariants Mining until the one with the repetition kind)', ...keysNoCounts.score, train_s: keysNoCounts.train_s, detect_s: keysNoCounts.detect_s } : null,
      keys_key_floor: keysFloor ? { rule: 'train --key-floor 0.1 (the key floor the cross-validation preferred; off by default, docs/deeplog.md)', ...keysFloor.score, train_s: keysFloor.train_s, detect_s: keysFloor.detect_s } : null,
      cli_raw: cli,
      cli_raw_plain: cliPlain,
      served,
      delta: {
        served_minus_cli: servedScore ? scoreDelta(servedScore, cli.sessions) : null,
        served_minus_keys: servedScore ? scoreDelta(servedScore, keys.score) : null,
        cli_minus_keys: scoreDelta(cli.sessions, keys.score),
      },
      bgl_per_line: bgl,
      seconds_total: Number(((performance.now() - t0) / 1000).toFixed(1)),
      machine: { cpus: os.cpus().length, node: process.version, loadavg_before: loadBefore, loadavg_after: load() },
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return result;
  } finally {
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
}
