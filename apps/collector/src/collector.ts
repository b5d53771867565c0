/**
 * The collector: wires the record's path — sources (HTTP, shipper protocols, files) →
 * intake spool → scoring stage (detector client; pending spool; closed-session verdicts) →
 * scored spool → Elasticsearch delivery (dead letters), and the local sinks (anomaly store,
 * console index) — plus feedback and the web console (`console/`: its static files and
 * `/api`). `start()` then `shutdown()` (idempotent, flushes).
 */
import type { Client } from '@elastic/elasticsearch';
import { createElasticClient, deleteExpiredIndices, findDocuments, findTemplateRecords, installIndexTemplate, searchAnomalies } from '@log-sentinel/elastic';
import type { FileTailer } from '@log-sentinel/file-tail';
import type { AnomalyKind, ElasticLogDocument } from '@log-sentinel/schema';
import type { Spool } from '@log-sentinel/spool';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { LocalIndex } from '@log-sentinel/console-api';
import { AnomalyStore } from './anomaly-store';
import { ApiKeys } from './auth';
import { ConsoleData } from './console/data';
import { createConsoleRouter } from './console/routes';
import { StatusReporter } from './console/status';
import type { CollectorConfig } from './config';
import { DeadLetterWriter, Delivery, ElasticsearchSink } from '@log-sentinel/elastic-sink';
import { applyFeedback, parseFeedbackBody, type DocumentLookup, type FeedbackReply } from './feedback';
import { Ingestor } from './ingest';
import { CollectorMetrics } from './metrics';
import { startScoring, type ScoringRunner } from './scoring-wiring';
import { openCollectorSpool, spoolBudget } from './spool-budget';
import { startFileSource } from './sources/file';
import { createHttpApp } from './sources/http';
import { listenHttp } from './sources/http-server';
import { withLogsRoute } from './sources/logs-route';
import { Admission } from './sources/shipper-intake';
import { startShipperListeners, type ShipperListeners } from './sources/shippers';

/** A running collector. */
export class Collector {
  private spool: Spool | undefined;
  private scoredSpool: Spool | undefined;
  private stage: ScoringRunner | undefined;
  private server: Server | undefined;
  private shippers: ShipperListeners | undefined;
  private tailer: FileTailer | undefined;
  private delivery: Delivery | undefined;
  private elastic: Client | undefined;
  private sink: ElasticsearchSink | undefined;
  private anomalies: AnomalyStore | undefined;
  private ingestor: Ingestor | undefined;
  private status: StatusReporter | undefined;
  private elasticReady = false;
  /** Set when Elasticsearch refused the set-up requests 401/403 (delivery never started). */
  private authRefusedReason: string | undefined;
  private stopping = false;
  private setupTimer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private shutdownPromise: Promise<void> | undefined;
  /** Metrics (available after start). */
  metrics: CollectorMetrics | undefined;

  /** Keeps the configuration; nothing happens until {@link start}. */
  constructor(
    private readonly cfg: CollectorConfig,
    private readonly log: Logger,
    /** Log lines the service logger dropped (service-log `dropped`), served on /metrics. */
    private readonly logLinesDropped: () => number = () => 0,
  ) {}

