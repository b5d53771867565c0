/**
 * Issue 17, defect 5 (optional TLS part): the real detector process serving gRPC over TLS
 * (DETECTOR_TLS_CERT/_KEY) and mTLS (plus DETECTOR_TLS_CA), called by real gRPC clients on
 * loopback with the repository's throwaway test certificates (testdata/tls). See
 * docs/detector.md "Credentials".
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadDetectorProto } from '@log-sentinel/proto';
import { ROOT, startDetector, stopAll } from './testing/detector-harness';

const TLS = path.join(ROOT, 'testdata', 'tls');
const pem = (name: string): Buffer => fs.readFileSync(path.join(TLS, name));
let tmp: string;

beforeAll(() => {
  execFileSync('npx', ['tsc', '-b', 'apps/detector'], { cwd: ROOT, stdio: 'inherit' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detector-tls-'));
}, 300_000);

afterAll(async () => {
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** GetModel over `creds`; resolves with the status code. */
function getModel(port: number, creds: grpc.ChannelCredentials): Promise<grpc.status> {
  const { grpcType } = loadDetectorProto();
  const client = new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${port}`, creds);
  return new Promise((resolve) =>
    client.GetModel({}, { deadline: Date.now() + 5000 }, (err) => {
      client.close();
      resolve(err ? err.code : grpc.status.OK);
    }),
  );
}

describe('defect 5 (unauthenticated control): TLS on the gRPC port', () => {
  it('with DETECTOR_TLS_CERT/_KEY a client trusting the CA is served and a plaintext client is not', async () => {
    const p = await startDetector({ MODEL_DIR: path.join(tmp, 'tls'), DETECTOR_TLS_CERT: path.join(TLS, 'server.pem'), DETECTOR_TLS_KEY: path.join(TLS, 'server.key') });
    expect(p.stderr()).toMatch(/"tls":"tls"/);
    expect(await getModel(p.port, grpc.credentials.createSsl(pem('ca.pem')))).toBe(grpc.status.OK);
    expect(await getModel(p.port, grpc.credentials.createInsecure())).toBe(grpc.status.UNAVAILABLE);
  }, 60_000);

  it('with DETECTOR_TLS_CA too (mTLS) a client without a certificate is refused and one with a certificate of that CA is served', async () => {
    const p = await startDetector({
      MODEL_DIR: path.join(tmp, 'mtls'),
      DETECTOR_TLS_CERT: path.join(TLS, 'server.pem'),
      DETECTOR_TLS_KEY: path.join(TLS, 'server.key'),
      DETECTOR_TLS_CA: path.join(TLS, 'ca.pem'),
    });
    expect(p.stderr()).toMatch(/"tls":"mtls"/);
    expect(await getModel(p.port, grpc.credentials.createSsl(pem('ca.pem'), pem('client.key'), pem('client.pem')))).toBe(grpc.status.OK);
    expect(await getModel(p.port, grpc.credentials.createSsl(pem('ca.pem')))).toBe(grpc.status.UNAVAILABLE);
  }, 60_000);

  it('a missing TLS file stops the detector at start with a message naming the variable', async () => {
    await expect(startDetector({ MODEL_DIR: path.join(tmp, 'bad'), DETECTOR_TLS_CERT: path.join(TLS, 'nope.pem'), DETECTOR_TLS_KEY: path.join(TLS, 'server.key') })).rejects.toThrow(
      /exited 2 before the log line "detector listening": detector: invalid detector configuration: DETECTOR_TLS_CERT: cannot use/,
    );
  });
});
