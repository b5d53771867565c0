/**
 * Collector process entry point (wiring only): config, logger, start, signals. SIGTERM,
 * SIGINT, SIGHUP — or, under `npm start`, the supervisor going away — finish requests,
 * flush and exit.
 */
import { createServiceLogger, routeStopRequests } from '@log-sentinel/service-log';
import { Collector } from './collector';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`collector: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  // Never blocks on an undrained stdout pipe, so SIGTERM is always handled.
  const { log, flushAndExit, dropped } = createServiceLogger({ app: 'collector', level: cfg.logLevel, fd: 1 });
  const collector = new Collector(cfg, log, dropped);
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping: finishing requests and flushing');
    const timer = setTimeout(() => {
      log.error({ graceMs: cfg.shutdownGraceMs }, 'shutdown grace elapsed; exiting (unacknowledged spool records are replayed at the next start)');
      flushAndExit(1);
    }, cfg.shutdownGraceMs);
    timer.unref();
    collector.shutdown().then(
      () => flushAndExit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        flushAndExit(1);
      },
    );
  };
  // a second signal ends the process at once (Node's default), past the grace wait
  const supervisor = routeStopRequests({ supervised: cfg.supervised, stop, repeatedSignal: 'default', log, flushAndExit });
  if (!supervisor) return;
  try {
    await collector.start();
  } catch (err) {
    log.fatal({ err }, 'collector failed to start');
    await collector.shutdown().catch(() => undefined);
    flushAndExit(1);
    return;
  }
  if (!stopping) supervisor.ready({ http: collector.port });
}

void main();
