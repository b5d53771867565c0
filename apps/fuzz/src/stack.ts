/**
 * The services under fuzz: a model trained by the real CLI on the repository's HDFS lines,
 * the built detector serving it (bearer keys on), and the built collector (API keys, watched
 * directory, real Elasticsearch), each a real process on loopback with its output in a file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, promises as fs, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { FuzzTarget } from './case';

/** Repository root (this file is apps/fuzz/{src,dist}/stack.*). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Limits the collector and detector run with (small enough to reach, within the defaults' spirit). */
export const LIMITS = { maxBodyBytes: 4 * 1024 * 1024, maxRecordsPerRequest: 10_000, detectorMaxMessageBytes: 64 * 1024 };

/** A running service process. */
export interface ServiceProc {
  /** The child process. */
  child: ChildProcess;
  /** File holding its stdout and stderr. */
  logFile: string;
  /** Exit code once exited (undefined while running). */
  exit: Promise<number | null>;
  /** True while it runs. */
  alive(): boolean;
  /** Peak resident set size so far (VmHWM), MiB; NaN once gone. */
  peakRssMiB(): number;
  /** Resident set size now (VmRSS), MiB; NaN once gone. */
  rssMiB(): number;
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function start(main: string, env: Record<string, string>, logFile: string): ServiceProc {
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    logFile,
    exit,
    alive: () => child.exitCode === null && child.signalCode === null,
    peakRssMiB: () => procStatusMiB(child.pid, 'VmHWM'),
    rssMiB: () => procStatusMiB(child.pid, 'VmRSS'),
  };
}

/** A `/proc/<pid>/status` memory field in MiB; NaN when the process is gone. */
function procStatusMiB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function until(cond: () => Promise<boolean>, ms: number, what: string, proc?: ServiceProc): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (proc && !proc.alive()) throw new Error(`${what}: the process exited (see ${proc.logFile})`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Trains the model the detector serves (the real `log-sentinel train`, HDFS_2k, a few epochs). */
async function trainModel(modelDir: string, logFile: string): Promise<void> {
  const cli = path.join(ROOT, 'apps', 'cli', 'dist', 'main.js');
  const args = [cli, 'train', '--input', path.join(ROOT, 'testdata', 'loghub_2k', 'HDFS', 'HDFS_2k.log'), '--format', 'raw', '--log-format', '<Date> <Time> <Pid> <Level> <Component>: <Content>', '--out', modelDir, '--epochs', '5'];
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`log-sentinel train failed (exit ${code}; see ${logFile})`);
}

/** The running services and where they listen. */
export interface FuzzStack {
  /** Ports, keys, directories. */
  target: FuzzTarget;
  /** Elasticsearch index prefix of this run. */
  indexPrefix: string;
  /** The collector process. */
  collector: ServiceProc;
  /** The detector process. */
  detector: ServiceProc;
  /** SIGTERM to both; resolves with their exit codes. */
  stop(): Promise<{ collector: number | null; detector: number | null }>;
}

/** Starts detector and collector in `workDir` against Elasticsearch at `esUrl`. */
export async function startStack(workDir: string, esUrl: string, indexPrefix: string): Promise<FuzzStack> {
  const dirs = { models: path.join(workDir, 'models'), watch: path.join(workDir, 'watch'), outside: path.join(workDir, 'outside'), state: path.join(workDir, 'state'), spool: path.join(workDir, 'spool') };
  for (const d of [dirs.watch, dirs.outside, dirs.state]) await fs.mkdir(d, { recursive: true });
  await trainModel(dirs.models, path.join(workDir, 'train.log'));
  const keys = { api: 'fuzz-api-key', detector: 'fuzz-detector-key', admin: 'fuzz-admin-key' };
  const detectorPort = await freePort();
  const detector = start(path.join(ROOT, 'apps', 'detector', 'dist', 'main.js'), {
    DETECTOR_PORT: String(detectorPort),
    DETECTOR_HOST: '127.0.0.1',
    DETECTOR_METRICS_PORT: '0',
    MODEL_DIR: dirs.models,
    DETECTOR_API_KEYS: keys.detector,
    DETECTOR_ADMIN_KEYS: keys.admin,
    DETECTOR_MAX_MESSAGE_BYTES: String(LIMITS.detectorMaxMessageBytes),
    DETECTOR_SESSION_TTL_MS: '5000',
    LOG_LEVEL: 'warn',
  }, path.join(workDir, 'detector.log'));
  const portOpen = (port: number) => () =>
    new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
  await until(portOpen(detectorPort), 60_000, 'the detector port', detector);
  const collectorPort = await freePort();
  const collector = start(path.join(ROOT, 'apps', 'collector', 'dist', 'main.js'), {
    COLLECTOR_PORT: String(collectorPort),
    COLLECTOR_HOST: '127.0.0.1',
    ELASTIC_ADDR: esUrl,
    ELASTIC_INDEX: indexPrefix,
    ELASTIC_FLUSH_INTERVAL_MS: '100',
    DETECTOR_ADDR: `127.0.0.1:${detectorPort}`,
    DETECTOR_API_KEY: keys.detector,
    API_KEYS: keys.api,
    LOG_SENTINEL_DIR: dirs.watch,
    FILE_POLL_INTERVAL_MS: '500',
    FILE_SHORT_IDLE_MS: '300',
    SPOOL_DIR: dirs.spool,
    COLLECTOR_STATE_DIR: dirs.state,
    MAX_BODY_BYTES: String(LIMITS.maxBodyBytes),
    MAX_RECORDS_PER_REQUEST: String(LIMITS.maxRecordsPerRequest),
    HTTP_HEADERS_TIMEOUT_MS: '2000',
    HTTP_REQUEST_TIMEOUT_MS: '20000',
    HTTP_BODY_IDLE_TIMEOUT_MS: '1000',
    RESCORE_INTERVAL_MS: '2000',
    LOG_LEVEL: 'warn',
  }, path.join(workDir, 'collector.log'));
  const url = `http://127.0.0.1:${collectorPort}`;
  await until(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, 60_000, 'the collector /readyz', collector);
  return {
    target: {
      collectorUrl: url,
      collectorPort,
      apiKey: keys.api,
      detectorPort,
      detectorKey: keys.detector,
      detectorAdminKey: keys.admin,
      watchDir: dirs.watch,
      outsideDir: dirs.outside,
      ...LIMITS,
    },
    indexPrefix,
    collector,
    detector,
    stop: async () => {
      for (const p of [collector, detector]) if (p.alive()) p.child.kill('SIGTERM');
      return { collector: await collector.exit, detector: await detector.exit };
    },
  };
}
