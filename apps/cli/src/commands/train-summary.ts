/**
 * The one JSON line `train` prints on stdout, the same fields for every `--format`
 * (README "Command line"). A field that does not apply to a format is `null`, never absent.
 */
import { DEEPLOG_FILES, parseModelJson, type TrainingSummary } from '@log-sentinel/deeplog';
import { readModelVersion } from '@log-sentinel/model-registry';
import type { InputFormat } from './keys/options';

/** `train`'s stdout summary. Field names are a contract for benchmarks: add, never rename. */
export interface TrainSummary {
  /** `--format` of the input. */
  format: InputFormat;
  /** Registry root written (`--out`). */
  model_dir: string;
  /** The new version (now `current`). */
  version: string;
  /** Its directory. */
  dir: string;
  /** Records trained on: raw/ndjson one per non-blank line; keys one per log key of every session. */
  records: number;
  /** Sessions trained on (keys: input lines; raw/ndjson: distinct session ids). */
  sessions: number;
  /** Drain templates (raw/ndjson); null for keys, which are templates already. */
  templates: number | null;
  /** Log keys (keys) or templates (raw/ndjson) DeepLog knows. */
  vocabulary: number;
  /** DeepLog training windows, before merging duplicates. */
  windows: number;
  /** Distinct DeepLog training windows. */
  distinct_windows: number;
  /** DeepLog epochs run. */
  epochs: number;
  /** Epoch whose parameters were kept. */
  best_epoch: number;
  /** Why DeepLog training ended: early-stopping, max-epochs or time-budget. */
  stopped_by: TrainingSummary['stoppedBy'];
  /** Validation loss at the best epoch (null without a validation split). */
  validation_loss: number | null;
  /** Share of validation sessions flagged (null without a validation split). */
  validation_fp_rate: number | null;
  /** DeepLog training wall time, s (raw/ndjson: including top-g calibration). */
  deeplog_train_s: number;
  /** Isolation Forest fit wall time, s; null where the run does not time it apart (raw/ndjson). */
  iforest_train_s: number | null;
  /** LogAnomaly training wall time, s; null without it (`--loganomaly-templates`, keys only). */
  loganomaly_train_s: number | null;
  /** The top g LogAnomaly chose on held-out training sessions; null without it. */
  loganomaly_top_g: number | null;
  /** Wall time of the whole command, s. */
  seconds: number;
}

/** Summary fields in output order (the interface's order). */
export const SUMMARY_FIELDS: readonly (keyof TrainSummary)[] = [
  'format', 'model_dir', 'version', 'dir', 'records', 'sessions', 'templates', 'vocabulary', 'windows', 'distinct_windows',
  'epochs', 'best_epoch', 'stopped_by', 'validation_loss', 'validation_fp_rate', 'deeplog_train_s', 'iforest_train_s', 'loganomaly_train_s', 'loganomaly_top_g', 'seconds',
];

/** The summary as one JSON line, fields in {@link SUMMARY_FIELDS} order whatever the format. */
export function summaryLine(s: TrainSummary): string {
  return JSON.stringify(s, SUMMARY_FIELDS as string[]) + '\n';
}

/** Seconds with two decimals, from milliseconds. */
export function secondsOf(ms: number): number {
  return Number((ms / 1000).toFixed(2));
}

/** The DeepLog part of the summary, from a model's training record and vocabulary (which holds 2 special tokens). */
export function deeplogFields(t: TrainingSummary, vocabularySize: number): Pick<TrainSummary, 'vocabulary' | 'windows' | 'distinct_windows' | 'epochs' | 'best_epoch' | 'stopped_by' | 'validation_loss' | 'validation_fp_rate'> {
  return {
    vocabulary: vocabularySize - 2,
    windows: t.windows,
    distinct_windows: t.distinctWindows,
    epochs: t.epochs,
    best_epoch: t.bestEpoch,
    stopped_by: t.stoppedBy,
    validation_loss: t.validationLoss,
    validation_fp_rate: t.validationFpRate,
  };
}

/** Reads the DeepLog fields and session/template counts of a raw/ndjson version the pipeline just wrote. */
export async function rawVersionFields(dir: string): Promise<Pick<TrainSummary, 'sessions' | 'templates' | 'loganomaly_train_s' | 'loganomaly_top_g'> & ReturnType<typeof deeplogFields>> {
  const loaded = await readModelVersion(dir);
  const dj = parseModelJson(loaded.file(DEEPLOG_FILES.json));
  const count = (k: string): number => {
    const v = loaded.manifest.training[k];
    if (typeof v !== 'number') throw new Error(`${dir}/manifest.json: training.${k} is not a number`);
    return v;
  };
  // LogAnomaly (train --loganomaly): its training time and g from the manifest's metrics
  const la = loaded.manifest.metrics['loganomaly'] as { topG?: unknown; durationMs?: unknown } | null | undefined;
  return {
    sessions: count('sessions'), templates: count('templates'), ...deeplogFields(dj.training, dj.vocabulary.length),
    loganomaly_train_s: typeof la?.durationMs === 'number' ? secondsOf(la.durationMs) : null,
    loganomaly_top_g: typeof la?.topG === 'number' ? la.topG : null,
  };
}
