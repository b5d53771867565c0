/** `train --format raw|ndjson`: runs the detector pipeline offline (libs/pipeline). */
import { CliError } from '../cli-error';

/** Options of `train` for raw and NDJSON input. */
export interface TrainRawOptions {
  input: string;
  out: string;
  format: 'raw' | 'ndjson';
  logFormat?: string;
  sessionRegex?: string;
  sessionField?: string;
  model?: string;
}

/** Runs `train` on raw/NDJSON input through the detector pipeline. */
export async function trainRaw(opts: TrainRawOptions): Promise<void> {
  // Replaced by the detector pipeline wiring (issue 6); until then this path says so plainly.
  throw new CliError(`--format ${opts.format} is not available in this build yet`);
}
