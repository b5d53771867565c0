/**
 * Issue 17, defect 5 (unauthenticated control): the real detector process with
 * DETECTOR_API_KEYS and DETECTOR_ADMIN_KEYS, called by real gRPC clients on loopback. A call
 * without a key, or with an unknown one, answers UNAUTHENTICATED; an API key on Train,
 * Feedback or CloseSessions answers PERMISSION_DENIED; nothing reaches the model. See
 * docs/detector.md "Credentials".
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { DetectResponse__Output, LogRecord } from '@log-sentinel/proto';
import { ROOT, rawFlows, startDetector, stopAll, type Proc } from './testing/detector-harness';

let tmp: string;
let p: Proc;
const API = 'api-key-1';
const ADMIN = 'admin-key-1';

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-b', 'apps/detector'], { cwd: ROOT, stdio: 'inherit' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detector-auth-'));
  p = await startDetector({ MODEL_DIR: path.join(tmp, 'models'), DETECTOR_LEARNING_RECORDS: '100000', DETECTOR_API_KEYS: `other, ${API}`, DETECTOR_ADMIN_KEYS: ADMIN });
}, 300_000);

afterAll(async () => {
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const meta = (key?: string, scheme = 'Bearer'): grpc.Metadata => {
  const m = new grpc.Metadata();
  if (key !== undefined) m.set('authorization', `${scheme} ${key}`);
  return m;
};

type Unary = (req: object, m: grpc.Metadata, cb: (e: grpc.ServiceError | null, r?: unknown) => void) => void;
const call = (method: 'Detect' | 'GetModel' | 'Feedback' | 'CloseSessions', req: object, m: grpc.Metadata): Promise<{ code: grpc.status; details?: string; res?: unknown }> =>
  new Promise((resolve) =>
    ((p.client[method] as unknown as Unary).bind(p.client))(req, m, (e, r) => resolve(e ? { code: e.code, details: e.details } : { code: grpc.status.OK, res: r })),
  );

const records: LogRecord[] = rawFlows.slice(0, 20);

/** Opens a Train stream with `m`, sends junk records and resolves with the final status. */
const train = (m: grpc.Metadata): Promise<grpc.status> =>
  new Promise((resolve) => {
    const s = p.client.Train(m);
    s.on('data', () => undefined);
    s.on('error', (e: grpc.ServiceError) => resolve(e.code));
    s.on('end', () => resolve(grpc.status.OK));
    s.write({ options: {}, records: Array.from({ length: 500 }, (_, i) => ({ id: `junk-${i}`, message: `junk ${i}` })) });
    s.end();
  });

describe('defect 5 (unauthenticated control): gRPC bearer keys', () => {
  it('Detect and GetModel without a key or with an unknown key answer UNAUTHENTICATED; an API or admin key is accepted', async () => {
    expect((await call('Detect', { records }, meta())).code).toBe(grpc.status.UNAUTHENTICATED);
    expect((await call('Detect', { records }, meta('nope'))).code).toBe(grpc.status.UNAUTHENTICATED);
    expect((await call('Detect', { records }, meta(API, 'Basic'))).code).toBe(grpc.status.UNAUTHENTICATED);
    expect((await call('GetModel', {}, meta())).code).toBe(grpc.status.UNAUTHENTICATED);
    const ok = await call('Detect', { records }, meta(API));
    expect(ok.code).toBe(grpc.status.OK);
    expect((ok.res as DetectResponse__Output).results).toHaveLength(records.length);
    expect((await call('Detect', { records }, meta(ADMIN))).code).toBe(grpc.status.OK);
    expect((await call('GetModel', {}, meta(API))).code).toBe(grpc.status.OK);
  });

  it('DetectStream without a key ends UNAUTHENTICATED', async () => {
    const code = await new Promise<grpc.status>((resolve) => {
      const s = p.client.DetectStream(meta());
      s.on('data', () => undefined);
      s.on('error', (e: grpc.ServiceError) => resolve(e.code));
      s.on('end', () => resolve(grpc.status.OK));
      s.write({ records });
      s.end();
    });
    expect(code).toBe(grpc.status.UNAUTHENTICATED);
  });

  it('Train, Feedback and CloseSessions need an admin key: none → UNAUTHENTICATED, an API key → PERMISSION_DENIED, and the junk never reaches the model', async () => {
    expect(await train(meta())).toBe(grpc.status.UNAUTHENTICATED);
    expect(await train(meta(API))).toBe(grpc.status.PERMISSION_DENIED);
    expect(await train(meta('nope'))).toBe(grpc.status.UNAUTHENTICATED);
    for (const m of ['Feedback', 'CloseSessions'] as const) {
      const req = m === 'Feedback' ? { records, note: 'x' } : { session_ids: ['s1'] };
      expect((await call(m, req, meta())).code).toBe(grpc.status.UNAUTHENTICATED);
      const denied = await call(m, req, meta(API));
      expect(denied.code).toBe(grpc.status.PERMISSION_DENIED);
      expect(denied.details).toMatch(/DETECTOR_ADMIN_KEYS/);
    }
    // the admin key passes the check (the calls then fail or succeed on their own merits)
    expect((await call('CloseSessions', { session_ids: ['s1'] }, meta(ADMIN))).code).toBe(grpc.status.OK);
    expect([grpc.status.UNAUTHENTICATED, grpc.status.PERMISSION_DENIED]).not.toContain((await call('Feedback', { records, note: 'x' }, meta(ADMIN))).code);
    const model = (await call('GetModel', {}, meta(ADMIN))).res as { version: string; status: string };
    expect(model.version).toBe('');
    expect(model.status).toBe('learning');
  });

  it('the standard health service stays open for probes', async () => {
    const res = await new Promise<{ status: string }>((resolve, reject) => {
      const health = new grpc.Client(`127.0.0.1:${p.port}`, grpc.credentials.createInsecure());
      health.makeUnaryRequest(
        '/grpc.health.v1.Health/Check',
        () => Buffer.alloc(0),
        (b: Buffer) => ({ status: b.length >= 2 ? String(b[1]) : '' }),
        {},
        (e, r) => {
          health.close();
          if (e) reject(e);
          else resolve(r!);
        },
      );
    });
    expect(res.status).toBe('1'); // SERVING
  });
});
