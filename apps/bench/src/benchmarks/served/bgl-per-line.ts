/**
 * BGL_2k per line, through the CLI and the served path: train on the normal lines (label
 * field stripped), then flag every line — `detect --format raw` and gRPC `Detect` with the
 * whole stripped line as the message — and score lines against their labels.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evalMetrics, type EvalMetrics } from '@log-sentinel/keys-workflow';
import { runCli } from '../process/cli-process';
import { startBenchDetector } from '../process/detector-process';
import { detectorClient, detectLines, waitForModel } from './served-path';

/** BGL header once the label field is stripped (loghub log_formats.json without <Label>). */
export const BGL_FORMAT = '<Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>';

/** Per-line results of both paths. */
export interface BglPerLine {
  lines: number;
  anomalous_lines: number;
  cli: EvalMetrics & { seconds: number };
  served: (EvalMetrics & { seconds: number }) | { error: string };
  commands: string[];
}

function split(flags: boolean[], labels: boolean[]): EvalMetrics {
  return evalMetrics(flags.filter((_, i) => labels[i]), flags.filter((_, i) => !labels[i]));
}

/** Runs BGL_2k per line; `file` is the labelled BGL_2k.log. */
export async function bglPerLine(root: string, file: string, tmp: string, batch: number, log: (m: string) => void): Promise<BglPerLine> {
  const raw = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim());
  const labels = raw.map((l) => !l.startsWith('- '));
  const lines = raw.map((l) => l.slice(l.indexOf(' ') + 1));
  const normalFile = path.join(tmp, 'bgl-normal.log');
  const allFile = path.join(tmp, 'bgl.log');
  fs.writeFileSync(normalFile, lines.filter((_, i) => !labels[i]).join('\n') + '\n');
  fs.writeFileSync(allFile, lines.join('\n') + '\n');
  const model = path.join(tmp, 'bgl-model');
  const out = path.join(tmp, 'bgl-detect.jsonl');
  const train = await runCli(root, ['train', '--format', 'raw', '--input', normalFile, '--log-format', BGL_FORMAT, '--out', model], 'bgl train', log);
  const det = await runCli(root, ['detect', '--model', model, '--format', 'raw', '--input', allFile, '--out', out], 'bgl detect', log);
  const cliFlags = new Array<boolean>(lines.length).fill(false);
  for (const text of fs.readFileSync(out, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    const o = JSON.parse(text) as { kind?: string; line?: number; is_anomaly: boolean };
    if (o.kind !== 'session' && o.line !== undefined) cliFlags[o.line - 1] = o.is_anomaly;
  }
  const result: BglPerLine = {
    lines: lines.length,
    anomalous_lines: labels.filter(Boolean).length,
    cli: { ...split(cliFlags, labels), seconds: det.seconds },
    served: { error: 'not run' },
    commands: [train.command, det.command],
  };
  try {
    const server = await startBenchDetector(root, model);
    const client = detectorClient(server.port);
    try {
      await waitForModel(client);
      const served = new Array<boolean>(lines.length).fill(false);
      const phase = await detectLines(client, lines, batch, (i, r) => (served[i] = r.is_anomaly), () => undefined, () => undefined);
      result.served = { ...split(served, labels), seconds: phase.seconds };
    } finally {
      client.close();
      await server.stop();
    }
  } catch (err) {
    result.served = { error: (err as Error).message };
  }
  return result;
}
