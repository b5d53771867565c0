/** `detect --format raw|ndjson`: runs the detector pipeline offline (libs/pipeline). */
import * as fs from 'node:fs';
import { detectOffline } from '@log-sentinel/pipeline';
import { CliError } from '../cli-error';
import { toCliError, type TrainRawOptions } from './train-raw';

/** Options of `detect` for raw and NDJSON input: the same flags as `train`. */
export type DetectRawOptions = TrainRawOptions;

/** Runs `detect` on raw/NDJSON input through the detector pipeline: JSONL, one object per input line, in order, then one per session. */
export async function detectRaw(opts: DetectRawOptions): Promise<void> {
  if (!opts.model) throw new CliError('detect needs --model MODEL_DIR');
  const toStdout = !opts.out || opts.out === '-';
  const out = toStdout ? process.stdout : fs.createWriteStream(opts.out);
  let buffered: string[] = [];
  const write = async (): Promise<void> => {
    if (buffered.length === 0) return;
    const chunk = buffered.join('');
    buffered = [];
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  try {
    const res = await detectOffline(
      { input: opts.input, format: opts.format, logFormat: opts.logFormat, sessionRegex: opts.sessionRegex, sessionField: opts.sessionField, keyField: opts.keyField, model: opts.model },
      async (line) => {
        buffered.push(JSON.stringify(line) + '\n');
        if (buffered.length >= 1000) await write();
      },
    );
    await write();
    process.stderr.write(`detect: ${res.records} records, ${res.anomalies} flagged; ${res.sessions} sessions, ${res.anomalousSessions} flagged (model ${res.version})\n`);
  } catch (err) {
    throw toCliError(err);
  } finally {
    if (!toStdout) await new Promise<void>((resolve) => (out as fs.WriteStream).end(() => resolve()));
  }
}
