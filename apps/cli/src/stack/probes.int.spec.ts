// Issue 17, defect 5: the status probe of `npm start` / `npm run demo` sends DETECTOR_API_KEY,
// so a detector that requires keys still reports its model; without the key the probe says
// UNAUTHENTICATED. Real detector process and gRPC client on loopback.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DETECTOR_LISTENING, freePort, spawnWatched, waitForLogLine, type WatchedProcess } from '@log-sentinel/loopback-process';
import { DETECTOR_ENTRY } from './local-stack';
import { DetectorStatusClient } from './probes';

let detector: WatchedProcess;
let tmp: string;
let addr: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-auth-'));
  const port = await freePort();
  addr = `127.0.0.1:${port}`;
  detector = spawnWatched(process.execPath, [DETECTOR_ENTRY], {
    ...process.env,
    DETECTOR_PORT: String(port),
    DETECTOR_METRICS_PORT: '0',
    MODEL_DIR: path.join(tmp, 'models'),
    DETECTOR_API_KEYS: 'probe-key',
    LOG_LEVEL: 'info',
  });
  const listening = await waitForLogLine(detector, DETECTOR_LISTENING, 30_000);
  expect(listening['host']).toBe('127.0.0.1'); // loopback when DETECTOR_HOST is unset
}, 60_000);

afterAll(async () => {
  await detector?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('detector status probe', () => {
  it('defect 5 (unauthenticated control): sends DETECTOR_API_KEY, and a keyless probe is told UNAUTHENTICATED', async () => {
    const keyed = new DetectorStatusClient(addr, 'probe-key');
    const keyless = new DetectorStatusClient(addr);
    try {
      const ok = await keyed.getModel(5000);
      expect(ok).toMatchObject({ ok: true, model: { status: 'learning' } });
      const refused = await keyless.getModel(5000);
      expect(refused).toMatchObject({ ok: false });
      expect(refused.ok === false && refused.error).toMatch(/^UNAUTHENTICATED/);
    } finally {
      keyed.close();
      keyless.close();
    }
  });
});