  /** Port the HTTP server listens on. */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Opens the spool (recovering it), starts HTTP, files, delivery. */
  async start(): Promise<void> {
    const { cfg, log } = this;
    await fs.mkdir(cfg.stateDir, { recursive: true });
    // Three spools, bounded together by SPOOL_MAX_BYTES (spool-budget.ts): intake (what sources
    // accepted), scored (what delivery sends to Elasticsearch) and pending (kept for the dry-run
    // re-score; the scoring stage opens it, on its own thread, with its slot of the budget).
    const budget = spoolBudget(cfg.spool.maxBytes, cfg.spool.segmentBytes);
    const spool = await openCollectorSpool({ ...cfg.spool, budget: budget.intake });
    this.spool = spool;
    // Kept with ELASTIC_ADDR=off too: a later start with Elasticsearch delivers what it holds.
    const scoredSpool = await openCollectorSpool({ ...cfg.spool, dir: path.join(cfg.spool.dir, 'scored'), budget: budget.scored });
    this.scoredSpool = scoredSpool;
    const rec = sumRecovery([spool, scoredSpool]);
    if (rec.tornRecords && !rec.corruptRecords && !rec.skippedRegions) log.warn({ spool: rec }, 'spool recovered after a crash: a torn (never acknowledged) tail was cut off');
    if (rec.records) log.info({ records: rec.records, segments: rec.segments }, 'spool holds records from a previous run; they will be replayed');
    const anomalies = await AnomalyStore.open(path.join(cfg.stateDir, 'anomalies.ndjson'), cfg.anomalyStoreMax, {
      dropped: (n) => this.metrics?.anomalyStoreDropped.inc(n),
      writeFailed: (err) => {
        this.metrics?.anomalyStoreWriteErrors.inc();
        log.error({ err: err.message }, 'writing the local anomaly store failed; its documents stay in memory');
      },
    }, cfg.anomalyStoreMaxBytes);
    this.anomalies = anomalies;
    const metrics = new CollectorMetrics({
      spoolUnacked: () => spool.stats().unackedRecords + scoredSpool.stats().unackedRecords,
      spoolBytes: () => {
        const pending = this.stage?.pendingBytes();
        return { intake: spool.stats().bytes, scored: scoredSpool.stats().bytes, ...(pending !== undefined ? { pending } : {}) };
      },
      anomalyStoreSize: () => anomalies.size,
      elasticUp: () => (this.sink?.reachable ? 1 : 0),
      logLinesDropped: this.logLinesDropped,
      scoringHolding: () => (this.stage?.holding ? 1 : 0),
      detectorsUp: () => Object.fromEntries(Object.entries(this.stage?.detectorStates() ?? {}).map(([addr, state]) => [addr, state === 'open' ? 0 : 1])),
    });
    this.metrics = metrics;
    if (rec.skippedRegions || rec.corruptRecords) {
      metrics.spoolSkippedRegions.inc(rec.skippedRegions);
      metrics.spoolSkippedBytes.inc(rec.skippedBytes);
      log.error({ spool: rec }, 'spool recovery found damaged records (checksum failures, or regions skipped by resynchronising on the next valid record): the records in them are lost');
    }
    // The console's patterns and sessions when Elasticsearch is not there: every stored document.
    const consoleIndex = new LocalIndex();
    const ingestor = new Ingestor(spool, metrics, cfg.maxEventAgeMs);
    this.ingestor = ingestor;
    // The one place records are scored; its output goes to the scored spool and the local sinks.
    this.stage = await startScoring(cfg, {
      intake: spool,
      scored: scoredSpool,
      pendingBudget: budget.pending,
      metrics,
      onWritten: (docs) => {
        consoleIndex.add(docs);
        const flagged = docs.filter((d) => d.anomaly?.is_anomaly);
        if (flagged.length) void anomalies.add(flagged);
      },
      log,
      onFailure: (err) => {
        // Nothing is lost (unacknowledged intake records are replayed), but nothing is scored any more.
        log.fatal({ err }, 'the scoring worker thread failed; stopping the collector (the spool is replayed at the next start)');
        process.kill(process.pid, 'SIGTERM');
      },
    });

    // One in-flight limit for the shipper protocols on every port (/es, /v1/logs, /loki, ES_COMPAT_PORT).
    const shipperAdmission = new Admission({ maxInflightRequests: cfg.http.maxInflightRequests, bodyIdleTimeoutMs: cfg.http.bodyIdleTimeoutMs, metrics, spoolFull: () => spool.isFull() });
    // What every intake route shares (POST /logs and the shipper protocols, on every port).
    const intake = {
      ingestor,
      metrics,
      apiKeys: cfg.http.apiKeys,
      maxBodyBytes: cfg.http.maxBodyBytes,
      maxRecordsPerRequest: cfg.http.maxRecordsPerRequest,
      maxInflightRequests: cfg.http.maxInflightRequests,
      bodyIdleTimeoutMs: cfg.http.bodyIdleTimeoutMs,
      spoolFull: () => spool.isFull(),
    };
    const app = createHttpApp({
      ...intake,
      shipperAdmission,
      log: log.child({ component: 'http' }),
      readiness: () => this.readiness(),
      anomalies: (since, limit, options) => this.queryAnomalies(since, limit, options),
      feedback: (body) => this.feedback(body),
    });
    this.status = new StatusReporter({
      metrics,
      detector: this.stage.detector ? { states: () => this.stage!.detectorStates(), models: () => this.stage!.detector!.models() } : undefined,
      readiness: () => this.readiness(),
      spool: () => ({ depthRecords: spool.stats().unackedRecords + scoredSpool.stats().unackedRecords, bytes: spool.stats().bytes + scoredSpool.stats().bytes + (this.stage?.pendingBytes() ?? 0) }),
      anomalyStoreSize: () => anomalies.size,
    });
    app.use(
      createConsoleRouter({
        dir: cfg.consoleDir,
        keys: new ApiKeys(cfg.http.apiKeys),
        data: new ConsoleData({ elastic: () => (this.elasticUsable ? this.elastic : undefined), indexPrefix: cfg.indexPrefix, anomalies, index: consoleIndex, log }),
        status: this.status,
        feedback: (body) => this.feedback(body),
        log: log.child({ component: 'console' }),
      }),
    );
    // POST /logs is served on plain node:http ahead of the Express app (the hot intake route).
    this.server = await listenHttp(withLogsRoute(app, { ...intake, log: log.child({ component: 'http' }) }), cfg.http.host, cfg.http.port, cfg.http, metrics);
    log.info({ port: this.port, host: cfg.http.host, tls: cfg.http.tls ? (cfg.http.tls.ca ? 'mtls' : 'https') : 'off' }, 'collector listening');
    this.shippers = await startShipperListeners(cfg.shippers, cfg.http.host, cfg.http, { ...intake, log: log.child({ component: 'shippers' }) }, shipperAdmission);
    if (cfg.shippers.esCompatPort || this.shippers.syslog) {
      log.info({ esCompatPort: this.shippers.esCompatPort || undefined, syslogTcpPort: this.shippers.syslog?.tcpPort || undefined, syslogUdpPort: this.shippers.syslog?.udpPort || undefined }, 'shipper listeners started');
    }

    if (cfg.elastic) this.startElastic(cfg.elastic);
    else log.warn('Elasticsearch is turned off (ELASTIC_ADDR=off): records stay in the spool; /anomalies is served from the local store');

    if (cfg.files) {
      try {
        const fileDeadLetters = new DeadLetterWriter(this.elastic, cfg.elastic?.indexPrefix ?? 'logs-sentinel', path.join(cfg.stateDir, 'dead-letter.ndjson'));
        this.tailer = await startFileSource(cfg.files, ingestor, metrics, log.child({ component: 'file' }), fileDeadLetters);
        log.info({ dir: cfg.files.dir }, 'watching directory');
      } catch (err) {
        log.warn({ err, dir: cfg.files.dir }, 'cannot watch the log directory; file input is off (set LOG_SENTINEL_DIR)');
      }
    }
  }

