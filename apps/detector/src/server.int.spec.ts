/**
 * The real detector process (`node apps/detector/dist/main.js`) on a loopback port, called
 * with a real gRPC client: contract and order, learning → scoring, feedback, DetectStream,
 * Train, hot reload under load, a corrupt/incompatible model refused, bad input, health,
 * reflection and SIGTERM drain. See docs/detector.md for the behaviour each test names.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { writeModelVersion } from '@log-sentinel/model-registry';
import { trainModelFiles, type DetectRecord } from '@log-sentinel/pipeline';
import type { DetectResponse__Output, LogRecord } from '@log-sentinel/proto';
import { ROOT, detect, domain, flows, getModel, procs, rawFlows, startDetector, stop, unary, waitFor, wire } from './testing/detector-harness';

let tmp: string;
let trained: Awaited<ReturnType<typeof trainModelFiles>>;

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-b', 'apps/detector'], { cwd: ROOT, stdio: 'inherit' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detector-int-'));
  trained = await trainModelFiles(domain, { maxEpochs: 30 }, () => undefined);
}, 300_000);

afterAll(async () => {
  await Promise.all(procs.map(stop));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('detector process', () => {
  it('learns from the first N records, then scores: results in request order, status learning → scored (docs: "Learning mode")', async () => {
    const p = await startDetector({ MODEL_DIR: path.join(tmp, 'learn'), DETECTOR_LEARNING_RECORDS: '1200', DETECTOR_TRAIN_MAX_EPOCHS: '3' });
    const first = await detect(p, rawFlows.slice(0, 600));
    expect(first.results.map((r) => r.record_id)).toEqual(rawFlows.slice(0, 600).map((r) => r.id));
    expect(first.results.every((r) => r.status === 'learning' && !r.is_anomaly && r.template_id !== '')).toBe(true);
    // while learning, the header is cut and the block id names the session already
    expect(first.results[0]!.template).not.toMatch(/081109|INFO/);
    expect(first.results[0]!.session_id).toBe('blk_7000000000000000');
    await detect(p, rawFlows.slice(600, 1200));
    // Detect keeps answering while the first model trains (in a worker thread).
    const during = await detect(p, wire.slice(600, 610));
    expect(during.results).toHaveLength(10);
    await waitFor('first model', async () => (await getModel(p)).status === 'scored');
    const info = await getModel(p);
    expect(info.version).toMatch(/^v/);
    const scored = await detect(p, wire.slice(0, 500));
    expect(scored.results.map((r) => r.record_id)).toEqual(wire.slice(0, 500).map((r) => r.id));
    expect(scored.results.every((r) => r.status === 'scored' && r.model_version === info.version)).toBe(true);
    expect(scored.results.every((r) => r.score >= 0 && r.score <= 1)).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'learn', info.version, 'manifest.json'))).toBe(true);
    // the model serves whole raw lines of its own training data without flagging them
    const own = await detect(p, rawFlows.slice(0, 1200), { dry_run: true });
    expect(own.results.filter((r) => r.is_anomaly)).toEqual([]);
  }, 240_000);

  it('degenerate learning data is reported in GetModel and learning goes on (docs: "Learning mode")', async () => {
    const p = await startDetector({ MODEL_DIR: path.join(tmp, 'degenerate'), DETECTOR_LEARNING_RECORDS: '300', DETECTOR_TRAIN_MAX_EPOCHS: '2' });
    // one stream, no session ids anywhere: a single session
    await detect(p, wire.slice(0, 300).map((r) => ({ ...r, session_id: '' })));
    await waitFor('a degenerate first model', async () => {
      const m = await unary<object, { warnings: string[] }>(p.client.GetModel.bind(p.client) as never, {});
      return m.warnings.length > 0;
    });
    const m = await unary<object, { version: string; status: string; warnings: string[]; learning_target: string }>(p.client.GetModel.bind(p.client) as never, {});
    expect(m.version).toBe('');
    expect(m.status).toBe('learning');
    expect(m.warnings.join('\n')).toMatch(/degenerate learning data: /);
    expect(Number(m.learning_target)).toBe(600);
    expect(p.stderr()).toMatch(/was not activated: its learning data is degenerate/);
  }, 240_000);

  it('CloseSessions runs the end-of-session check: a truncated session is flagged deeplog.missing_step, a complete one is not', async () => {
    const dir = path.join(tmp, 'close');
    await writeModelVersion(dir, trained.files, trained.meta);
    const p = await startDetector({ MODEL_DIR: dir });
    const full = flows(4).filter((r) => r.sessionId === 'blk_7000000000000000');
    const toWire = (rs: DetectRecord[], blk: string): LogRecord[] => rs.map((r, i) => ({ id: `${blk}-${i}`, message: r.message.replace(/blk_\d+/, blk) }));
    const res = await detect(p, [...toWire(full, 'blk_7100000000000042'), ...toWire(full.slice(0, 5), 'blk_7100000000000043')]);
    expect(res.results.filter((r) => r.is_anomaly).map((r) => [r.record_id, r.reasons])).toEqual([]);
    expect(new Set(res.results.map((r) => r.session_id))).toEqual(new Set(['blk_7100000000000042', 'blk_7100000000000043']));
    type Closed = { results: { session_id: string; is_anomaly: boolean; reasons: string[]; records: number; status: string; explanation: string }[] };
    const close = (ids: string[], dry = false) => unary<object, Closed>(p.client.CloseSessions.bind(p.client) as never, { session_ids: ids, dry_run: dry });
    const peek = await close(['blk_7100000000000043'], true);
    expect(peek.results[0]).toMatchObject({ session_id: 'blk_7100000000000043', is_anomaly: true, reasons: ['deeplog.missing_step', 'invariants.violated', 'counts.out_of_range'], status: 'closed' });
    const closed = await close(['blk_7100000000000042', 'blk_7100000000000043', 'blk_nope']);
    expect(closed.results.map((r) => [r.session_id, r.is_anomaly, r.records, r.status])).toEqual([
      ['blk_7100000000000042', false, full.length, 'closed'],
      ['blk_7100000000000043', true, 5, 'closed'],
      ['blk_nope', false, 0, 'unknown'],
    ]);
    expect(closed.results[1]!.explanation).toMatch(/ended where normal sessions continue/);
    // closed means gone: closing again finds nothing
    expect((await close(['blk_7100000000000043'])).results[0]!.status).toBe('unknown');
    await expect(close([''])).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  }, 120_000);

  it('sessions idle past DETECTOR_SESSION_TTL_MS close by themselves; their verdicts come with the next Detect response', async () => {
    const dir = path.join(tmp, 'idle');
    await writeModelVersion(dir, trained.files, trained.meta);
    const p = await startDetector({ MODEL_DIR: dir, DETECTOR_SESSION_TTL_MS: '1000' });
    const cut = flows(4).filter((r) => r.sessionId === 'blk_7000000000000001').slice(0, 5);
    await detect(p, cut.map((r) => ({ id: r.id, message: r.message })));
    let verdicts: { session_id: string; is_anomaly: boolean; reasons: string[]; status: string }[] = [];
    await waitFor('the idle session verdict', async () => {
      const res = (await detect(p, [])) as unknown as { closed_sessions: typeof verdicts };
      verdicts = verdicts.concat(res.closed_sessions);
      return verdicts.length > 0;
    }, 20_000);
    expect(verdicts).toEqual([expect.objectContaining({ session_id: 'blk_7000000000000001', is_anomaly: true, reasons: ['deeplog.missing_step', 'invariants.violated', 'counts.out_of_range'], status: 'idle' })]);
  }, 60_000);

  it('flags an unseen message with reasons and explains it; Feedback makes it normal (docs: "Feedback")', async () => {
    const dir = path.join(tmp, 'fb');
    await writeModelVersion(dir, trained.files, trained.meta);
    const p = await startDetector({ MODEL_DIR: dir });
    const odd: LogRecord = { id: 'odd', message: 'Kernel panic: fatal filesystem corruption on /dev/sda1 at sector 99', level: 'FATAL', session_id: 'blk_1' };
    const r = (await detect(p, [odd], { dry_run: true })).results[0]!;
    expect(r.is_anomaly).toBe(true);
    expect(r.reasons).toEqual(expect.arrayContaining(['drain.new_template', 'deeplog.unexpected_key']));
    expect(r.deeplog?.rank).toBe(0);
    expect(r.explanation).not.toBe('');
    const fb = await unary<object, { accepted: number; template_ids: string[]; windows_learned: number; model_version: string }>(
      p.client.Feedback.bind(p.client) as never,
      { records: [odd], note: 'known maintenance message' },
    );
    expect(fb).toMatchObject({ accepted: 1, windows_learned: 1 });
    expect(fb.template_ids).toHaveLength(1);
    const again = (await detect(p, [{ ...odd, id: 'odd2' }])).results[0]!;
    expect(again.model_version).toBe(fb.model_version);
    expect(again.is_anomaly).toBe(false);
    expect(again.reasons).toEqual([]);
  }, 120_000);

  it('DetectStream answers each batch in order; Train streams progress and ends with a new version', async () => {
    const dir = path.join(tmp, 'stream');
    await writeModelVersion(dir, trained.files, trained.meta);
    const p = await startDetector({ MODEL_DIR: dir, DETECTOR_TRAIN_MAX_EPOCHS: '2' });
    const call = p.client.DetectStream();
    const got: string[][] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on('data', (res: DetectResponse__Output) => got.push(res.results.map((r) => r.record_id)));
      call.on('end', resolve);
      call.on('error', reject);
    });
    for (let b = 0; b < 5; b++) call.write({ records: wire.slice(b * 100, b * 100 + 100) });
    call.end();
    await done;
    expect(got).toEqual([0, 1, 2, 3, 4].map((b) => wire.slice(b * 100, b * 100 + 100).map((r) => r.id)));

    const before = (await getModel(p)).version;
    const train = p.client.Train();
    const phases: string[] = [];
    let last = '';
    const finished = new Promise<void>((resolve, reject) => {
      train.on('data', (m: { phase: string; model_version: string }) => {
        phases.push(m.phase);
        if (m.model_version) last = m.model_version;
      });
      train.on('end', resolve);
      train.on('error', reject);
    });
    train.write({ options: { activate: true, max_epochs: 2 }, records: wire.slice(0, 400) });
    train.write({ records: wire.slice(400, 800) });
    train.end();
    await finished;
    expect(phases).toContain('receiving');
    expect(phases[phases.length - 1]).toBe('done');
    expect(last).not.toBe(before);
    expect((await getModel(p)).version).toBe(last);
  }, 120_000);

  it('hot-reloads a new version under load without failing a call, and refuses corrupt or incompatible versions while the old one keeps serving (docs: "Hot reload")', async () => {
    const dir = path.join(tmp, 'reload');
    const v1 = await writeModelVersion(dir, trained.files, trained.meta, { version: 'v1' });
    const p = await startDetector({ MODEL_DIR: dir });
    const seen = new Set<string>();
    let errors = 0;
    let stopLoad = false;
    const load = (async () => {
      let k = 0;
      while (!stopLoad) {
        try {
          const res = await detect(p, wire.slice((k % 10) * 50, (k % 10) * 50 + 50));
          expect(res.results).toHaveLength(50);
          for (const r of res.results) seen.add(r.model_version);
        } catch {
          errors++;
        }
        k++;
      }
    })();
    try {
      await writeModelVersion(dir, trained.files, trained.meta, { version: 'v2' });
      await waitFor('v2 serving', async () => (await getModel(p)).version === 'v2', 20_000);
      // Corrupt: checksum mismatch in deeplog.onnx, pointer swapped by hand.
      await writeModelVersion(dir, trained.files, trained.meta, { version: 'v3-corrupt', activate: false });
      const onnx = path.join(dir, 'v3-corrupt', 'deeplog.onnx');
      const bytes = fs.readFileSync(onnx);
      bytes[bytes.length - 10] ^= 0xff;
      fs.writeFileSync(onnx, bytes);
      fs.writeFileSync(path.join(dir, 'current'), 'v3-corrupt\n');
      await waitFor('refusal logged', () => /refused model version/.test(p.stderr()) && /v3-corrupt/.test(p.stderr()), 20_000);
      expect((await getModel(p)).version).toBe('v2');
      // Incompatible: a version an older log-sentinel wrote (no pipeline.json).
      await writeModelVersion(dir, trained.files.filter((f) => f.name !== 'pipeline.json'), trained.meta, { version: 'v4-old', activate: false });
      fs.writeFileSync(path.join(dir, 'current'), 'v4-old\n');
      await waitFor('incompatible refusal', () => /v4-old/.test(p.stderr()) && /has no pipeline\.json/.test(p.stderr()), 20_000);
    } finally {
      stopLoad = true;
      await load;
    }
    expect(errors).toBe(0);
    expect(seen).toEqual(new Set([v1.version, 'v2']));
    expect((await detect(p, wire.slice(0, 5))).results.every((r) => r.model_version === 'v2')).toBe(true);
  }, 120_000);

  it('starts in learning mode when current names a corrupt version, saying why (docs: "Learning mode")', async () => {
    const dir = path.join(tmp, 'corrupt-start');
    await writeModelVersion(dir, trained.files, trained.meta, { version: 'vbad' });
    fs.appendFileSync(path.join(dir, 'vbad', 'iforest.json'), ' ');
    const p = await startDetector({ MODEL_DIR: dir });
    const info = await getModel(p);
    expect(info.status).toBe('learning');
    expect((info as unknown as { manifest_json: string }).manifest_json).toMatch(/vbad.*iforest\.json.*checksum/);
    expect(p.stderr()).toMatch(/refused the current model version/);
    expect((await detect(p, wire.slice(0, 2))).results.every((r) => r.status === 'learning')).toBe(true);
  }, 120_000);

  it('rejects bad input with INVALID_ARGUMENT naming the problem', async () => {
    const dir = path.join(tmp, 'bad');
    await writeModelVersion(dir, trained.files, trained.meta);
    const p = await startDetector({ MODEL_DIR: dir, DETECTOR_MAX_RECORDS_PER_REQUEST: '10', DETECTOR_MAX_MESSAGE_BYTES: '100' });
    await expect(detect(p, wire.slice(0, 11))).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/11 records.*limit is 10/) });
    await expect(detect(p, [{ id: 'x', message: 'y'.repeat(101) }])).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(detect(p, [{ id: 'x', message: '   ' }])).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/records\[0\].*empty/) });
    await expect(
      unary(p.client.Feedback.bind(p.client) as never, { records: [] }),
    ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    // Still serving afterwards.
    expect((await detect(p, [{ id: 'ok', message: 'Verification succeeded for blk_1' }])).results).toHaveLength(1);
  }, 120_000);

  it('serves grpc.health.v1 and server reflection; SIGTERM drains and exits 0 (docs: "Shutdown")', async () => {
    const dir = path.join(tmp, 'health');
    await writeModelVersion(dir, trained.files, trained.meta);
    const p = await startDetector({ MODEL_DIR: dir });
    const healthDef = protoLoader.loadSync(require.resolve('grpc-health-check/proto/health/v1/health.proto'), { keepCase: true, enums: String });
    const Health = (grpc.loadPackageDefinition(healthDef) as any).grpc.health.v1.Health; // eslint-disable-line @typescript-eslint/no-explicit-any
    const health = new Health(`127.0.0.1:${p.port}`, grpc.credentials.createInsecure());
    const check = (service: string) => unary<object, { status: string }>(health.Check.bind(health), { service });
    expect((await check('')).status).toBe('SERVING');
    expect((await check('sentinel.detector.v1.Detector')).status).toBe('SERVING');

    const reflDef = protoLoader.loadSync(path.join(path.dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto/grpc/reflection/v1/reflection.proto'), {
      keepCase: true,
    });
    const Reflection = (grpc.loadPackageDefinition(reflDef) as any).grpc.reflection.v1.ServerReflection; // eslint-disable-line @typescript-eslint/no-explicit-any
    const refl = new Reflection(`127.0.0.1:${p.port}`, grpc.credentials.createInsecure());
    const services = await new Promise<string[]>((resolve, reject) => {
      const call = refl.ServerReflectionInfo();
      call.on('data', (m: { list_services_response?: { service: { name: string }[] } }) => {
        resolve(m.list_services_response!.service.map((s) => s.name));
        call.end();
      });
      call.on('error', reject);
      call.write({ list_services: '' });
    });
    expect(services.sort()).toEqual(['grpc.health.v1.Health', 'sentinel.detector.v1.Detector']);
    health.close();
    refl.close();

    // SIGTERM while a stream is open: it is served to its end, then the process exits 0.
    const call = p.client.DetectStream();
    const answers: number[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      call.on('data', (res: DetectResponse__Output) => answers.push(res.results.length));
      call.on('end', resolve);
      call.on('error', reject);
    });
    call.write({ records: wire.slice(0, 300) });
    await waitFor('first answer', () => answers.length === 1, 20_000);
    p.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    call.write({ records: wire.slice(300, 500) });
    call.end();
    await ended;
    expect(answers).toEqual([300, 200]);
    const code = await new Promise<number | null>((resolve) => (p.child.exitCode !== null ? resolve(p.child.exitCode) : p.child.once('exit', resolve)));
    expect(code).toBe(0);
  }, 120_000);
});
