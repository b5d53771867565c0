/**
 * Entry of the scoring worker thread (wiring only): its own detector client, pending spool
 * and scoring stage, connected to the main thread's intake and scored spools by
 * `HostLink` (libs/scoring). The thread lowers its own CPU priority first, so intake's
 * replies get the CPU before scoring does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { DetectorClient } from '@log-sentinel/detector-client';
import { HostLink, ScoringStage, lowerThreadPriority } from '@log-sentinel/scoring';
import { openPendingSpool, type ScoringWorkerData } from './scoring-worker-data';

/** How often the stage's status (hold, detector states) is sent when it changed. */
const STATUS_EVERY_MS = 100;

async function run(port: NonNullable<typeof parentPort>): Promise<void> {
  const data = workerData as ScoringWorkerData;
  // Buffers arrive as plain Uint8Arrays (structured clone); grpc-js wants Buffers for TLS.
  const tls = data.detector?.tls;
  if (tls) {
    const buf = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
    data.detector!.tls = { ca: buf(tls.ca), ...(tls.cert ? { cert: buf(tls.cert) } : {}), ...(tls.key ? { key: buf(tls.key) } : {}) };
  }
  const link = new HostLink(port);
  let nice: number | undefined;
  let niceError: string | undefined;
  try {
    nice = data.nice > 0 ? lowerThreadPriority(data.nice) : undefined;
  } catch (err) {
    niceError = (err as Error).message;
  }
  const log = pino({ level: data.logLevel, base: undefined, timestamp: false }, link.logStream()).child({ component: 'scoring' });
  if (niceError) log.warn({ err: niceError, nice: data.nice }, 'cannot lower the scoring thread\'s CPU priority; it runs at intake\'s');
  const pending = data.detector ? await openPendingSpool(data.pendingSpool, log) : undefined;
  const detector = data.detector
    ? new DetectorClient(data.detector, log.child({ component: 'detector-client' }), {
        onCall: (seconds, outcome, addr) => link.notify({ t: 'detectCall', seconds, outcome, detector: addr }),
        onSessionVerdicts: (verdicts) => stage.addSessionVerdicts(verdicts),
      })
    : undefined;
  const stage = new ScoringStage(
    {
      intake: link.intake(),
      output: link.output(data.hasScored),
      ...(pending ? { pending } : {}),
      ...(detector ? { scorer: detector } : {}),
      metrics: link.metrics(),
      log,
    },
    data.stage,
  );
  const stopStatus = link.reportStatus(
    () => ({
      holding: stage.holding,
      detectorAvailable: detector?.available ?? false,
      detectorStates: detector?.states() ?? {},
      queuedSessionVerdicts: stage.queuedSessionVerdicts,
      pendingBytes: pending?.stats().bytes,
    }),
    STATUS_EVERY_MS,
  );
  link.onShutdown(() => {
    void (async () => {
      detector?.stopPolling();
      await stage.shutdown();
      stopStatus();
      await pending?.close();
      detector?.close();
      link.notify({ t: 'stopped' });
    })();
  });
  stage.start();
  link.notify({ t: 'started', nice, ...(niceError ? { niceError } : {}) });
}

if (parentPort) void run(parentPort);
