/** Progress reporting of the keys workflow (the CLI draws it on stderr; benchmarks pass their own). */

/** Label of the DeepLog epoch progress of `train`, for every input format. */
export const EPOCH_LABEL = 'train: deeplog epoch';

/** The note beside an epoch's progress: training loss and, when measured, validation loss. */
export function epochNote(trainLoss: number | undefined, validationLoss: number | null | undefined): string {
  return `loss ${trainLoss?.toFixed(4) ?? '-'} val ${validationLoss?.toFixed(4) ?? '-'}`;
}

/** A progress reporter. */
export interface Progress {
  /** Starts (or restarts) a bar for `total` steps labelled `label`. */
  start(label: string, total: number): void;
  /** Sets the current value. */
  update(value: number, note?: string): void;
  /** Stops the bar. */
  stop(): void;
}
