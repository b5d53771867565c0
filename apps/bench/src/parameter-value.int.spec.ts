/**
 * DeepLog's parameter-value model end to end (docs/deeplog.md, "Parameter-value model"):
 * `log-sentinel train --format raw` on the demo's web-shop traffic, the model served by the
 * real detector process, whole raw lines sent over gRPC `Detect` with no session id. Its own
 * training lines are (almost) never flagged `deeplog.parameter_value`; a payment of tens of
 * thousands of euros, a checkout of hundreds of items, a 30–60 s page and an hour-long job
 * are, with the offending parameter named in the explanation.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DemoLogGenerator, RAW_LINE_FORMAT, RAW_LINE_SESSION_REGEX, toRawLine, type DemoRecord } from '@log-sentinel/demo-generator';
import type { DetectorClient } from '@log-sentinel/proto';
import type { DetectorProcess } from '@log-sentinel/loopback-process';
import { startBenchDetector } from './benchmarks/process/detector-process';
import { detectorClient, waitForModel, type DetectResultOut } from './benchmarks/served/served-path';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'apps/cli/dist/main.js');
const REASON = 'deeplog.parameter_value';
let tmp: string;
let detector: DetectorProcess | undefined;
let client: DetectorClient | undefined;

afterAll(async () => {
  client?.close();
  await detector?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Sends records as whole raw lines (no session id), 500 per call, in order. */
async function sendRaw(c: DetectorClient, records: readonly DemoRecord[]): Promise<DetectResultOut[]> {
  const out: DetectResultOut[] = [];
  for (let i = 0; i < records.length; i += 500) {
    const req = { records: records.slice(i, i + 500).map((r) => ({ id: r.id, message: toRawLine(r) })) };
    const res = await new Promise<{ results: DetectResultOut[] }>((resolve, reject) => c.Detect(req, (e, r) => (e || !r ? reject(e ?? new Error('empty reply')) : resolve(r as never))));
    out.push(...res.results);
  }
  return out;
}

describe('parameter-value model through train --format raw and the served detector', () => {
  it('flags abnormal values and latencies naming the parameter, and not its own training lines (docs/deeplog.md "Parameter-value model")', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'param-values-'));
    const gen = new DemoLogGenerator({ seed: 1, startMs: Date.UTC(2026, 0, 5) });
    const learning = gen.learningPhase(3000);
    const input = path.join(tmp, 'learn.log');
    fs.writeFileSync(input, learning.map(toRawLine).join('\n') + '\n');
    const summary = JSON.parse(
      execFileSync(process.execPath, [cli, 'train', '--input', input, '--format', 'raw', '--log-format', RAW_LINE_FORMAT, '--session-regex', RAW_LINE_SESSION_REGEX, '--out', path.join(tmp, 'models')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as { dir: string };
    const manifest = JSON.parse(fs.readFileSync(path.join(summary.dir, 'manifest.json'), 'utf8')) as { metrics: { values: { models: number; keys: { key: string }[]; skipped: { reason: string; records: number }[] } } };
    const values = manifest.metrics.values;
    expect(values.models).toBeGreaterThanOrEqual(5);
    expect(fs.existsSync(path.join(summary.dir, 'values.json'))).toBe(true);
    expect(fs.existsSync(path.join(summary.dir, 'values-0.onnx'))).toBe(true);
    // keys seen fewer than 50 times get no value model, and the manifest says so
    expect(values.skipped.some((s) => s.reason === 'too_few_records' && s.records < 50)).toBe(true);

    detector = await startBenchDetector(root, path.join(tmp, 'models'));
    client = detectorClient(detector.port);
    await waitForModel(client);

    const own = await sendRaw(client, learning);
    expect(own).toHaveLength(learning.length);
    const ownFlagged = own.filter((r) => r.reasons.includes(REASON));
    // the served model's own training lines: at most 0.5 % flagged by the value model (issue 11's bound for the served model)
    expect(ownFlagged.length / own.length).toBeLessThanOrEqual(0.005);

    const { records, scenarios } = gen.anomalyPhase({ normalSessions: 20, perKind: 2, kinds: ['abnormal_value', 'latency_outlier'] });
    const res = await sendRaw(client, records);
    const byId = new Map(res.map((r) => [r.record_id, r]));
    expect(scenarios).toHaveLength(4);
    for (const s of scenarios) {
      const hit = s.recordIds.map((id) => byId.get(id)!).find((r) => r.reasons.includes(REASON));
      expect(hit).toBeDefined();
      expect(hit!.explanation).toMatch(/(parameter \d+|time since the previous record of the session \(ms\)) of ".+" = [\d.e+]+, expected [\d.e+-]+ \([\d.e+-]+–[\d.e+-]+\)/);
    }
    expect(res.some((r) => /parameter 2 of "Payment <\*> authorized amount=<\*> EUR card=<\*>" = \d{5}/.test(r.explanation))).toBe(true);
    const normal = records.filter((r) => !r.label).map((r) => byId.get(r.id)!);
    const normalFlagged = normal.filter((r) => r.reasons.includes(REASON)).length;
    expect(normalFlagged).toBeLessThanOrEqual(1);
    process.stdout.write(`parameter-value served: own training lines flagged ${ownFlagged.length}/${own.length}; normal test records flagged ${normalFlagged}/${normal.length}\n`);
  }, 300_000);
});
