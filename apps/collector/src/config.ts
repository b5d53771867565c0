/**
 * Collector configuration: the only module that reads `process.env`. One strict zod schema,
 * every field described; a bad value stops the process with a message naming the variable.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { CodedError } from '@log-sentinel/coded-error';
import { parseEnv } from '@log-sentinel/env-config';
import { readPemFile } from '@log-sentinel/pem-file';
import type { ServerTls } from './sources/http-server';
import { reserveBytes } from './spool-budget';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const MiB = 1024 * 1024;

/** Environment variables of the collector, with defaults. */
// One zod field per variable: the declarations look alike because each is range, default and description, not repeated logic.
export const envSchema = z
  .object({
    COLLECTOR_PORT: int(0, 65535).default(8080).describe('HTTP port (0 = any free port, logged at start)'),
    COLLECTOR_HOST: z.string().min(1).default('0.0.0.0').describe('interface to bind'),
    COLLECTOR_TLS_CERT: z.string().min(1).optional().describe('PEM certificate chain file: serve HTTPS on COLLECTOR_PORT and ES_COMPAT_PORT (with COLLECTOR_TLS_KEY)'),
    COLLECTOR_TLS_KEY: z.string().min(1).optional().describe('PEM private key file of COLLECTOR_TLS_CERT'),
    COLLECTOR_TLS_CA: z.string().min(1).optional().describe('PEM CA file: with HTTPS on, require client certificates signed by it (mTLS)'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
    ELASTIC_ADDR: z
      .string()
      .default('http://127.0.0.1:9200')
      .describe('Elasticsearch URL; `off` = no Elasticsearch (records stay in the spool, /anomalies from the local store)'),
    ELASTIC_INDEX: z.string().min(1).default('logs-sentinel').describe('index prefix: documents go to <prefix>-YYYY.MM.DD, dead letters to <prefix>-deadletter'),
    ELASTIC_API_KEY: z.string().optional().describe('Elasticsearch API key (base64 id:key)'),
    ELASTIC_USERNAME: z.string().optional().describe('Elasticsearch basic-auth user (with ELASTIC_PASSWORD)'),
    ELASTIC_PASSWORD: z.string().optional().describe('Elasticsearch basic-auth password'),
    ELASTIC_BULK_MAX_DOCS: int(1, 100_000).default(2000).describe('documents per _bulk request at most'),
    ELASTIC_BULK_MAX_BYTES: int(1024, 100 * MiB).default(5 * MiB).describe('payload bytes per _bulk request at most'),
    ELASTIC_FLUSH_INTERVAL_MS: int(0, 60_000).default(200).describe('how long a partial bulk waits for more records'),
    ELASTIC_BULK_CONCURRENCY: int(1, 64).default(2).describe('_bulk requests in flight at once'),
    ELASTIC_REQUEST_TIMEOUT_MS: int(100, 600_000).default(30_000).describe('timeout of one Elasticsearch request'),
    ELASTIC_RETENTION_DAYS: int(0, 36_500).default(0).describe('daily indices of ELASTIC_INDEX whose whole day is older than this many days are deleted (by exact name, at start and every ELASTIC_RETENTION_CHECK_MS); 0 = keep everything'),
    ELASTIC_RETENTION_CHECK_MS: int(1000, 86_400_000).default(3_600_000).describe('how often retention runs (with ELASTIC_RETENTION_DAYS > 0)'),
    ELASTIC_RETRY_BASE_MS: int(1, 60_000).default(200).describe('first retry delay (doubles per attempt, with jitter)'),
    ELASTIC_RETRY_MAX_MS: int(1, 600_000).default(10_000).describe('retry delay cap'),
    ELASTIC_ITEM_MAX_ATTEMPTS: int(1, 1000).default(10)
      .describe('attempts of one document answered 429/5xx before it is dead-lettered (an unreachable cluster is retried forever)'),
    LOG_SENTINEL_DIR: z.string().default('/var/log/log_sentinel').describe('watched directory of log files; `off` = no file input'),
    LOG_SENTINEL_MULTILINE_START: z.string().default('').describe('regex matching the first line of a record; other lines continue it (empty = one record per line)'),
    FILE_POLL_INTERVAL_MS: int(10, 60_000).default(1000).describe('full rescan of the watched directory (safety net behind file events)'),
    FILE_FINGERPRINT_BYTES: int(64, MiB).default(1024).describe('bytes at the start of a file hashed into its identity (with device + inode); shorter files wait'),
    FILE_SHORT_IDLE_MS: int(10, 3_600_000).default(2000).describe('a file shorter than FILE_FINGERPRINT_BYTES is read once it has not grown for this long'),
    FILE_FOLLOW_SYMLINKS: z.enum(['true', 'false']).default('false').describe('follow symbolic links in the watched directory whose target lies outside it'),
    SPOOL_DIR: z.string().min(1).default('.log-sentinel/spool').describe('durable spool directory (segment files)'),
    SPOOL_MAX_BYTES: int(MiB, 1024 * 1024 * MiB).default(1024 * MiB).describe('size bound of the three spools together (intake, scored, pending; at least 2 × SPOOL_SEGMENT_BYTES): intake and pending refuse appends past it less one SPOOL_SEGMENT_BYTES and two scoring steps (kept for the scored spool); then POST /logs answers 503 + Retry-After and file reading pauses'),
    SPOOL_SEGMENT_BYTES: int(64 * 1024, 1024 * MiB).default(16 * MiB).describe('size at which a spool segment is sealed'),
    SPOOL_SEGMENT_MAX_AGE_MS: int(0, 86_400_000).default(10_000)
      .describe('age (since its first record) at which a spool segment is sealed, so a delivered segment is deleted and its space freed without waiting to fill; 0 = by size only'),
    COLLECTOR_STATE_DIR: z.string().min(1).default('.log-sentinel/state').describe('file checkpoints, local anomaly store, dead-letter file'),
    DETECTOR_ADDR: z
      .string()
      .default('127.0.0.1:50051')
      .describe('detector gRPC host:port, or a comma-separated list of detectors (each session is routed to one of them by consistent hashing; list the same addresses on every collector); `off` = no scoring (records stored as pending)'),
    DETECTOR_API_KEY: z
      .string()
      .regex(/^[^\r\n,]*$/, 'must be one key on one line')
      .default('')
      .describe('bearer key sent to the detectors with every call (one of their DETECTOR_API_KEYS; a DETECTOR_ADMIN_KEYS key for console feedback); empty = none'),
    DETECTOR_CLIENT_TLS_CA: z.string().min(1).optional().describe('PEM CA file the detectors\' certificates must chain to: talk to them over TLS (unset = plaintext)'),
    DETECTOR_CLIENT_TLS_CERT: z.string().min(1).optional().describe('PEM client certificate file for detectors that require one (mTLS; with DETECTOR_CLIENT_TLS_KEY and _CA)'),
    DETECTOR_CLIENT_TLS_KEY: z.string().min(1).optional().describe('PEM private key file of DETECTOR_CLIENT_TLS_CERT'),
    DETECTOR_DEADLINE_MS: int(10, 60_000).default(2000).describe('deadline of one Detect call; past it the scoring stage tries again (see DETECTOR_HOLD_MS)'),
    DETECTOR_MAX_BATCH: int(1, 10_000).default(1000).describe('records per Detect call'),
    DETECTOR_CONCURRENCY: int(1, 64).default(4).describe('Detect calls in flight at once, per detector'),
    DETECTOR_BREAKER_FAILURES: int(1, 1000).default(3).describe("consecutive failed calls that open a detector's circuit breaker (one breaker per detector)"),
    DETECTOR_LINGER_MS: int(0, 1000)
      .default(2)
      .describe('longest wait for records of other concurrent requests to merge into one Detect call (per detector; 0 = every request makes its own calls)'),
    DETECTOR_BREAKER_RESET_MS: int(100, 600_000).default(5000).describe('open-breaker time before one trial call'),
    DETECTOR_SESSION_POLL_MS: int(0, 3_600_000)
      .default(2000)
      .describe('a detector with no Detect traffic for this long is asked (an empty Detect) for the verdicts of sessions it closed by itself; they are stored as session documents (0 = off)'),
    DETECTOR_HOLD_MS: int(0, 86_400_000)
      .default(30_000)
      .describe('how long the scoring stage holds its spool position while no detector answers (intake keeps accepting; the spool bounds the backlog) before it writes records as `anomaly.status: "pending"` and keeps them for a dry-run re-score (0 = at once)'),
    SCORING_THREAD: z
      .enum(['auto', 'worker', 'main'])
      .default('auto')
      .describe('where the scoring stage runs: `worker` = a worker thread with its own heap and a lower CPU priority (its GC and Detect work never pause intake), `main` = on the intake thread (less CPU per record), `auto` = worker with a detector, main with DETECTOR_ADDR=off (what measured best for each, docs/benchmarks.md)'),
    SCORING_THREAD_NICE: int(0, 19).default(19).describe('nice value the scoring worker thread gives itself (Linux: per thread; 0 = same priority as intake); ignored with SCORING_THREAD=main'),
    RESCORE_INTERVAL_MS: int(100, 3_600_000).default(5000).describe('how often records stored as pending are scored again (dry runs, read from the pending spool) while a detector answers'),
    API_KEYS: z
      .string()
      .default('')
      .describe(
        'comma-separated keys required on every endpoint except /healthz and /readyz (POST /logs, POST /feedback, GET /anomalies, GET /metrics, the web console GET / and /api/...): `Authorization: Bearer <key>`; the console also takes HTTP Basic with the key as password (empty = no auth)',
      ),
    MAX_EVENT_AGE: z
      .string()
      .regex(/^[1-9]\d{0,5}[smhd]$/, 'must be a number with a unit s, m, h or d, e.g. 30d')
      .default('30d')
      .describe('oldest accepted event time relative to receipt; older (or more than 1 d ahead) records are indexed by receipt time, the original kept in event.created'),
    MAX_BODY_BYTES: int(1024, 1024 * MiB).default(16 * MiB).describe('largest POST /logs body, after gunzip; larger = 413'),
    MAX_RECORDS_PER_REQUEST: int(1, 1_000_000)
      .default(10_000)
      .describe('records (non-blank lines, array items) in one POST /logs at most, counted before the body is parsed; more = 413'),
    HTTP_HEADERS_TIMEOUT_MS: int(100, 600_000).default(10_000).describe('a client must send the request line and headers within this; else 408 and the connection is closed (counted)'),
    HTTP_REQUEST_TIMEOUT_MS: int(100, 3_600_000)
      .default(60_000)
      .describe('a client must send a whole request (headers and body) within this (at least HTTP_HEADERS_TIMEOUT_MS); else the connection is closed (counted)'),
    HTTP_BODY_IDLE_TIMEOUT_MS: int(100, 600_000).default(10_000).describe('a POST /logs body that sends nothing for this long is cut and its connection closed (counted)'),
    MAX_INFLIGHT_REQUESTS: int(1, 100_000).default(256).describe('POST /logs handled at once; beyond it 429 + Retry-After'),
    CONSOLE_DIR: z
      .string()
      .default('')
      .describe('directory of the web console served at GET / (empty = the one `npm run build` writes to apps/console/dist/public; `off` = no console, the /api routes stay)'),
    ANOMALY_STORE_MAX: int(10, 10_000_000).default(10_000).describe('flagged records kept in the local store (oldest dropped first, counted)'),
    ANOMALY_STORE_MAX_BYTES: int(MiB, 64 * 1024 * MiB).default(64 * MiB).describe('bytes (document JSON) the local store of flagged records holds at most; oldest dropped first, counted'),
    SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000).describe('SIGTERM: time to finish requests and flush before exiting'),
    LOG_SENTINEL_SUPERVISED: z
      .enum(['on', 'off'])
      .default('off')
      .describe('set by `npm start` only: report readiness over the IPC channel and shut down when it closes (supervisor gone)'),
    ES_COMPAT_PORT: int(0, 65535)
      .default(0)
      .describe('dedicated port serving the Elasticsearch-compatible API (_bulk and probes) at its root, for clients that cannot set a path (0 = off; it is always at /es on COLLECTOR_PORT)'),
    SYSLOG_HOST: z.string().default('').describe('interface of the syslog listeners (empty = COLLECTOR_HOST)'),
    SYSLOG_TCP_PORT: int(0, 65535).default(0).describe('syslog over TCP (RFC 5424/3164, octet-counted or newline-framed) on this port (0 = off)'),
    SYSLOG_UDP_PORT: int(0, 65535).default(0).describe('syslog over UDP (RFC 5424/3164, one message per datagram) on this port (0 = off)'),
    SYSLOG_MAX_MESSAGE_BYTES: int(480, 1024 * 1024).default(64 * 1024).describe('longest syslog message; a longer TCP frame closes the connection, a longer line is cut (counted as rejected)'),
  })
  .strict();