  private startElastic(es: NonNullable<CollectorConfig['elastic']>): void {
    const client = createElasticClient({
      node: es.node,
      requestTimeoutMs: es.requestTimeoutMs,
      maxRetries: 0,
      ...(es.apiKey ? { apiKey: es.apiKey } : {}),
      ...(es.username !== undefined ? { username: es.username, password: es.password } : {}),
    });
    this.elastic = client;
    const log = this.log.child({ component: 'elasticsearch' });
    this.sink = new ElasticsearchSink(client, es.requestTimeoutMs);
    const deadLetters = new DeadLetterWriter(client, es.indexPrefix, path.join(this.cfg.stateDir, 'dead-letter.ndjson'));
    this.delivery = new Delivery(this.scoredSpool!, this.sink, deadLetters, this.metrics!, log, {
      indexPrefix: es.indexPrefix,
      maxDocs: es.bulk.maxDocs,
      maxBytes: es.bulk.maxBytes,
      flushIntervalMs: es.bulk.flushIntervalMs,
      concurrency: es.bulk.concurrency,
      retry: es.retry,
    });
    let warned = false;
    const setup = async (): Promise<void> => {
      if (this.stopping) return;
      try {
        const res = await installIndexTemplate(client, es.indexPrefix);
        this.elasticReady = true;
        this.sink!.reachable = true;
        log.info({ template: res.action, node: es.node }, 'Elasticsearch reachable; index template installed; delivering the spool');
        this.delivery!.start();
        if (es.retention.days > 0) this.startRetention(client, es.indexPrefix, es.retention, log);
      } catch (err) {
        const status = (err as { meta?: { statusCode?: number } }).meta?.statusCode;
        if (status === 401 || status === 403) {
          this.metrics!.authRefused.inc();
          this.authRefusedReason = `Elasticsearch refused the index template request with HTTP ${status}`;
          log.error({ status, err: (err as Error).message, node: es.node }, 'Elasticsearch refused the collector\'s credentials: delivery stopped; records stay in the spool. Fix ELASTIC_API_KEY / ELASTIC_USERNAME / ELASTIC_PASSWORD (or the role) and restart the collector');
          return;
        }
        if (!warned) log.warn({ err: (err as Error).message, node: es.node }, 'Elasticsearch not reachable; records stay in the spool and are replayed when it answers');
        warned = true;
        this.setupTimer = setTimeout(() => void setup(), 2000);
        this.setupTimer.unref();
      }
    };
    void setup();
  }

  /** Deletes expired daily indices now and every `checkMs` (libs/elastic `deleteExpiredIndices`). */
  private startRetention(client: Client, prefix: string, retention: { days: number; checkMs: number }, log: Logger): void {
    const run = async (): Promise<void> => {
      try {
        const deleted = await deleteExpiredIndices(client, prefix, retention.days, new Date());
        if (deleted.length > 0) log.info({ deleted, retentionDays: retention.days }, 'retention: deleted expired daily indices');
        this.metrics?.retentionDeleted.inc(deleted.length);
      } catch (err) {
        this.metrics?.retentionErrors.inc();
        log.error({ err: (err as Error).message }, 'retention: deleting expired indices failed; retried at the next check');
      }
    };
    void run();
    this.retentionTimer = setInterval(() => void run(), retention.checkMs);
    this.retentionTimer.unref();
  }

