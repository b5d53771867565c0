/** `train --format raw|ndjson`: runs the detector pipeline offline (libs/pipeline). */
import type { DrainOptions } from '@log-sentinel/drain';
import type { LogAnomalyArchitecture } from '@log-sentinel/loganomaly';
import { DetectorError, trainOffline, type TrainProgressEvent } from '@log-sentinel/pipeline';
import { CliError, EXIT } from '../cli-error';
import { EPOCH_LABEL, epochNote, stderrProgress } from './keys/progress';
import { rawVersionFields, secondsOf, summaryLine, type TrainSummary } from './train-summary';

/** Options of `train` for raw and NDJSON input. */
export interface TrainRawOptions {
  input: string;
  out: string;
  format: 'raw' | 'ndjson';
  logFormat?: string;
  sessionRegex?: string;
  sessionField?: string;
  keyField?: string;
  /** Workflow check threshold (default: the pipeline's; 0 = off). */
  workflowThreshold?: number;
  invariantsSupport?: number;
  pca?: boolean;
  /** Also train LogAnomaly. */
  loganomaly?: boolean;
  /** LogAnomaly's network (default: libs/loganomaly's, 'one'). */
  loganomalyArchitecture?: LogAnomalyArchitecture;
  countRange?: boolean;
  /** DeepLog key floor factor (default: libs/deeplog's; 0 = none). */
  keyFloorFactor?: number;
  /** DeepLog accept probability (default: libs/deeplog's; 0 = pure top-g). */
  acceptProbability?: number;
  /** Parameter-value model confidence (default: chosen on held-out training vectors; 0 = none). */
  valueConfidence?: number;
  /** DeepLog training seed (default: libs/deeplog's, 1). */
  seed?: number;
  model?: string;
  /** Drain settings stored in the model. */
  drain?: Partial<DrainOptions>;
  /** Publishes the new version elsewhere (train --out s3://…) and says where it is. */
  publish?: (version: string, dir: string) => Promise<{ model_dir: string; dir: string }>;
}

/**
 * Progress of a pipeline training run on stderr, as `train --format keys` shows it: a line per
 * phase, and DeepLog's epochs as a cli-progress bar on a TTY or one plain line each otherwise.
 * Records when DeepLog training started and ended, for the summary.
 */
function pipelineProgress(): { onProgress: (p: TrainProgressEvent) => void; stop: () => void; deeplogMs: () => number } {
  const bar = stderrProgress({ plainLines: true });
  let phase = '';
  let barStarted = false;
  let deeplogStart: number | undefined;
  let deeplogEnd: number | undefined;
  return {
    onProgress(p) {
      if (p.phase === 'training_deeplog') deeplogStart ??= performance.now();
      else if (deeplogStart !== undefined) deeplogEnd ??= performance.now();
      if (p.epoch !== undefined && p.epochs !== undefined) {
        if (!barStarted) bar.start(EPOCH_LABEL, p.epochs);
        barStarted = true;
        bar.update(p.epoch, epochNote(p.loss, p.validationLoss));
        return;
      }
      if (p.phase === phase) return;
      phase = p.phase;
      bar.stop();
      barStarted = false;
      process.stderr.write(`train: ${p.phase.replace(/_/g, ' ')}\n`);
    },
    stop: () => bar.stop(),
    deeplogMs: () => (deeplogStart === undefined ? 0 : (deeplogEnd ?? performance.now()) - deeplogStart),
  };
}

/** Runs `train` on raw/NDJSON input through the detector pipeline; prints the summary line on stdout. */
export async function trainRaw(opts: TrainRawOptions): Promise<void> {
  if (!opts.out) throw new CliError('train needs --out MODEL_DIR');
  const started = performance.now();
  const progress = pipelineProgress();
  let summary: TrainSummary;
  try {
    const res = await trainOffline({
      input: opts.input,
      format: opts.format,
      logFormat: opts.logFormat,
      sessionRegex: opts.sessionRegex,
      sessionField: opts.sessionField,
      keyField: opts.keyField,
      workflowThreshold: opts.workflowThreshold,
      invariantsSupport: opts.invariantsSupport,
      pca: opts.pca,
      loganomaly: opts.loganomaly,
      loganomalyArchitecture: opts.loganomalyArchitecture,
      countRange: opts.countRange,
      keyFloorFactor: opts.keyFloorFactor,
      acceptProbability: opts.acceptProbability,
      valueConfidence: opts.valueConfidence,
      seed: opts.seed,
      drain: opts.drain,
      out: opts.out,
      onProgress: progress.onProgress,
    });
    progress.stop();
    for (const d of res.degenerate) {
      process.stderr.write(`train: WARNING degenerate learning data: ${d} — DeepLog of this model does not flag (docs/detector.md, "Learning mode")\n`);
    }
    const where = opts.publish ? await opts.publish(res.version, res.dir) : { model_dir: opts.out, dir: res.dir };
    summary = {
      format: opts.format, model_dir: where.model_dir, version: res.version, dir: where.dir, records: res.records,
      ...(await rawVersionFields(res.dir)),
      deeplog_train_s: secondsOf(progress.deeplogMs()), iforest_train_s: null, seconds: secondsOf(performance.now() - started),
    };
  } catch (err) {
    progress.stop();
    throw toCliError(err);
  }
  process.stdout.write(summaryLine(summary));
}

/** Pipeline errors → CLI errors (bad input exit 2, model problems exit 3, the rest exit 1). */
export function toCliError(err: unknown): unknown {
  if (err instanceof DetectorError) {
    const modelProblem = err.code.startsWith('MODEL_');
    return new CliError(err.message, modelProblem ? EXIT.model : err.code === 'INVALID_ARGUMENT' ? EXIT.usage : EXIT.failure, { cause: err });
  }
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'BAD_LOG_FORMAT' || code === 'BAD_OPTION') return new CliError((err as Error).message, EXIT.usage, { cause: err });
  // An I/O error while running (disk full, EIO …): a failure of the run, reported without a stack trace.
  if (typeof code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string') return new CliError((err as Error).message, EXIT.failure, { cause: err });
  return err;
}
