/**
 * Issue 17, defect 14: what the gRPC limits really answer, through the real detector process
 * and a stock gRPC client on loopback (docs/api.md "Errors", docs/detector.md "Errors and
 * limits"): a request over a configured per-request limit is INVALID_ARGUMENT (a retry cannot
 * succeed); a whole message over DETECTOR_MAX_REQUEST_BYTES is gRPC's RESOURCE_EXHAUSTED.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { ROOT, detect, startDetector, stopAll, wire, type Proc } from './testing/detector-harness';

let tmp: string;
let p: Proc;

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-b', 'apps/detector'], { cwd: ROOT, stdio: 'inherit' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detector-limits-'));
  p = await startDetector({
    MODEL_DIR: path.join(tmp, 'models'),
    DETECTOR_MAX_RECORDS_PER_REQUEST: '10',
    DETECTOR_MAX_MESSAGE_BYTES: '100',
    DETECTOR_MAX_REQUEST_BYTES: '4096',
    DETECTOR_TRAIN_MAX_RECORDS: '100',
  });
}, 300_000);

afterAll(async () => {
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('gRPC limits', () => {
  it('defect 14 (limit status): too many records, an oversized record message and a Train stream past its cap answer INVALID_ARGUMENT naming the limit; an oversized gRPC message answers RESOURCE_EXHAUSTED', async () => {
    await expect(detect(p, wire.slice(0, 11))).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/11 records; the limit is 10/) });
    await expect(detect(p, [{ id: 'big', message: 'y'.repeat(101) }])).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(/records\[0\] \(id "big"\): message is 101 bytes; the limit is 100/),
    });
    await expect(detect(p, Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, message: 'z'.repeat(99) + String(i).slice(-1) })))).resolves.toBeDefined();
    const huge = Array.from({ length: 10 }, (_, i) => ({ id: `h${i}`, message: 'q'.repeat(90), labels: { pad: 'p'.repeat(500) } }));
    await expect(detect(p, huge)).rejects.toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED });

    const trainCode = await new Promise<{ code: grpc.status; details: string }>((resolve) => {
      const s = p.client.Train();
      s.on('data', () => undefined);
      s.on('error', (e: grpc.ServiceError) => resolve({ code: e.code, details: e.details }));
      s.on('end', () => resolve({ code: grpc.status.OK, details: '' }));
      for (let m = 0; m < 11; m++) s.write({ records: Array.from({ length: 10 }, (_, i) => ({ id: `t${m}-${i}`, message: `train ${m} ${i}` })) });
      s.end();
    });
    expect(trainCode).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/DETECTOR_TRAIN_MAX_RECORDS/) });
    // still serving
    expect((await detect(p, wire.slice(0, 2))).results).toHaveLength(2);
  });

  it('fuzz finding (issue 17): an undecodable request message answers INVALID_ARGUMENT naming its type, on every method, never INTERNAL; the detector keeps serving', async () => {
    const raw = new grpc.Client(`127.0.0.1:${p.port}`, grpc.credentials.createInsecure());
    const call = (method: string, body: Buffer): Promise<{ code: grpc.status; details: string }> =>
      new Promise((resolve) =>
        raw.makeUnaryRequest(`/sentinel.detector.v1.Detector/${method}`, (b: Buffer) => b, (b: Buffer) => b, body, new grpc.Metadata(), { deadline: Date.now() + 10_000 }, (err) =>
          resolve(err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: '' }),
        ),
      );
    // field 1 (records) declared 2^35 bytes long; a group that is never closed; a wrong wire type
    const pastTheEnd = Buffer.from([0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x41, 0x42]);
    const openGroup = Buffer.from([0x4b, 0x4b, 0x4b]);
    for (const [method, type] of [['Detect', 'DetectRequest'], ['Feedback', 'FeedbackRequest'], ['CloseSessions', 'CloseSessionsRequest'], ['GetModel', 'GetModelRequest']]) {
      for (const body of [pastTheEnd, openGroup]) {
        expect(await call(method!, body)).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining(`request is not a valid ${type} message`) });
      }
    }
    raw.close();
    expect((await detect(p, wire.slice(0, 2))).results).toHaveLength(2);
  });

  it('fuzz finding (issue 17): a timestamp outside google.protobuf.Timestamp\'s range, or with nanos outside [0, 1e9), answers INVALID_ARGUMENT naming the record (it reached the features as NaN: INTERNAL)', async () => {
    for (const timestamp of [{ seconds: '9007199254740991', nanos: 0 }, { seconds: '253402300800', nanos: 0 }, { seconds: '-62135596801', nanos: 0 }, { seconds: '1700000000', nanos: -1 }, { seconds: '1700000000', nanos: 1_000_000_000 }]) {
      await expect(detect(p, [{ id: 'ok', message: 'fine' }, { id: 'far', message: 'far away', timestamp }])).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        details: expect.stringMatching(/records\[1\] \(id "far"\): timestamp is not a valid time/),
      });
    }
    await expect(detect(p, [{ id: 'edge', message: 'last second of 9999', timestamp: { seconds: '253402300799', nanos: 999_999_999 } }])).resolves.toBeDefined();
  });
});