/** Typed collector configuration. */
export interface CollectorConfig {
  /** HTTP listener and request limits. */
  http: {
    host: string;
    port: number;
    apiKeys: string[];
    maxBodyBytes: number;
    maxRecordsPerRequest: number;
    maxInflightRequests: number;
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    bodyIdleTimeoutMs: number;
    /** HTTPS on the collector's HTTP ports (PEM contents); unset = plain HTTP. */
    tls?: ServerTls;
  };
  /** Oldest accepted event time relative to receipt, ms (`MAX_EVENT_AGE`). */
  maxEventAgeMs: number;
  /** pino level. */
  logLevel: string;
  /** Elasticsearch, or undefined when turned off. */
  elastic:
    | {
        node: string;
        indexPrefix: string;
        apiKey?: string;
        username?: string;
        password?: string;
        requestTimeoutMs: number;
        bulk: { maxDocs: number; maxBytes: number; flushIntervalMs: number; concurrency: number };
        retry: { baseMs: number; maxMs: number; itemMaxAttempts: number };
        /** Days of daily indices kept (0 = all) and how often retention runs. */
        retention: { days: number; checkMs: number };
      }
    | undefined;
  /** Index prefix (also used for naming when Elasticsearch is off). */
  indexPrefix: string;
  /** Watched directory, or undefined when turned off. */
  files: { dir: string; multilineStart?: RegExp; pollIntervalMs: number; checkpointPath: string; fingerprintBytes: number; shortFileIdleMs: number; followSymlinks: boolean } | undefined;
  /** Spool. */
  spool: { dir: string; maxBytes: number; segmentBytes: number; segmentMaxAgeMs: number };
  /** State directory (checkpoints, anomaly store, dead letters). */
  stateDir: string;
  /** Detector client, or undefined when turned off. */
  detector:
    | { addrs: string[]; deadlineMs: number; maxBatch: number; lingerMs: number; concurrency: number; breakerFailures: number; breakerResetMs: number; sessionPollMs: number; apiKey?: string; tls?: { ca: Buffer; cert?: Buffer; key?: Buffer } }
    | undefined;
  /** Scoring stage: the hold before records are written pending, and the pending re-score interval (ms). */
  scoring: { holdMs: number; rescoreIntervalMs: number; thread: 'worker' | 'main'; threadNice: number };
  /** Local anomaly store bound. */
  anomalyStoreMax: number;
  /** Bytes (document JSON) the local anomaly store holds at most. */
  anomalyStoreMaxBytes: number;
  /** Directory of the built web console, or undefined when turned off. */
  consoleDir: string | undefined;
  /** SIGTERM grace. */
  shutdownGraceMs: number;
  /** Started by `npm start`: linked to it over IPC. */
  supervised: boolean;
  /** Shipper listeners besides the HTTP port: the dedicated Elasticsearch port and syslog (0 = off). */
  shippers: { esCompatPort: number; syslog: { host: string; tcpPort: number; udpPort: number; maxMessageBytes: number } };
}

