/**
 * Detector process entry point (wiring only; behaviour lives in libs/pipeline):
 * config from the environment → engine (model registry, learning, hot reload) → gRPC
 * server; SIGTERM/SIGINT drain in-flight calls, then exit.
 */
import { DetectorEngine } from '@log-sentinel/pipeline';
import { loadConfigFromEnv, type DetectorConfig } from './config';
import { createServiceLogger } from '@log-sentinel/service-log';
import { startDetectorServer } from './server';

async function main(): Promise<void> {
  let config: DetectorConfig;
  try {
    config = loadConfigFromEnv();
  } catch (err) {
    process.stderr.write(`detector: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  // JSON logs to stderr so stdout stays free; never blocks on an undrained pipe.
  const { log, flushAndExit } = createServiceLogger({ app: 'detector', level: config.logLevel, fd: 2 });
  const engine = await DetectorEngine.open({
    modelDir: config.modelDir,
    learningTarget: config.learningTarget,
    sessions: config.sessions,
    batch: config.batch,
    reloadPollMs: config.reloadPollMs,
    ...(config.trainMaxEpochs > 0 ? { trainDefaults: { maxEpochs: config.trainMaxEpochs } } : {}),
    log: log.child({ component: 'engine' }),
  });
  const server = await startDetectorServer(
    engine,
    { host: config.server.host, port: config.server.port, maxRequestBytes: config.server.maxRequestBytes, limits: { ...config.limits } },
    log.child({ component: 'grpc' }),
  );
  const info = engine.modelInfo();
  log.info({ port: server.port, host: config.server.host, modelDir: config.modelDir, model: info.version || null, status: info.status }, 'detector listening');

  // Operational counters once a minute (sessions, evictions, batching, cache) — never per record.
  const statsTimer = setInterval(() => log.info({ stats: engine.stats(), model: engine.modelInfo().version || null }, 'detector stats'), 60_000);
  statsTimer.unref();

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(statsTimer);
    log.info({ signal, graceMs: config.server.shutdownGraceMs }, 'shutting down: draining in-flight calls');
    server
      .shutdown(config.server.shutdownGraceMs)
      .then(() => engine.close())
      .then(
        () => {
          log.info('detector stopped');
          flushAndExit(0);
        },
        (err: unknown) => {
          log.error({ err }, 'error during shutdown');
          flushAndExit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`detector: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
