/** Prometheus metrics of the collector (one registry per collector instance). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Gauges read at scrape time. */
export interface GaugeSources {
  /** Records in the spool not yet delivered (queue depth). */
  spoolUnacked(): number;
  /** Bytes on disk of each spool, by name (`intake`, `scored`, `pending`). */
  spoolBytes(): Record<string, number>;
  /** Records in the local anomaly store. */
  anomalyStoreSize(): number;
  /** 1 when Elasticsearch answered the last request, else 0. */
  elasticUp(): number;
  /** Per detector address: 1 unless its circuit breaker is open, else 0. */
  detectorsUp(): Record<string, number>;
  /** Log lines the service logger dropped because its output did not drain (0 when unknown). */
  logLinesDropped?(): number;
  /** 1 while the scoring stage holds its position waiting for a detector (DETECTOR_HOLD_MS), else 0. */
  scoringHolding?(): number;
}

/** All collector metrics. */
// One declaration per counter: the lines look alike because each is a name, help text and labels, not repeated logic.
export class CollectorMetrics {
  /** The registry served on `/metrics`. */
  readonly registry = new Registry();
  /** Records received, by source (`http`, `file`). */
  readonly received = this.counter('collector_records_received_total', 'Records received (accepted or rejected)', ['source']);
  /** Items rejected at intake, by source. */
  readonly rejected = this.counter('collector_records_rejected_total', 'Items rejected at intake (malformed; never stored)', ['source']);
  /** Records fsynced to the spool. */
  readonly spooled = this.counter('collector_records_spooled_total', 'Records fsynced to the spool');
  /** Records refused because the spool was full (client told 503). */
  readonly spoolFull = this.counter('collector_records_spool_full_total', 'Records refused with 503 because the spool was full');
  /** Records acknowledged by Elasticsearch. */
  readonly indexed = this.counter('collector_records_indexed_total', 'Records acknowledged by Elasticsearch');
  /** Records whose event time lay outside the accepted window and were indexed by receipt time (`event.created` keeps it). */
  readonly eventTimeOutOfWindow = this.counter('collector_records_event_time_out_of_window_total', 'Records indexed by receipt time because their event time was outside [now - MAX_EVENT_AGE, now + 1 d]');
  /** Damaged regions that spool recovery skipped (resynchronising on the next valid frame); records in them are lost. */
  readonly spoolSkippedRegions = this.counter('collector_spool_recovery_skipped_regions_total', 'Damaged spool regions skipped at recovery (records in them lost)');
  /** Bytes of those regions. */
  readonly spoolSkippedBytes = this.counter('collector_spool_recovery_skipped_bytes_total', 'Bytes of damaged spool regions skipped at recovery');
  /** Records indexed after an earlier failed attempt or from a previous process's spool. */
  readonly replayed = this.counter('collector_records_replayed_total', 'Records indexed after a failed attempt or recovered from the spool at start');
  /** Records sent to the dead letter index/file. */
  readonly deadLettered = this.counter('collector_records_dead_lettered_total', 'Records Elasticsearch refused (mapping errors, other 4xx) stored as dead letters');
  /** Records stored with anomaly.status pending. */
  readonly pending = this.counter('collector_records_pending_total', 'Records written with anomaly.status pending because no detector answered within DETECTOR_HOLD_MS');
  /** Pending records scored later. */
  readonly rescored = this.counter('collector_records_rescored_total', 'Pending records scored later (dry runs from the pending spool)');
  /** Flagged records. */
  readonly flagged = this.counter('collector_records_flagged_total', 'Records the detector flagged as anomalous');
  /** Closed-session verdicts fsynced to the spool, by `flagged` (true/false). */
  readonly sessionVerdicts = this.counter('collector_session_verdicts_total', 'Closed-session verdicts written by the scoring stage', ['flagged']);
  /** Detect call latency, by outcome. */
  readonly detectorLatency = new Histogram({
    name: 'collector_detector_latency_seconds',
    help: 'Latency of Detect calls, by outcome and detector address',
    labelNames: ['outcome', 'detector'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  /** Whole `_bulk` (or set-up) requests Elasticsearch refused 401/403: delivery stopped until the credentials are fixed. */
  readonly authRefused = this.counter('collector_elastic_auth_refused_total', 'Elasticsearch requests refused 401/403 as a whole; delivery stops (records stay in the spool) until the credentials are fixed and the collector restarted');
  /** _bulk requests, by outcome. */
  readonly bulkRequests = this.counter('collector_elastic_bulk_requests_total', '_bulk requests by outcome', ['outcome']);
  /** Flagged records dropped from the bounded local store. */
  readonly anomalyStoreDropped = this.counter('collector_anomaly_store_dropped_total', 'Oldest flagged records dropped from the bounded local store');
  /** Daily indices deleted by retention. */
  readonly retentionDeleted = this.counter('collector_retention_deleted_indices_total', 'Daily indices deleted by retention (ELASTIC_RETENTION_DAYS)');
  /** Failed retention runs. */
  readonly retentionErrors = this.counter('collector_retention_errors_total', 'Retention runs that failed (retried at the next check)');
  /** Failed writes of the local anomaly store's file. */
  readonly anomalyStoreWriteErrors = this.counter('collector_anomaly_store_write_errors_total', 'Failed writes of the local anomaly store file (the documents stay in memory)');
  /** `POST /logs` answered 413 for too many records. */
  readonly tooManyRecords = this.counter('collector_http_too_many_records_total', 'POST /logs answered 413 for more than MAX_RECORDS_PER_REQUEST records');
  /** Connections closed for sending too slowly, by which limit (`headers`, `request`, `body_idle`). */
  readonly slowClientsClosed = this.counter('collector_http_slow_clients_closed_total', 'HTTP connections closed because headers, the whole request or a stalled body took too long', ['reason']);
  /** Items refused with 429/503 at the HTTP door. */
  readonly throttled = this.counter('collector_http_throttled_total', 'POST /logs answered 429/503', ['status']);

  /** A counter in this registry (label names, when given, are its only labels). */
  private counter<L extends string = string>(name: string, help: string, labelNames?: readonly L[]): Counter<L> {
    return new Counter<L>({ name, help, ...(labelNames ? { labelNames } : {}), registers: [this.registry] });
  }

  /** Registers the scrape-time gauges and the process metrics. */
  constructor(sources: GaugeSources) {
    collectDefaultMetrics({ register: this.registry });
    const gauge = (name: string, help: string, read: () => number): void => {
      new Gauge({ name, help, registers: [this.registry], collect() { this.set(read()); } });
    };
    gauge('collector_queue_depth_records', 'Records in the intake and scored spools not yet delivered to Elasticsearch', () => sources.spoolUnacked());
    new Gauge({
      name: 'collector_spool_bytes',
      help: 'Bytes on disk, per spool (intake, scored, pending)',
      labelNames: ['spool'],
      registers: [this.registry],
      collect() {
        for (const [spool, bytes] of Object.entries(sources.spoolBytes())) this.set({ spool }, bytes);
      },
    });
    gauge('collector_anomaly_store_records', 'Flagged records in the local store', () => sources.anomalyStoreSize());
    gauge('collector_elasticsearch_up', '1 when the last Elasticsearch request succeeded', () => sources.elasticUp());
    gauge('collector_scoring_holding', '1 while the scoring stage holds its spool position waiting for a detector (DETECTOR_HOLD_MS), else 0', () => sources.scoringHolding?.() ?? 0);
    gauge('collector_log_lines_dropped', 'Log lines dropped since start because the log output did not drain', () => sources.logLinesDropped?.() ?? 0);
    new Gauge({
      name: 'collector_detector_up',
      help: "1 unless the detector's circuit breaker is open, per detector address",
      labelNames: ['detector'],
      registers: [this.registry],
      collect() {
        for (const [detector, up] of Object.entries(sources.detectorsUp())) this.set({ detector }, up);
      },
    });
  }
}