/** Thrown for a bad configuration; the message names each bad variable. */
export class ConfigError extends CodedError<'INVALID_CONFIG'> {
  /** Creates the error (its code is always `INVALID_CONFIG`). */
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_CONFIG', message, options);
  }
}

const OFF = /^(off|none|false|disabled)$/i;

/** Where `npm run build` puts the web console (apps/console/dist/public), from src/ or dist/. */
export const BUILT_CONSOLE_DIR = path.resolve(__dirname, '..', '..', 'console', 'dist', 'public');

/** Parses an environment object into the typed config; throws {@link ConfigError} naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): CollectorConfig {
  const e = parseEnv(envSchema, env, (problems) => new ConfigError(`invalid collector configuration: ${problems}`));
  if (e.SPOOL_MAX_BYTES < 2 * e.SPOOL_SEGMENT_BYTES) {
    throw new ConfigError(
      `invalid collector configuration: SPOOL_MAX_BYTES (${e.SPOOL_MAX_BYTES}) must be at least 2 × SPOOL_SEGMENT_BYTES (${2 * e.SPOOL_SEGMENT_BYTES}); a smaller bound can fill with a segment that never seals`,
    );
  }
  if (e.SPOOL_SEGMENT_MAX_AGE_MS === 0 && e.SPOOL_MAX_BYTES - reserveBytes(e.SPOOL_MAX_BYTES, e.SPOOL_SEGMENT_BYTES) < e.SPOOL_SEGMENT_BYTES) {
    // Intake refuses past SPOOL_MAX_BYTES less the scored spool's reserve; sealed by size only, its active segment must fit below that.
    throw new ConfigError(
      `invalid collector configuration: with SPOOL_SEGMENT_MAX_AGE_MS=0 (segments sealed by size only), SPOOL_MAX_BYTES (${e.SPOOL_MAX_BYTES}) less the scored spool's reserve (${reserveBytes(e.SPOOL_MAX_BYTES, e.SPOOL_SEGMENT_BYTES)}: one SPOOL_SEGMENT_BYTES and two scoring steps) must hold one SPOOL_SEGMENT_BYTES (${e.SPOOL_SEGMENT_BYTES}), or the intake spool could fill with a segment that never seals`,
    );
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(`invalid collector configuration: HTTP_HEADERS_TIMEOUT_MS (${e.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS})`);
  }
  let multilineStart: RegExp | undefined;
  if (e.LOG_SENTINEL_MULTILINE_START) {
    try {
      multilineStart = new RegExp(e.LOG_SENTINEL_MULTILINE_START);
    } catch (err) {
      throw new ConfigError(`invalid collector configuration: LOG_SENTINEL_MULTILINE_START: ${(err as Error).message}`);
    }
  }
  if (!OFF.test(e.ELASTIC_ADDR)) {
    try {
      const u = new URL(e.ELASTIC_ADDR);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('must be http or https');
    } catch (err) {
      throw new ConfigError(`invalid collector configuration: ELASTIC_ADDR: ${(err as Error).message} (e.g. http://127.0.0.1:9200, or off)`);
    }
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(e.ELASTIC_INDEX)) {
    throw new ConfigError('invalid collector configuration: ELASTIC_INDEX: must be lower case letters, digits, . _ - and not start with . _ -');
  }
  const detectorTls = readDetectorTls(e.DETECTOR_CLIENT_TLS_CA, e.DETECTOR_CLIENT_TLS_CERT, e.DETECTOR_CLIENT_TLS_KEY);
  const detectorAddrs = OFF.test(e.DETECTOR_ADDR) ? [] : e.DETECTOR_ADDR.split(',').map((a) => a.trim());
  for (const a of detectorAddrs) {
    if (!/^[^\s:,]+:\d{1,5}$/.test(a)) {
      throw new ConfigError(`invalid collector configuration: DETECTOR_ADDR: ${JSON.stringify(a)} must be host:port (a comma-separated list of them, or off)`);
    }
  }
  if (new Set(detectorAddrs).size !== detectorAddrs.length) {
    throw new ConfigError('invalid collector configuration: DETECTOR_ADDR: lists a detector twice');
  }
  if ((e.ELASTIC_USERNAME === undefined) !== (e.ELASTIC_PASSWORD === undefined)) {
    throw new ConfigError('invalid collector configuration: ELASTIC_USERNAME and ELASTIC_PASSWORD must be set together');
  }
  const stateDir = path.resolve(e.COLLECTOR_STATE_DIR);
  const serverTls = readServerTls(e.COLLECTOR_TLS_CERT, e.COLLECTOR_TLS_KEY, e.COLLECTOR_TLS_CA);
  return {
    maxEventAgeMs: Number(e.MAX_EVENT_AGE.slice(0, -1)) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[e.MAX_EVENT_AGE.slice(-1) as 's' | 'm' | 'h' | 'd'],
    http: {
      host: e.COLLECTOR_HOST,
      port: e.COLLECTOR_PORT,
      apiKeys: e.API_KEYS.split(',').map((k) => k.trim()).filter(Boolean),
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxRecordsPerRequest: e.MAX_RECORDS_PER_REQUEST,
      maxInflightRequests: e.MAX_INFLIGHT_REQUESTS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      bodyIdleTimeoutMs: e.HTTP_BODY_IDLE_TIMEOUT_MS,
      ...(serverTls ? { tls: serverTls } : {}),
    },
    logLevel: e.LOG_LEVEL,
    indexPrefix: e.ELASTIC_INDEX,
    elastic: OFF.test(e.ELASTIC_ADDR)
      ? undefined
      : {
          node: e.ELASTIC_ADDR,
          indexPrefix: e.ELASTIC_INDEX,
          ...(e.ELASTIC_API_KEY ? { apiKey: e.ELASTIC_API_KEY } : {}),
          ...(e.ELASTIC_USERNAME !== undefined ? { username: e.ELASTIC_USERNAME, password: e.ELASTIC_PASSWORD } : {}),
          requestTimeoutMs: e.ELASTIC_REQUEST_TIMEOUT_MS,
          bulk: { maxDocs: e.ELASTIC_BULK_MAX_DOCS, maxBytes: e.ELASTIC_BULK_MAX_BYTES, flushIntervalMs: e.ELASTIC_FLUSH_INTERVAL_MS, concurrency: e.ELASTIC_BULK_CONCURRENCY },
          retry: { baseMs: e.ELASTIC_RETRY_BASE_MS, maxMs: e.ELASTIC_RETRY_MAX_MS, itemMaxAttempts: e.ELASTIC_ITEM_MAX_ATTEMPTS },
          retention: { days: e.ELASTIC_RETENTION_DAYS, checkMs: e.ELASTIC_RETENTION_CHECK_MS },
        },
    files: OFF.test(e.LOG_SENTINEL_DIR)
      ? undefined
      : {
          dir: path.resolve(e.LOG_SENTINEL_DIR),
          ...(multilineStart ? { multilineStart } : {}),
          pollIntervalMs: e.FILE_POLL_INTERVAL_MS,
          fingerprintBytes: e.FILE_FINGERPRINT_BYTES,
          shortFileIdleMs: e.FILE_SHORT_IDLE_MS,
          followSymlinks: e.FILE_FOLLOW_SYMLINKS === 'true',
          checkpointPath: path.join(stateDir, 'file-checkpoints.json'),
        },
    spool: { dir: path.resolve(e.SPOOL_DIR), maxBytes: e.SPOOL_MAX_BYTES, segmentBytes: e.SPOOL_SEGMENT_BYTES, segmentMaxAgeMs: e.SPOOL_SEGMENT_MAX_AGE_MS },
    stateDir,
    detector: OFF.test(e.DETECTOR_ADDR)
      ? undefined
      : {
          addrs: detectorAddrs,
          deadlineMs: e.DETECTOR_DEADLINE_MS,
          maxBatch: e.DETECTOR_MAX_BATCH,
          lingerMs: e.DETECTOR_LINGER_MS,
          concurrency: e.DETECTOR_CONCURRENCY,
          breakerFailures: e.DETECTOR_BREAKER_FAILURES,
          breakerResetMs: e.DETECTOR_BREAKER_RESET_MS,
          sessionPollMs: e.DETECTOR_SESSION_POLL_MS,
          ...(e.DETECTOR_API_KEY.trim() ? { apiKey: e.DETECTOR_API_KEY.trim() } : {}),
          ...(detectorTls ? { tls: detectorTls } : {}),
        },
    scoring: { holdMs: e.DETECTOR_HOLD_MS, rescoreIntervalMs: e.RESCORE_INTERVAL_MS, thread: e.SCORING_THREAD === 'auto' ? (OFF.test(e.DETECTOR_ADDR) ? 'main' : 'worker') : e.SCORING_THREAD, threadNice: e.SCORING_THREAD_NICE },
    anomalyStoreMax: e.ANOMALY_STORE_MAX,
    anomalyStoreMaxBytes: e.ANOMALY_STORE_MAX_BYTES,
    consoleDir: OFF.test(e.CONSOLE_DIR) ? undefined : path.resolve(e.CONSOLE_DIR || BUILT_CONSOLE_DIR),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    supervised: e.LOG_SENTINEL_SUPERVISED === 'on',
    shippers: {
      esCompatPort: e.ES_COMPAT_PORT,
      syslog: { host: e.SYSLOG_HOST || e.COLLECTOR_HOST, tcpPort: e.SYSLOG_TCP_PORT, udpPort: e.SYSLOG_UDP_PORT, maxMessageBytes: e.SYSLOG_MAX_MESSAGE_BYTES },
    },
  };
}

/** Reads the collector configuration from `process.env`. */
export function loadConfig(): CollectorConfig {
  return parseConfig(process.env);
}

