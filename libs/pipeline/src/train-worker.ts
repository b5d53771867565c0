/** Worker-thread entry of ./training-runner: trains and posts progress, then the files. */
import { parentPort, workerData } from 'node:worker_threads';
import type { TrainWorkerInput, TrainWorkerMessage } from './training-runner';
import { trainModelFiles } from './trainer';

const port = parentPort;
if (port) {
  const input = workerData as TrainWorkerInput;
  const post = (m: TrainWorkerMessage): void => port.postMessage(m);
  trainModelFiles(input.records, input.options, (progress) => post({ type: 'progress', progress })).then(
    (model) => post({ type: 'done', model }),
    (err: unknown) =>
      post({ type: 'error', message: err instanceof Error ? err.message : String(err), code: (err as { code?: string } | undefined)?.code }),
  );
}
