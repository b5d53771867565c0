/**
 * Runs {@link trainModelFiles} off the main thread (a worker_threads worker running the
 * compiled ./train-worker.js), so Detect keeps answering while a model trains. Under ts
 * sources (jest) there is no compiled worker and training runs in-process, yielding.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrainProgressEvent, TrainRunOptions } from './engine-types';
import { DetectorError } from './errors';
import type { DetectRecord } from './record';
import { trainModelFiles, type TrainedModel } from './trainer';

/** Messages the training worker posts. */
export type TrainWorkerMessage =
  | { type: 'progress'; progress: TrainProgressEvent }
  | { type: 'done'; model: TrainedModel }
  | { type: 'error'; message: string; code: string | undefined };

/** Input of the training worker. */
export interface TrainWorkerInput {
  /** Records to train on. */
  records: DetectRecord[];
  /** Options of the run. */
  options: TrainRunOptions;
}

const WORKER_FILE = path.join(__dirname, 'train-worker.js');

/** Trains in a worker thread when possible (see file comment); rejects with TRAINING_FAILED on failure. */
export async function runTraining(
  records: DetectRecord[],
  options: TrainRunOptions,
  onProgress: (p: TrainProgressEvent) => void,
  run: { inWorker?: boolean | undefined; signal?: AbortSignal | undefined } = {},
): Promise<TrainedModel> {
  const inWorker = run.inWorker ?? (__filename.endsWith('.js') && fs.existsSync(WORKER_FILE));
  if (!inWorker) {
    try {
      return await trainModelFiles(records, options, onProgress);
    } catch (err) {
      throw wrap(err);
    }
  }
  return new Promise<TrainedModel>((resolve, reject) => {
    const input: TrainWorkerInput = { records, options };
    const worker = new Worker(WORKER_FILE, { workerData: input });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      run.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      void worker.terminate();
      finish(() => reject(new DetectorError('TRAINING_FAILED', 'training cancelled (shutdown)')));
    };
    run.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: TrainWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.model));
      else finish(() => reject(new DetectorError(m.code === 'INVALID_ARGUMENT' ? 'INVALID_ARGUMENT' : 'TRAINING_FAILED', m.message)));
    });
    worker.on('error', (err) => finish(() => reject(wrap(err))));
    worker.on('exit', (code) => finish(() => reject(new DetectorError('TRAINING_FAILED', `training worker exited with code ${code}`))));
  });
}

function wrap(err: unknown): DetectorError {
  if (err instanceof DetectorError) return err;
  return new DetectorError('TRAINING_FAILED', `training failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}
