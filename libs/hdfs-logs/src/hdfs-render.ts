/**
 * Renders DeepLog HDFS key sessions (one block per session, keys 1..30) as raw HDFS_v1 log
 * lines: `081109 203615 148 INFO dfs.DataNode$PacketResponder: <content>` (log format
 * {@link HDFS_LOG_FORMAT}). Every line of a session carries its block id; several sessions
 * are open at once and their lines interleave as in a real log, with non-decreasing
 * timestamps. Pure and deterministic for a seed (libs/seeded-random).
 */
import { SeededRandom } from '@log-sentinel/seeded-random';
import { hdfsEvent, renderContent, type BlockFacts } from './hdfs-templates';

/** The header format of rendered lines (loghub `log_formats.json`, HDFS). */
export const HDFS_LOG_FORMAT = '<Date> <Time> <Pid> <Level> <Component>: <Content>';

/** The session (block id) regex for rendered lines. */
export const HDFS_SESSION_REGEX = 'blk_-?\\d+';

/** Rendering options. */
export interface HdfsRenderOptions {
  /** Random seed: the same seed and sessions give the same lines. */
  seed: number;
  /** Sessions open at once, whose lines interleave (default 50). */
  concurrency?: number;
  /** Time of the first line, ms since the epoch (default 2008-11-09 20:35:18, the first HDFS_v1 line). */
  startMs?: number;
  /** Mean time between consecutive lines, ms (default 200). */
  meanGapMs?: number;
}

/** One rendered line. */
export interface RenderedLine {
  /** The raw log line (no newline). */
  text: string;
  /** Index of the source session in the input. */
  session: number;
  /** Position of this line in its session (0-based). */
  step: number;
  /** The log key it renders. */
  key: number;
}

/** Datanode addresses as in HDFS_v1 (10.250.x.x and 10.251.x.x). */
function datanodePool(rng: SeededRandom, size: number): string[] {
  const seen = new Set<string>();
  while (seen.size < size) seen.add(`10.${rng.pick([250, 251])}.${rng.int(0, 255)}.${rng.int(1, 254)}`);
  return [...seen];
}

/** A block id `blk_-?\d{18,19}` not used before in this rendering. */
function newBlockId(rng: SeededRandom, used: Set<string>): string {
  for (;;) {
    let digits = String(rng.int(1, 9));
    const n = rng.chance(0.5) ? 18 : 17; // 18 or 19 digits in all
    for (let i = 0; i < n; i++) digits += String(rng.int(0, 9));
    const id = `blk_${rng.chance(0.5) ? '-' : ''}${digits}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

const FULL_BLOCK = 67_108_864;
const JOB_DIRS = ['rand', 'randtxt', 'sortrand', 'sortrand2'];

function blockFacts(rng: SeededRandom, nodes: string[], used: Set<string>, jobStamp: string): BlockFacts {
  const replicas: string[] = [];
  while (replicas.length < 3) {
    const ip = rng.pick(nodes);
    if (!replicas.includes(ip)) replicas.push(ip);
  }
  const task = rng.int(0, 2000);
  const phase = rng.chance(0.8) ? 'm' : 'r';
  const part = String(task).padStart(5, '0');
  return {
    blockId: newBlockId(rng, used),
    replicas,
    client: rng.chance(0.85) ? replicas[0]! : rng.pick(nodes),
    size: rng.chance(0.9) ? FULL_BLOCK : rng.int(1_000, FULL_BLOCK - 1),
    file: `/user/root/${rng.pick(JOB_DIRS)}/_temporary/_task_${jobStamp}_${phase}_${String(task).padStart(6, '0')}_${rng.int(0, 1)}/part-${part}`,
    subdir: rng.chance(0.9) ? rng.int(0, 63) : -1,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `yyMMdd HHmmss` in UTC, the HDFS_v1 header time. */
function headerTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCFullYear() % 100)}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}

/**
 * Renders the sessions as interleaved raw lines, lazily: at most `concurrency` sessions are
 * open; each step picks one open session at random and emits its next line; a finished
 * session is replaced by the next one in input order, whose first line is written at once.
 * Each session keeps its own order, and sessions first appear in input order (so training
 * on the rendered lines sees the sessions in the order `--format keys` does).
 */
export function* renderHdfsSessions(sessions: readonly (readonly number[])[], opts: HdfsRenderOptions): Generator<RenderedLine> {
  const rng = new SeededRandom(opts.seed);
  const concurrency = opts.concurrency ?? 50;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const meanGapMs = opts.meanGapMs ?? 200;
  let now = opts.startMs ?? Date.UTC(2008, 10, 9, 20, 35, 18);
  const nodes = datanodePool(rng, 200);
  const used = new Set<string>();
  const start = new Date(now);
  // the MapReduce job that wrote the blocks: `_task_200811092030_0001_m_000590_0`
  const jobStamp = `${start.getUTCFullYear()}${pad2(start.getUTCMonth() + 1)}${pad2(start.getUTCDate())}${pad2(start.getUTCHours())}${pad2(start.getUTCMinutes())}_${String(rng.int(1, 9)).padStart(4, '0')}`;
  for (const s of sessions) for (const k of s) hdfsEvent(k); // fail before any output on a bad key
  if (sessions.some((s) => s.length === 0)) throw new RangeError(`session ${sessions.findIndex((s) => s.length === 0)} is empty`);

  const open: { index: number; step: number; facts: BlockFacts }[] = [];
  let next = 0;
  const emit = (slot: number): RenderedLine => {
    const s = open[slot]!;
    const key = sessions[s.index]![s.step]!;
    const event = hdfsEvent(key);
    now += Math.round(rng.exponential(meanGapMs));
    const text = `${headerTime(now)} ${event.pid(rng)} ${event.level} ${event.component}: ${renderContent(event, s.facts, rng)}`;
    const line = { text, session: s.index, step: s.step, key };
    if (++s.step === sessions[s.index]!.length) {
      open[slot] = open[open.length - 1]!;
      open.pop();
    }
    return line;
  };
  // A session's first line is written when it is admitted (a block is allocated before its
  // replicas talk), so sessions first appear in input order; the rest interleave at random.
  function* admit(): Generator<RenderedLine> {
    while (open.length < concurrency && next < sessions.length) {
      open.push({ index: next++, step: 0, facts: blockFacts(rng, nodes, used, jobStamp) });
      yield emit(open.length - 1);
    }
  }
  yield* admit();
  while (open.length > 0) {
    yield emit(rng.int(0, open.length - 1));
    yield* admit();
  }
}
