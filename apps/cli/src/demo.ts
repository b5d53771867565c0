/**
 * `npm run demo`: feeds a local Log Sentinel stack (started here, or the one at
 * COLLECTOR_URL) with generated web-shop logs, lets the detector learn, injects labelled
 * anomalies and prints the flagged records with precision and recall.
 */
import { DemoError } from './stack/demo-feed';
import { runEntryPoint } from './stack/entry-point';
import { runDemo } from './stack/demo-run';
import { ServiceProcessError } from './stack/service-process';
import { parseStackEnv, processEnv } from './stack/stack-config';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const env = parseStackEnv(processEnv());
  const stopOnSignal = new AbortController();
  const onSignal = (): void => stopOnSignal.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const result = await runDemo({
    seed: env.DEMO_SEED,
    learningRecords: env.DEMO_LEARNING_RECORDS,
    testSessions: env.DEMO_TEST_SESSIONS,
    perKind: env.DEMO_PER_KIND,
    timeoutMs: env.DEMO_TIMEOUT_MS,
    ...(env.COLLECTOR_URL ? { collectorUrl: env.COLLECTOR_URL } : {}),
    ...(env.DETECTOR_ADDR ? { detectorAddr: env.DETECTOR_ADDR } : {}),
    ...(env.DETECTOR_API_KEY ? { detectorApiKey: env.DETECTOR_API_KEY } : {}),
    ...(env.LOG_SENTINEL_DIR ? { watchDir: env.LOG_SENTINEL_DIR } : {}),
    home: env.LOG_SENTINEL_HOME,
    cwd: process.cwd(),
    baseEnv: processEnv(),
    stopGraceMs: env.STACK_STOP_GRACE_MS,
    write: say,
    signal: stopOnSignal.signal,
  });
  say('');
  say(result.report);
  if (result.unmatched > 0) say(`(${result.unmatched} flagged records from other traffic were ignored)`);
  return 0;
}

runEntryPoint('demo', main, [ServiceProcessError, DemoError]);