/** Reads one PEM file named by a variable; a ConfigError names the variable that cannot be used. */
const readPem = (variable: string, file: string): Buffer => readPemFile(variable, file, (problem) => new ConfigError(`invalid collector configuration: ${problem}`));

/** Reads COLLECTOR_TLS_* files (PEM) for serving HTTPS. */
function readServerTls(certPath?: string, keyPath?: string, caPath?: string): ServerTls | undefined {
  if (Boolean(certPath) !== Boolean(keyPath)) throw new ConfigError('invalid collector configuration: COLLECTOR_TLS_CERT and COLLECTOR_TLS_KEY go together (set both for HTTPS, or neither)');
  if (caPath && !certPath) throw new ConfigError('invalid collector configuration: COLLECTOR_TLS_CA (client certificates) needs COLLECTOR_TLS_CERT and COLLECTOR_TLS_KEY');
  if (!certPath || !keyPath) return undefined;
  return { cert: readPem('COLLECTOR_TLS_CERT', certPath), key: readPem('COLLECTOR_TLS_KEY', keyPath), ...(caPath ? { ca: readPem('COLLECTOR_TLS_CA', caPath) } : {}) };
}

/** Reads DETECTOR_CLIENT_TLS_* files (PEM); a ConfigError names the variable that cannot be used. */
function readDetectorTls(caPath?: string, certPath?: string, keyPath?: string): { ca: Buffer; cert?: Buffer; key?: Buffer } | undefined {
  if (Boolean(certPath) !== Boolean(keyPath)) throw new ConfigError('invalid collector configuration: DETECTOR_CLIENT_TLS_CERT and DETECTOR_CLIENT_TLS_KEY go together');
  if (certPath && !caPath) throw new ConfigError('invalid collector configuration: DETECTOR_CLIENT_TLS_CERT needs DETECTOR_CLIENT_TLS_CA (the CA the detectors\' certificates chain to)');
  if (!caPath) return undefined;
  return {
    ca: readPem('DETECTOR_CLIENT_TLS_CA', caPath),
    ...(certPath && keyPath ? { cert: readPem('DETECTOR_CLIENT_TLS_CERT', certPath), key: readPem('DETECTOR_CLIENT_TLS_KEY', keyPath) } : {}),
  };
}
