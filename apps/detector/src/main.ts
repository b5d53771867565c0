/**
 * Detector process entry point (wiring only; behaviour lives in libs/pipeline):
 * config from the environment → engine (model registry, learning, hot reload) → gRPC
 * server and Prometheus endpoint; SIGTERM/SIGINT/SIGHUP (or, under `npm start`, the
 * supervisor going away) drain in-flight calls, then exit.
 */
import { openModelStore } from '@log-sentinel/model-registry';
import { DetectorEngine, workflowsView } from '@log-sentinel/pipeline';
import { loadConfigFromEnv, type DetectorConfig } from './config';
import { createServiceLogger, routeStopRequests } from '@log-sentinel/service-log';
import { startDetectorServer, type DetectorServer } from './server';
import { DetectorMetrics, instrumentEngine } from './metrics';
import { readTlsFiles, type TlsFiles } from './tls';
import { startMetricsServer, type MetricsServer } from './metrics-server';

async function main(): Promise<void> {
  let config: DetectorConfig;
  let tls: TlsFiles | undefined;
  try {
    config = loadConfigFromEnv();
    tls = config.tls ? readTlsFiles(config.tls) : undefined;
  } catch (err) {
    process.stderr.write(`detector: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  // JSON logs to stderr so stdout stays free; never blocks on an undrained pipe.
  const { log, flushAndExit, dropped } = createServiceLogger({ app: 'detector', level: config.logLevel, fd: 2 });

  let stopping = false;
  // What is running so far: a stop request can arrive at any point of the start-up.
  const running: { engine?: DetectorEngine; server?: DetectorServer; metricsServer?: MetricsServer; statsTimer?: NodeJS.Timeout } = {};
  const stop = (reason: string, code = 0): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(running.statsTimer);
    log.info({ reason, graceMs: config.server.shutdownGraceMs }, 'shutting down: draining in-flight calls');
    (running.server ? running.server.shutdown(config.server.shutdownGraceMs) : Promise.resolve())
      .then(() => running.metricsServer?.close())
      .then(() => running.engine?.close())
      .then(
        () => {
          log.info('detector stopped');
          flushAndExit(code);
        },
        (err: unknown) => {
          log.error({ err }, 'error during shutdown');
          flushAndExit(1);
        },
      );
  };
  // Registered before the slow start-up (model loading) so a stop request is never lost.
  // a second signal goes to stop, which ignores it: the drain is bounded by its grace time
  const supervisor = routeStopRequests({ supervised: config.supervised, stop: (reason) => stop(reason), repeatedSignal: 'stop', log, flushAndExit });
  if (!supervisor) return;

  // MODEL_STORE (S3) shared by every detector, MODEL_DIR its local copy; else MODEL_DIR alone
  const store = config.store ? openModelStore(config.store.uri, { s3: config.store.s3, cacheDir: config.modelDir }) : undefined;
  const engine = await DetectorEngine.open({
    modelDir: config.modelDir,
    ...(store && config.store
      ? {
          store,
          lease: { holder: config.detectorId, ttlMs: config.store.leaseTtlMs },
          leaseRetryMs: config.store.leaseRetryMs,
          export: { ...config.store.export, detectorId: config.detectorId },
        }
      : {}),
    learningTarget: config.learningTarget,
    learningBufferMaxBytes: config.learningBufferMaxBytes,
    sessions: config.sessions,
    batch: config.batch,
    reloadPollMs: config.reloadPollMs,
    ...(config.trainMaxEpochs > 0 ? { trainDefaults: { maxEpochs: config.trainMaxEpochs } } : {}),
    log: log.child({ component: 'engine' }),
  });
  running.engine = engine;
  const metrics = new DetectorMetrics(engine, { logLinesDropped: dropped });
  const server = await startDetectorServer(
    instrumentEngine(engine, metrics),
    { host: config.server.host, port: config.server.port, maxRequestBytes: config.server.maxRequestBytes, keys: config.keys, ...(tls ? { tls } : {}), limits: { ...config.limits }, workflows: () => workflowsView(engine.serving) },
    log.child({ component: 'grpc' }),
  );
  running.server = server;
  let metricsServer: MetricsServer | undefined;
  if (config.metricsPort > 0) {
    try {
      metricsServer = running.metricsServer = await startMetricsServer({ host: config.server.host, port: config.metricsPort, registry: metrics.registry, log: log.child({ component: 'metrics' }) });
    } catch (err) {
      log.fatal({ err }, (err as Error).message);
      stop('metrics port unavailable', 1);
      return;
    }
  }
  const info = engine.modelInfo();
  log.info(
    { port: server.port, host: config.server.host, tls: tls ? (tls.ca ? 'mtls' : 'tls') : 'off', metricsPort: metricsServer?.port ?? null, modelDir: config.modelDir, modelStore: config.store?.uri ?? null, detectorId: config.detectorId, model: info.version || null, status: info.status },
    'detector listening',
  );
  supervisor.ready({ grpc: server.port, ...(metricsServer ? { metrics: metricsServer.port } : {}) });

  // Operational counters once a minute (sessions, evictions, batching, cache) — never per record.
  running.statsTimer = setInterval(() => log.info({ stats: engine.stats(), model: engine.modelInfo().version || null }, 'detector stats'), 60_000);
  running.statsTimer.unref();
}

main().catch((err: unknown) => {
  process.stderr.write(`detector: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