  private readiness(): { ready: boolean; checks: Record<string, string> } {
    // Not ready while the spool refuses appends, or has refused one in the last 2 s.
    const full = (this.spool?.isFull() ?? true) || Date.now() - (this.ingestor?.lastFullAtMs ?? 0) < 2000;
    const refused = this.delivery?.stoppedReason ?? this.authRefusedReason;
    const elasticsearch = !this.cfg.elastic ? 'disabled' : refused ? 'refused' : this.elasticReady && this.sink?.reachable ? 'reachable' : 'unreachable';
    const detector = !this.cfg.detector ? 'disabled' : this.stage?.detectorAvailable ? 'up' : 'down';
    // `holding`: the scoring stage waits for a detector (DETECTOR_HOLD_MS) while intake keeps accepting.
    const scoring = !this.cfg.detector ? 'disabled' : this.stage?.holding ? 'holding' : 'ok';
    const checks: Record<string, string> = { spool: full ? 'full' : 'ok', elasticsearch, detector, scoring };
    const states = Object.entries(this.stage?.detectorStates() ?? {});
    // With several detectors, `detector` is "up" while any answers; `detectors` names each breaker.
    if (states.length > 1) checks.detectors = states.map(([addr, state]) => `${addr}=${state}`).join(',');
    return { ready: !!this.server && !this.stopping && !full, checks };
  }

  private get elasticUsable(): boolean {
    return !!this.elastic && this.elasticReady && !!this.sink?.reachable;
  }

  private async queryAnomalies(
    since: Date | undefined,
    limit: number,
    options: { kind?: AnomalyKind; group: boolean },
  ): Promise<{ source: string; anomalies: ElasticLogDocument[] }> {
    if (this.elasticUsable) {
      try {
        const anomalies = await searchAnomalies(this.elastic!, this.cfg.indexPrefix, { ...(since ? { since } : {}), limit, ...options });
        return { source: 'elasticsearch', anomalies };
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'anomaly query to Elasticsearch failed; answering from the local store');
      }
    }
    return { source: 'local', anomalies: this.anomalies?.query(since, limit, options) ?? [] };
  }

  /** `POST /feedback`: records from Elasticsearch (when reachable) completed by the local store (flagged records not indexed yet). */
  private feedback(body: unknown): Promise<FeedbackReply> {
    const parsed = parseFeedbackBody(body);
    const local = this.anomalies!;
    const es = this.elasticUsable ? this.elastic! : undefined;
    const prefix = this.cfg.indexPrefix;
    const lookup: DocumentLookup = {
      byEventIds: async (ids) => {
        const found = es ? await findDocuments(es, prefix, ids) : [];
        const have = new Set(found.map((d) => d.event.id));
        return [...found, ...local.byEventIds(ids.filter((id) => !have.has(id)))];
      },
      byTemplate: async (templateId, limit) => {
        const found = es ? await findTemplateRecords(es, prefix, templateId, limit) : [];
        const have = new Set(found.map((d) => d.event.id));
        return [...found, ...local.byTemplate(templateId, limit).filter((d) => !have.has(d.event.id))].slice(0, limit);
      },
    };
    return applyFeedback(parsed, lookup, this.stage?.detector);
  }

  /** Stops intake, lets in-flight work finish, flushes the spool and checkpoints. Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.stopping = true;
      this.status?.stop();
      if (this.setupTimer) clearTimeout(this.setupTimer);
      if (this.retentionTimer) clearInterval(this.retentionTimer);
      const closing = this.server ? new Promise<void>((resolve) => this.server!.close(() => resolve())) : Promise.resolve();
      this.server?.closeIdleConnections();
      await this.tailer?.shutdown();
      await this.shippers?.close();
      // In-flight requests get 2 s to finish; then lingering keep-alive sockets are cut.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closing, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      this.server?.closeAllConnections();
      await closing;
      await this.stage?.shutdown();
      await this.delivery?.shutdown();
      await this.spool?.close();
      await this.scoredSpool?.close();
      await this.anomalies?.flush();
      await this.elastic?.close();
      this.log.info('collector stopped');
    })();
    return this.shutdownPromise;
  }
}

/** The recovery reports of several spools, added up. */
function sumRecovery(spools: ReadonlyArray<Spool | undefined>): Spool['recovery'] {
  const sum = { ...spools[0]!.recovery };
  for (const sp of spools.slice(1)) {
    if (!sp) continue;
    for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += sp.recovery[k];
  }
  return sum;
}
