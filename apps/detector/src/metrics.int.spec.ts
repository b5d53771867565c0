/**
 * The real detector process serves Prometheus metrics on DETECTOR_METRICS_PORT: the
 * counters move after a Detect call; port 0 turns the endpoint off; a port in use stops
 * the detector with exit 1 and a message naming the variable (docs/operations.md,
 * "Watching it run").
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { DETECTOR_LISTENING, freePort, spawnWatched, waitForLogLine, waitUntil, type WatchedProcess } from '@log-sentinel/loopback-process';
import { loadDetectorProto, type DetectorClient, type DetectResponse__Output } from '@log-sentinel/proto';

const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');

/** HDFS DataNode lines (content part), one block session. */
const MESSAGES = [
  'Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010',
  'BLOCK* NameSystem.allocateBlock: /mnt/hadoop/mapred/system/job_200811092030_0001/job.jar. blk_-1608999687919862906',
  'PacketResponder 1 for block blk_-1608999687919862906 terminating',
  'Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
  'BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.250.10.6:50010 is added to blk_-1608999687919862906 size 91178',
];

/** Value of an un-labelled or labelled sample line, 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe('detector /metrics (real process)', () => {
  const dirs: string[] = [];
  const children: WatchedProcess[] = [];
  afterAll(async () => {
    for (const c of children) await c.kill9();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  function run(env: Record<string, string>): WatchedProcess {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'det-metrics-'));
    dirs.push(dir);
    const child = spawnWatched(process.execPath, [MAIN], { ...process.env, DETECTOR_PORT: '0', DETECTOR_HOST: '127.0.0.1', MODEL_DIR: dir, DETECTOR_LEARNING_RECORDS: '1000', LOG_LEVEL: 'info', ...env });
    children.push(child);
    return child;
  }

  /** The ports of the "detector listening" line. */
  async function listening(d: WatchedProcess): Promise<{ port: number; metricsPort: number | null }> {
    const line = await waitForLogLine(d, DETECTOR_LISTENING, 60_000);
    return { port: line['port'] as number, metricsPort: line['metricsPort'] as number | null };
  }

  it('counts scored records and Detect latency, and reports learning progress', async () => {
    const metricsPort = await freePort();
    const d = run({ DETECTOR_METRICS_PORT: String(metricsPort) });
    const at = await listening(d);
    expect(at.metricsPort).toBe(metricsPort);
    const scrape = async (): Promise<string> => {
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      return res.text();
    };
    const before = await scrape();
    expect(before).toMatch(/^process_cpu_user_seconds_total /m);
    expect(sample(before, 'detector_records_total{status="learning"}')).toBe(0);
    expect(sample(before, 'detector_learning_target_records')).toBe(1000);
    expect(before).toMatch(/^detector_model_info\{version="",status="learning"\} 1$/m);
    expect(before).toMatch(/^detector_log_lines_dropped 0$/m);

    const { grpcType } = loadDetectorProto();
    const client: DetectorClient = new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${at.port}`, grpc.credentials.createInsecure());
    const res = await new Promise<DetectResponse__Output>((resolve, reject) =>
      client.Detect({ records: MESSAGES.map((message, i) => ({ id: `r${i}`, message, service: 'hdfs', host: 'dn1' })) }, (err, r) => (err || !r ? reject(err) : resolve(r))),
    );
    client.close();
    expect(res.results).toHaveLength(MESSAGES.length);

    const after = await scrape();
    expect(sample(after, 'detector_records_total{status="learning"}')).toBe(MESSAGES.length);
    expect(sample(after, 'detector_detect_duration_seconds_count{outcome="ok"}')).toBe(1);
    expect(sample(after, 'detector_learning_records')).toBe(MESSAGES.length);
    expect(sample(after, 'detector_records_flagged_total')).toBe(0);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);

    expect(await d.stop()).toBe(0);
  });

  it('counts log lines dropped once nobody reads the log output (service-log dropped())', async () => {
    const metricsPort = await freePort();
    const d = run({ DETECTOR_METRICS_PORT: String(metricsPort), DETECTOR_LEARNING_RECORDS: '100', DETECTOR_TRAIN_MAX_EPOCHS: '1' });
    const at = await listening(d);
    const dropped = async (): Promise<number> => sample(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(), 'detector_log_lines_dropped');
    expect(await dropped()).toBe(0);
    // Close the read end of the detector's stderr (its log output): the next write fails
    // with EPIPE and every line after it is dropped and counted.
    d.child.stderr!.destroy();
    // Reaching the learning target logs "learning target reached", then "first model trained"
    // and "model version serving" once the first model is trained.
    const { grpcType } = loadDetectorProto();
    const client: DetectorClient = new grpcType.sentinel.detector.v1.Detector(`127.0.0.1:${at.port}`, grpc.credentials.createInsecure());
    const records = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, message: MESSAGES[i % MESSAGES.length]!, service: 'hdfs', host: 'dn1', session_id: `blk_${Math.floor(i / 5)}` }));
    await new Promise<DetectResponse__Output>((resolve, reject) => client.Detect({ records }, (err, r) => (err || !r ? reject(err) : resolve(r))));
    client.close();
    const count = await waitUntil(d, 'detector_log_lines_dropped > 0', 60_000, async () => {
      const n = await dropped();
      return n > 0 ? n : undefined;
    });
    expect(count).toBeGreaterThan(0);
    expect(await d.stop()).toBe(0);
  });

  it('DETECTOR_METRICS_PORT=0 turns the endpoint off', async () => {
    const d = run({ DETECTOR_METRICS_PORT: '0' });
    expect((await listening(d)).metricsPort).toBeNull();
    expect(await d.stop()).toBe(0);
  });

  it('a metrics port in use stops the detector with exit 1, naming the variable', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const d = run({ DETECTOR_METRICS_PORT: String((holder.address() as net.AddressInfo).port) });
      expect(await d.exited).toBe(1);
      expect(d.output()).toMatch(/"code":"METRICS_PORT_IN_USE"/);
      expect(d.output()).toMatch(/set DETECTOR_METRICS_PORT to another port, or 0 to turn \/metrics off/);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});
