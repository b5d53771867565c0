/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
/** The engine in-process (training in-process too): learning → first model → scoring, GetModel, Feedback before a model. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeModelVersion } from '@log-sentinel/model-registry';
import { DetectorEngine, type DetectorEngineOptions } from './engine';
import { estimatedRecordBytes } from './learning-buffer';
import type { DetectRecord } from './record';
import { trainModelFiles } from './trainer';

const HDFS = path.resolve(__dirname, '../../../testdata/labeled_raw/HDFS_2k/HDFS_2k.log');
const lines = fs
  .readFileSync(HDFS, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => l.replace(/^.*?: /, ''));
/** Four real HDFS content lines as the steps of one session flow (HDFS_2k itself has ~one line per block: no sequences). */
const steps = [/allocateBlock/, /^Receiving block/, /^PacketResponder \d+ for block .* terminating/, /addStoredBlock: blockMap updated/].map(
  (re) => lines.find((l) => re.test(l))!,
);
/** 75 sessions of the flow, each with its own block id, two interleaved at a time. */
const records: DetectRecord[] = [];
for (let s = 0; s < 75; s += 2) {
  for (const step of steps) {
    for (const k of [s, s + 1]) {
      const blk = `blk_${8000000000000000 + k}`;
      records.push({ id: `r${records.length}`, message: step.replace(/blk_-?\d+/, blk), service: 'hdfs', host: 'dn1' });
    }
  }
}

describe('DetectorEngine (docs/detector.md, "Learning mode")', () => {
  let dir: string;
  let engine: DetectorEngine | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-spec-'));
  });
  afterEach(async () => {
    await engine?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  /** The engine on the test's directory: in-process training, no batching delay, no reload polling. */
  const openEngine = (options: Pick<DetectorEngineOptions, 'learningTarget' | 'learningBufferMaxBytes' | 'trainDefaults'>): Promise<DetectorEngine> =>
    DetectorEngine.open({
      modelDir: dir,
      sessions: { maxSessions: 1000, ttlMs: 60_000, maxBytes: 1 << 24 },
      batch: { windowMs: 0, maxBatchItems: 256 },
      reloadPollMs: 0,
      trainInWorker: false,
      ...options,
    });

  it('answers learning until N records were seen, then trains, writes a version and scores', async () => {
    engine = await openEngine({ learningTarget: 200, trainDefaults: { maxEpochs: 8 } });
    await expect(engine.feedback([records[0]!])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    const learning = await engine.detect(records.slice(0, 200));
    expect(learning.every((v) => v.status === 'learning' && v.templateId !== '')).toBe(true);
    expect(engine.modelInfo().learningRecords).toBe(200);
    const until = Date.now() + 60_000;
    while (engine.modelInfo().status !== 'scored' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const info = engine.modelInfo();
    expect(info.status).toBe('scored');
    expect(fs.readFileSync(path.join(dir, 'current'), 'utf8').trim()).toBe(info.version);
    const scored = await engine.detect(records.slice(200, 300));
    expect(scored.map((v) => v.recordId)).toEqual(records.slice(200, 300).map((r) => r.id));
    expect(scored.every((v) => v.status === 'scored' && v.modelVersion === info.version)).toBe(true);
  }, 90_000);

  it('a retrained model keeps the Drain settings of the model it replaces (docs/drain.md, "Configuration")', async () => {
    const drain = { simThreshold: 0.7, extraMasks: [{ pattern: 'blk_-?\\d+', maskWith: 'BLK' }] };
    const first = await trainModelFiles(records, { drain, maxEpochs: 2 }, () => undefined);
    await writeModelVersion(dir, first.files, first.meta);
    engine = await openEngine({ learningTarget: 200 });
    const [v] = await engine.detect([records[0]!]);
    expect(v!.template).toMatch(/<BLK>/);
    async function* batches(): AsyncIterable<DetectRecord[]> {
      yield records;
    }
    const { version } = await engine.train(batches(), { maxEpochs: 2 }, () => undefined);
    const snapshot = JSON.parse(fs.readFileSync(path.join(dir, version, 'drain.json'), 'utf8')) as { options: Record<string, unknown> };
    expect(snapshot.options).toMatchObject(drain);
  }, 90_000);

  it('defect 10 (unbounded learning buffer): records past DETECTOR_LEARNING_BUFFER_MAX_BYTES are not buffered, and the first model is trained from what is held', async () => {
    const fat = records.slice(0, 150).map((r) => ({ ...r, labels: { pad: 'x'.repeat(8000) } }));
    const bound = 100 * estimatedRecordBytes(fat[0]!) + 10;
    engine = await openEngine({ learningTarget: 1000, learningBufferMaxBytes: bound, trainDefaults: { maxEpochs: 2 } });
    await engine.detect(fat.slice(0, 100));
    expect(engine.modelInfo()).toMatchObject({ learningRecords: 100, status: 'learning' });
    await engine.detect(fat.slice(100, 150)); // none fits: the buffer holds 100 and the first model is trained from them
    const info = engine.modelInfo();
    expect(info.learningRecords).toBeLessThanOrEqual(100);
    expect(info.status).not.toBe('learning');
  }, 90_000);
});
