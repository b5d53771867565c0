/**
 * DeepLog's workflows per session type through the real detector process (docs/detector.md,
 * "Workflows"): served by `GetModel` with `include_workflows`, named in explanations
 * ("expected after X: Y"); and the Train call's `value_confidence` option, validated.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { writeModelVersion } from '@log-sentinel/model-registry';
import { trainModelFiles, type DetectRecord } from '@log-sentinel/pipeline';
import type { LogRecord, ModelInfo__Output } from '@log-sentinel/proto';
import { ROOT, detect, domain, exemplar, flows, procs, startDetector, stop, unary, wire, type Proc } from './testing/detector-harness';

/** A second kind of session beside the block life cycles: a block verified, then deleted twice (replicas). */
const CLEANUP = [exemplar(/^Verification succeeded for blk_/), exemplar(/^Deleting block blk_/), exemplar(/^Deleting block blk_/)];
const cleanups: DetectRecord[] = Array.from({ length: 60 }, (_, k) => {
  const blk = `blk_${8000000000000000 + k}`;
  return CLEANUP.map((m, step) => ({ id: `c${k}-${step}`, message: m.replace(/blk_-?\d+/, blk), level: 'INFO', service: 'hdfs', host: 'dn1', sessionId: blk }));
}).flat();

let tmp: string;
let p: Proc;

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-b', 'apps/detector'], { cwd: ROOT, stdio: 'inherit' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detector-workflows-'));
  const trained = await trainModelFiles([...domain, ...cleanups], { maxEpochs: 30 }, () => undefined);
  await writeModelVersion(tmp, trained.files, trained.meta);
  p = await startDetector({ MODEL_DIR: tmp, DETECTOR_TRAIN_MAX_EPOCHS: '2' });
}, 300_000);

afterAll(async () => {
  await Promise.all(procs.map(stop));
  fs.rmSync(tmp, { recursive: true, force: true });
});

const getModel = (req: object) => unary<object, ModelInfo__Output>(p.client.GetModel.bind(p.client) as never, req);

describe('workflows per session type', () => {
  it('GetModel with include_workflows serves one graph per session type, start to end, with template texts; without it, none', async () => {
    const info = await getModel({ include_workflows: true });
    const types = info.workflows!.types;
    expect(types.map((t) => [t.session_type_template, Number(t.sessions)])).toEqual([
      [expect.stringMatching(/allocateBlock/), 120],
      [expect.stringMatching(/^Verification succeeded/), 60],
    ]);
    const [blocks, cleanup] = types;
    const idOf = (re: RegExp): string => blocks!.nodes.find((n) => re.test(n.template))!.template_id;
    const [alloc, receiving] = [idOf(/allocateBlock/), idOf(/^Receiving block/)];
    expect(blocks!.edges).toContainEqual({ from_template_id: '<start>', to_template_id: alloc, count: '120' });
    expect(blocks!.edges).toContainEqual({ from_template_id: alloc, to_template_id: receiving, count: '120' });
    expect(blocks!.edges.some((e) => e.to_template_id === '<end>')).toBe(true);
    expect(blocks!.loops).toContain(receiving); // three replicas: "Receiving block" follows itself
    // the two types share no template
    const cleanupIds = new Set(cleanup!.nodes.map((n) => n.template_id));
    expect(blocks!.nodes.some((n) => cleanupIds.has(n.template_id))).toBe(false);
    expect(cleanup!.nodes.map((n) => n.template)).toEqual([expect.stringMatching(/^Deleting block/), expect.stringMatching(/^Verification succeeded/)]);

    const plain = await getModel({});
    expect(plain.version).toBe(info.version);
    expect(plain.workflows ?? null).toBeNull();
  }, 60_000);

  it('explanations name what the workflow expects after the previous template', async () => {
    const life = flows(4).filter((r) => r.sessionId === 'blk_7000000000000000');
    const toWire = (rs: DetectRecord[], blk: string): LogRecord[] => rs.map((r, i) => ({ id: `${blk}-${i}`, message: r.message.replace(/blk_\d+/, blk) }));
    // allocated, then straight to the block map: the three receiving steps are skipped
    const skipped = [life[0]!, life[life.length - 1]!];
    const res = await detect(p, toWire(skipped, 'blk_7200000000000001'), { dry_run: true });
    const flagged = res.results[1]!;
    expect(flagged.reasons).toContain('deeplog.unexpected_key');
    expect(flagged.explanation).toMatch(/expected after "[^"]*allocateBlock[^"]*": "Receiving block[^"]*" \(120×\) \(workflow "[^"]*allocateBlock/);

    // a session that stops after its first responder line: the end check names the step that follows it
    await detect(p, toWire(life.slice(0, 5), 'blk_7200000000000002'));
    type Closed = { results: { is_anomaly: boolean; reasons: string[]; explanation: string }[] };
    const closed = await unary<object, Closed>(p.client.CloseSessions.bind(p.client) as never, { session_ids: ['blk_7200000000000002'] });
    expect(closed.results[0]!.reasons).toContain('deeplog.missing_step');
    expect(closed.results[0]!.explanation).toMatch(/ended where normal sessions continue: .*; expected after "PacketResponder[^"]*terminating": "Received block/);
  }, 60_000);
});

describe('Train: value_confidence', () => {
  const train = (options: object, records: LogRecord[]): Promise<string> =>
    new Promise((resolve, reject) => {
      const call = p.client.Train();
      let version = '';
      call.on('data', (m: { model_version: string }) => {
        if (m.model_version) version = m.model_version;
      });
      call.on('end', () => resolve(version));
      call.on('error', reject);
      call.write({ options, records });
      call.end();
    });

  it('refuses a confidence outside (0, 1) (other than 0) with INVALID_ARGUMENT naming the option, before training', async () => {
    for (const bad of [1, 1.5, -0.5]) {
      await expect(train({ activate: false, value_confidence: bad }, wire.slice(0, 50))).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        details: expect.stringMatching(/options\.value_confidence must be in \(0, 1\)/),
      });
    }
  }, 60_000);

  it('trains the parameter-value model with the requested confidence', async () => {
    const version = await train({ activate: false, max_epochs: 2, value_confidence: 0.9999 }, wire.slice(0, 800));
    expect(version).not.toBe('');
    const values = JSON.parse(fs.readFileSync(path.join(tmp, version, 'values.json'), 'utf8')) as { confidence: number };
    expect(values.confidence).toBeCloseTo(0.9999, 9);
  }, 180_000);
});
