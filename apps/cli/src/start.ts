/**
 * `npm start`: runs the detector and the collector together with embedded defaults (no
 * configuration, no Elasticsearch required), says where each listens and what it is
 * doing, stops both cleanly on Ctrl-C / SIGTERM / SIGHUP (exit 0), and exits non-zero if
 * a service dies. Ports are checked free first; the services are linked to this process
 * (they stop themselves if it is killed) and "ready" is reported only once they said so.
 */
import * as path from 'node:path';
import { runEntryPoint } from './stack/entry-point';
import { cleanExit, describeExit, LocalStack, stackPortClaims, type LocalStackOptions } from './stack/local-stack';
import { checkPortsFree, PortCheckError } from './stack/port-check';
import { ServiceProcessError, type ServiceProcess } from './stack/service-process';
import { parseStackEnv, processEnv, stackDirs } from './stack/stack-config';
import { StatusMonitor } from './stack/status-monitor';

// After a terminal hang-up, writes to it fail (EIO): keep stopping the services regardless.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

async function main(): Promise<number> {
  const env = parseStackEnv(processEnv());
  const dirs = stackDirs(env.LOG_SENTINEL_HOME, process.cwd());
  const rel = (p: string): string => path.relative(process.cwd(), p) || '.';
  const opts: LocalStackOptions = {
    dirs,
    detectorPort: env.DETECTOR_PORT,
    detectorMetricsPort: env.DETECTOR_METRICS_PORT,
    collectorPort: env.COLLECTOR_PORT,
    baseEnv: processEnv(),
    stopGraceMs: env.STACK_STOP_GRACE_MS,
  };
  await checkPortsFree(stackPortClaims(opts));

  // Signals are handled from here on: a hang-up during start-up still stops the services.
  let signalled: NodeJS.Signals | undefined;
  const services: ServiceProcess[] = [];
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    const on = (sig: NodeJS.Signals): void => {
      if (signalled) {
        say(`${sig} again: killing the services now`);
        for (const s of services) void s.stop(0);
        return;
      }
      signalled = sig;
      resolve(sig);
    };
    for (const sig of STOP_SIGNALS) process.on(sig, on);
  });

  say(`Log Sentinel: starting the detector and the collector (data in ${rel(dirs.home)}/, service logs in ${rel(dirs.logs)}/)`);
  const stack = LocalStack.start(opts);
  services.push(stack.collector, stack.detector);
  say(`detector:  gRPC ${stack.detectorAddr} (pid ${stack.detector.pid}), models in ${rel(dirs.models)}/`);
  if (env.DETECTOR_METRICS_PORT > 0) say(`detector:  Prometheus http://127.0.0.1:${env.DETECTOR_METRICS_PORT}/metrics`);
  say(`collector: HTTP ${stack.collectorUrl} (pid ${stack.collector.pid}): POST /logs, GET /anomalies, /healthz, /readyz, /metrics`);
  say(`console:   ${stack.collectorUrl}/ (anomalies, patterns, sessions, status in a browser)`);
  say(`collector: watching ${rel(dirs.watch)}/ for log files; spool in ${rel(dirs.spool)}/`);
  if (!env.ELASTIC_ADDR) {
    say('Elasticsearch: not used (ELASTIC_ADDR unset): records stay in the local store. To add it: npm run es:start, then ELASTIC_ADDR=http://127.0.0.1:9200 npm start');
  }
  say('Press Ctrl-C to stop.');

  let hinted = false;
  const monitor = new StatusMonitor({
    detectorAddr: stack.detectorAddr,
    ...(env.DETECTOR_API_KEY ? { detectorApiKey: env.DETECTOR_API_KEY } : {}),
    collectorUrl: stack.collectorUrl,
    intervalMs: env.STACK_STATUS_INTERVAL_MS,
    startupGraceMs: 20_000,
    write: (line) => {
      say(line);
      if (!hinted && line.startsWith('collector: ready')) {
        hinted = true;
        say(`Try:  curl -X POST ${stack.collectorUrl}/logs -H 'Content-Type: text/plain' --data-binary 'ERROR payment gateway timeout'`);
        say(`      curl '${stack.collectorUrl}/anomalies?limit=10'     (docs/api.md has more; npm run demo shows detection end to end)`);
      }
    },
  });
  // Probes start only once our own children said they listen: nothing else can answer.
  void stack.ready.then(() => {
    if (!signalled && !stack.detector.exit && !stack.collector.exit) monitor.start();
  });

  const first = await Promise.race([signal.then((sig) => ({ sig })), stack.firstExit.then((ex) => ({ ex }))]);
  monitor.stop();
  if ('sig' in first) {
    say(`${first.sig}: stopping the collector (flushing), then the detector…`);
    const exits = await stack.stop();
    say(`collector stopped (${describeExit(exits.collector)}); detector stopped (${describeExit(exits.detector)})`);
    return cleanExit(exits.collector) && cleanExit(exits.detector) ? 0 : 1;
  }
  const dead = first.ex.name === 'detector' ? stack.detector : stack.collector;
  process.stderr.write(`\n${first.ex.name} exited unexpectedly (${describeExit(first.ex.exit)}). Last lines of ${rel(dead.spec.logFile)}:\n`);
  process.stderr.write(`${dead.tail(20)}\n\n`);
  say(`stopping the ${first.ex.name === 'detector' ? 'collector' : 'detector'}…`);
  await stack.stop();
  return 1;
}

runEntryPoint('start', main, [ServiceProcessError, PortCheckError]);
