/** `train --format raw|ndjson`: runs the detector pipeline offline (libs/pipeline). */
import { DetectorError, trainOffline } from '@log-sentinel/pipeline';
import { CliError, EXIT } from '../cli-error';

/** Options of `train` for raw and NDJSON input. */
export interface TrainRawOptions {
  input: string;
  out: string;
  format: 'raw' | 'ndjson';
  logFormat?: string;
  sessionRegex?: string;
  sessionField?: string;
  keyField?: string;
  model?: string;
}

/** Runs `train` on raw/NDJSON input through the detector pipeline. */
export async function trainRaw(opts: TrainRawOptions): Promise<void> {
  if (!opts.out) throw new CliError('train needs --out MODEL_DIR');
  const started = Date.now();
  try {
    const res = await trainOffline({
      input: opts.input,
      format: opts.format,
      logFormat: opts.logFormat,
      sessionRegex: opts.sessionRegex,
      sessionField: opts.sessionField,
      keyField: opts.keyField,
      out: opts.out,
      onProgress: (p) => {
        const epoch = p.epoch ? ` epoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(4)}` : '';
        process.stderr.write(`train: ${p.phase}${epoch} (${Math.round(p.fraction * 100)}%)\n`);
      },
    });
    process.stdout.write(JSON.stringify({ version: res.version, dir: res.dir, records: res.records, seconds: (Date.now() - started) / 1000 }) + '\n');
  } catch (err) {
    throw toCliError(err);
  }
}

/** Pipeline errors → CLI errors (bad input exit 2, model problems exit 3). */
export function toCliError(err: unknown): unknown {
  if (err instanceof DetectorError) {
    const modelProblem = err.code.startsWith('MODEL_');
    return new CliError(err.message, modelProblem ? EXIT.model : err.code === 'INVALID_ARGUMENT' ? EXIT.usage : EXIT.failure, { cause: err });
  }
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'BAD_LOG_FORMAT' || code === 'BAD_OPTION') return new CliError((err as Error).message, EXIT.usage, { cause: err });
  return err;
}
