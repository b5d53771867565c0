/**
 * A model for integration tests, trained by the real detector process in learning mode on
 * HDFS block life cycles built from the repository's own HDFS_2k lines (testdata/): each
 * step a real HDFS_2k content line with the session's own block id, sessions interleaved.
 * Used by `*.int.spec.ts` only.
 */
import * as grpc from '@grpc/grpc-js';
import { loadDetectorProto, type LogRecord as WireRecord } from '@log-sentinel/proto';
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, freePort, startDetector, tmpDir, until } from './harness';

const HDFS = path.join(ROOT, 'testdata', 'labeled_raw', 'HDFS_2k', 'HDFS_2k.log');

function contentLines(): string[] {
  // "<Date> <Time> <Pid> <Level> <Component>: <Content>"
  return readFileSync(HDFS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.replace(/^\d{6} \d{6} \d+ \S+ [^:]+: /, ''));
}

let flowCache: string[] | undefined;

/** The steps of one normal block life cycle (allocate, receive ×3, respond/received ×3, block map ×3). */
export function blockFlow(): string[] {
  if (flowCache) return flowCache;
  const lines = contentLines();
  const pick = (re: RegExp): string => {
    const l = lines.find((x) => re.test(x));
    if (!l) throw new Error(`no HDFS_2k line matches ${re}`);
    return l;
  };
  flowCache = [
    pick(/allocateBlock/),
    ...Array<string>(3).fill(pick(/^Receiving block/)),
    ...[0, 1, 2].flatMap(() => [pick(/^PacketResponder \d+ for block .* terminating/), pick(/^Received block .* of size .* from/)]),
    ...Array<string>(3).fill(pick(/addStoredBlock: blockMap updated/)),
  ];
  return flowCache;
}

/** The flow's messages with `blk` as the block id. */
export function flowOf(blk: string): string[] {
  return blockFlow().map((m) => m.replace(/blk_-?\d+/, blk));
}

/** `sessions` block life cycles, 4 interleaved at a time, session = block id. */
export function trainingRecords(sessions: number): WireRecord[] {
  const out: WireRecord[] = [];
  const flow = blockFlow();
  for (let s = 0; s < sessions; s += 4) {
    for (let step = 0; step < flow.length; step++) {
      for (let k = s; k < Math.min(sessions, s + 4); k++) {
        const blk = `blk_${7000000000000000 + k}`;
        out.push({ id: `train-${k}-${step}`, message: flow[step]!.replace(/blk_-?\d+/, blk), level: 'INFO', service: 'hdfs', host: 'dn1', session_id: blk });
      }
    }
  }
  return out;
}

let trained: Promise<string> | undefined;

/**
 * A model registry (`MODEL_DIR` with one version and `current`) trained once per test file by
 * a real detector in learning mode; {@link copyTrainedModel} gives each detector its own copy.
 */
export function trainedModelDir(workDir: string): Promise<string> {
  trained ??= (async () => {
    const dir = path.join(workDir, 'trained-model');
    const port = await freePort();
    const proc = await startDetector(port, dir, { DETECTOR_LEARNING_RECORDS: '1200', DETECTOR_TRAIN_MAX_EPOCHS: '30' });
    const { grpcType } = loadDetectorProto();
    const client = new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const records = trainingRecords(1200 / blockFlow().length);
      for (let i = 0; i < records.length; i += 400) {
        await new Promise<void>((resolve, reject) =>
          client.Detect({ records: records.slice(i, i + 400) }, { deadline: Date.now() + 30_000 }, (err) => (err ? reject(err) : resolve())),
        );
      }
      await until(
        () =>
          new Promise<boolean>((resolve) =>
            client.GetModel({}, { deadline: Date.now() + 5000 }, (err, res) => resolve(!err && res?.status === 'scored' && !!res.version)),
          ),
        180_000,
        `the detector's first model (output: ${proc.output().slice(-1000)})`,
      );
    } finally {
      client.close();
      await proc.stop();
    }
    return dir;
  })();
  return trained;
}

/**
 * For a spec file whose detectors start from the trained model: before all its tests, rebuilds
 * the collector (the detector is built by `npm test` or its owner) and trains the model in a
 * fresh directory named by `tag`. Returns that directory's getter, for {@link copyTrainedModel}.
 */
export function trainedModelBeforeAll(tag: string): () => string {
  let work = '';
  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/collector'], { cwd: ROOT, stdio: 'inherit' });
    work = await tmpDir(tag);
    await trainedModelDir(work);
  }, 300_000);
  return () => work;
}

/** A fresh copy of the trained registry at `to` (each detector writes its own feedback versions). */
export async function copyTrainedModel(workDir: string, to: string): Promise<string> {
  await fs.cp(await trainedModelDir(workDir), to, { recursive: true });
  return to;
}
