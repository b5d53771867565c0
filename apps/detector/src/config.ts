/**
 * Detector configuration: the only module that reads `process.env`. One strict zod schema,
 * every field described; a bad value stops the process with a message naming the variable.
 */
import { z } from 'zod';
import * as os from 'node:os';
import { parseEnv } from '@log-sentinel/env-config';
import { isS3Uri, parseS3Uri, s3EnvSchema, s3SettingsFromEnv, type S3Settings } from '@log-sentinel/model-registry';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Environment variables of the detector, with defaults. */
export const envSchema = z
  .object({
    DETECTOR_PORT: int(0, 65535).default(50051).describe('gRPC port (0 = any free port, logged at start)'),
    DETECTOR_HOST: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('interface to bind (gRPC and metrics); loopback by default, the container image and compose set 0.0.0.0'),
    DETECTOR_API_KEYS: z
      .string()
      .default('')
      .describe('comma-separated bearer keys (`authorization: Bearer <key>` metadata) required on Detect, DetectStream and GetModel (empty = no key needed)'),
    DETECTOR_ADMIN_KEYS: z
      .string()
      .default('')
      .describe('comma-separated bearer keys required on Train, Feedback and CloseSessions, also accepted everywhere (empty = DETECTOR_API_KEYS guard them)'),
    DETECTOR_METRICS_PORT: int(0, 65535).default(9464).describe('Prometheus `GET /metrics` HTTP port on DETECTOR_HOST (0 = off)'),
    DETECTOR_TLS_CERT: z.string().min(1).optional().describe('PEM certificate chain file: serve gRPC over TLS (with DETECTOR_TLS_KEY)'),
    DETECTOR_TLS_KEY: z.string().min(1).optional().describe('PEM private key file of DETECTOR_TLS_CERT'),
    DETECTOR_TLS_CA: z.string().min(1).optional().describe('PEM CA file: with TLS on, require client certificates signed by it (mTLS)'),
    MODEL_DIR: z.string().min(1).default('./var/models').describe('model registry root: <version>/ dirs and the `current` pointer (with MODEL_STORE: the local copy of the versions served)'),
    MODEL_STORE: z
      .string()
      .refine(isS3Uri, 'must be an s3://bucket/prefix URI (unset = the directory MODEL_DIR)')
      .optional()
      .describe('`s3://bucket/prefix`: versions, manifests and `current` live in this S3-compatible bucket, shared by every detector pointed at it'),
    ...s3EnvSchema.shape,
    MODEL_STORE_LEASE_TTL_MS: int(1000, 3600_000).default(60_000).describe('training lease time to live with MODEL_STORE (renewed every third of it while training)'),
    MODEL_STORE_LEASE_RETRY_MS: int(100, 3600_000).default(5000).describe('with MODEL_STORE: how long a learning detector waits before asking again for a lease another detector holds'),
    MODEL_STORE_EXPORT: z
      .enum(['off', 'training', 'detections', 'all'])
      .default('off')
      .describe('with MODEL_STORE: also write training records and/or detection results to the store as gzip JSONL under exports/<kind>/dt=YYYY-MM-DD/'),
    MODEL_STORE_EXPORT_FLUSH_MS: int(100, 3600_000).default(60_000).describe('longest time a detection result waits before it is exported'),
    MODEL_STORE_EXPORT_MAX_ROWS: int(1, 1_000_000).default(10_000).describe('detection results per exported object'),
    DETECTOR_ID: z.string().min(1).max(200).optional().describe('this detector\'s name in the training lease and the exports (default: <hostname>-<pid>)'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
    DETECTOR_LEARNING_BUFFER_MAX_BYTES: int(1024 * 1024, 64 * 1024 * 1024 * 1024)
      .default(256 * 1024 * 1024)
      .describe('with no model: bound of the learning buffer (estimated bytes); once a record does not fit, the first model is trained from the records held'),
    DETECTOR_LEARNING_RECORDS: int(100, 10_000_000)
      .default(10_000)
      .describe('with no model: records to learn from before training the first model (N)'),
    DETECTOR_MAX_RECORDS_PER_REQUEST: int(1, 1_000_000).default(10_000).describe('records per Detect/Train/Feedback message'),
    DETECTOR_MAX_MESSAGE_BYTES: int(64, 16 << 20).default(64 << 10).describe('UTF-8 bytes of one record message'),
    DETECTOR_MAX_REQUEST_BYTES: int(1024, 512 << 20).default(32 << 20).describe('gRPC max receive message size (bytes)'),
    DETECTOR_MAX_INFLIGHT_RECORDS: int(1, 100_000_000)
      .default(200_000)
      .describe('records being scored at once across calls; beyond it calls fail RESOURCE_EXHAUSTED'),
    DETECTOR_SESSION_MAX: int(1, 100_000_000).default(500_000).describe('live sessions kept (LRU beyond)'),
    DETECTOR_SESSION_TTL_MS: int(1000, 7 * 24 * 3600_000).default(3600_000).describe('idle time after which a session closes: its end-of-session verdict (deeplog.missing_step) is handed out with the next Detect response'),
    DETECTOR_SESSION_MAX_BYTES: int(1 << 20, 64 * 1024 ** 3).default(192 << 20).describe('memory cap of the session store (estimated bytes)'),
    DETECTOR_SESSION_REGEX: z.string().default('').describe('regex whose first group is the session id when a record has none'),
    DETECTOR_SESSION_FIELD: z.string().default('').describe('label holding the session id when a record has none'),
    DETECTOR_BATCH_WINDOW_MS: int(0, 1000)
      .default(0)
      .describe('how long an idle DeepLog batcher waits for more windows (0 = next tick; batches still merge under load)'),
    DETECTOR_BATCH_MAX_WINDOWS: int(1, 1_000_000).default(8192).describe('DeepLog windows per onnxruntime run'),
    DETECTOR_RELOAD_POLL_MS: int(50, 3600_000).default(1000).describe('how often MODEL_DIR/current is checked for a new version'),
    DETECTOR_SHUTDOWN_GRACE_MS: int(0, 600_000).default(15_000).describe('SIGTERM: time in-flight calls get before being cancelled'),
    DETECTOR_TRAIN_MAX_EPOCHS: int(0, 1000).default(0).describe('cap on DeepLog epochs per training run (0 = the DeepLog default)'),
    DETECTOR_TRAIN_MAX_RECORDS: int(100, 100_000_000).default(2_000_000).describe('records one Train call may stream in'),
    LOG_SENTINEL_SUPERVISED: z
      .enum(['on', 'off'])
      .default('off')
      .describe('set by `npm start` only: report readiness over the IPC channel and shut down when it closes (supervisor gone)'),
  })
  .strict();

/** Typed detector configuration. */
export interface DetectorConfig {
  /** gRPC bind host and port. */
  server: { host: string; port: number; maxRequestBytes: number; shutdownGraceMs: number };
  /** Model registry root (with `store`: the local copy). */
  modelDir: string;
  /** Shared S3 model store, when MODEL_STORE is set. */
  store?: {
    uri: string;
    s3: S3Settings;
    leaseTtlMs: number;
    leaseRetryMs: number;
    /** What is exported to the store, and how detection results are batched. */
    export: { training: boolean; detections: boolean; flushMs: number; maxRows: number };
  };
  /** This detector's holder id in the training lease. */
  detectorId: string;
  /** pino level. */
  logLevel: string;
  /** Records learned from before the first model. */
  learningTarget: number;
  /** TLS files (paths), when gRPC is served over TLS; `caPath` = mTLS. */
  tls?: { certPath: string; keyPath: string; caPath?: string };
  /** Bearer keys (empty lists = open). */
  keys: { apiKeys: string[]; adminKeys: string[] };
  /** Bound of the learning buffer, estimated bytes. */
  learningBufferMaxBytes: number;
  /** Request limits. */
  limits: { maxRecordsPerRequest: number; maxMessageBytes: number; maxInflightRecords: number; maxTrainRecords: number };
  /** Session store limits and key derivation. */
  sessions: { maxSessions: number; ttlMs: number; maxBytes: number; sessionRegex: string; sessionField: string };
  /** DeepLog micro-batching. */
  batch: { windowMs: number; maxBatchItems: number };
  /** Registry polling interval. */
  reloadPollMs: number;
  /** DeepLog epoch cap for training runs (0 = default). */
  trainMaxEpochs: number;
  /** Prometheus endpoint port on `server.host` (0 = off). */
  metricsPort: number;
  /** Started by `npm start`: linked to it over IPC. */
  supervised: boolean;
}

/** Splits a comma-separated key list, dropping blanks. */
const keyList = (v: string): string[] => v.split(',').map((k) => k.trim()).filter(Boolean);

/** Parses an environment object into the typed config; throws an Error naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): DetectorConfig {
  const e = parseEnv(envSchema, env, (problems) => new Error(`invalid detector configuration: ${problems}`));
  if (e.DETECTOR_SESSION_REGEX) {
    try {
      new RegExp(e.DETECTOR_SESSION_REGEX);
    } catch (err) {
      throw new Error(`invalid detector configuration: DETECTOR_SESSION_REGEX: ${(err as Error).message}`);
    }
  }
  if (e.MODEL_STORE) {
    try {
      parseS3Uri(e.MODEL_STORE);
    } catch (err) {
      throw new Error(`invalid detector configuration: MODEL_STORE: ${(err as Error).message}`);
    }
  }
  if (e.MODEL_STORE_EXPORT !== 'off' && !e.MODEL_STORE) {
    throw new Error('invalid detector configuration: MODEL_STORE_EXPORT: exports go to the S3 model store; set MODEL_STORE too');
  }
  if (Boolean(e.DETECTOR_TLS_CERT) !== Boolean(e.DETECTOR_TLS_KEY)) {
    throw new Error('invalid detector configuration: DETECTOR_TLS_CERT and DETECTOR_TLS_KEY go together (set both for TLS, or neither)');
  }
  if (e.DETECTOR_TLS_CA && !e.DETECTOR_TLS_CERT) {
    throw new Error('invalid detector configuration: DETECTOR_TLS_CA (client certificates) needs DETECTOR_TLS_CERT and DETECTOR_TLS_KEY');
  }
  const keys = s3EnvSchema.safeParse(Object.fromEntries(Object.keys(s3EnvSchema.shape).map((k) => [k, e[k as keyof typeof e]])));
  if (!keys.success) throw new Error(`invalid detector configuration: ${keys.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {
    ...(e.MODEL_STORE
      ? {
          store: {
            uri: e.MODEL_STORE,
            s3: s3SettingsFromEnv(keys.data),
            leaseTtlMs: e.MODEL_STORE_LEASE_TTL_MS,
            leaseRetryMs: e.MODEL_STORE_LEASE_RETRY_MS,
            export: {
              training: e.MODEL_STORE_EXPORT === 'training' || e.MODEL_STORE_EXPORT === 'all',
              detections: e.MODEL_STORE_EXPORT === 'detections' || e.MODEL_STORE_EXPORT === 'all',
              flushMs: e.MODEL_STORE_EXPORT_FLUSH_MS,
              maxRows: e.MODEL_STORE_EXPORT_MAX_ROWS,
            },
          },
        }
      : {}),
    detectorId: e.DETECTOR_ID ?? `${os.hostname()}-${process.pid}`,
    server: { host: e.DETECTOR_HOST, port: e.DETECTOR_PORT, maxRequestBytes: e.DETECTOR_MAX_REQUEST_BYTES, shutdownGraceMs: e.DETECTOR_SHUTDOWN_GRACE_MS },
    modelDir: e.MODEL_DIR,
    ...(e.DETECTOR_TLS_CERT && e.DETECTOR_TLS_KEY
      ? { tls: { certPath: e.DETECTOR_TLS_CERT, keyPath: e.DETECTOR_TLS_KEY, ...(e.DETECTOR_TLS_CA ? { caPath: e.DETECTOR_TLS_CA } : {}) } }
      : {}),
    keys: { apiKeys: keyList(e.DETECTOR_API_KEYS), adminKeys: keyList(e.DETECTOR_ADMIN_KEYS) },
    logLevel: e.LOG_LEVEL,
    learningTarget: e.DETECTOR_LEARNING_RECORDS,
    learningBufferMaxBytes: e.DETECTOR_LEARNING_BUFFER_MAX_BYTES,
    limits: {
      maxRecordsPerRequest: e.DETECTOR_MAX_RECORDS_PER_REQUEST,
      maxMessageBytes: e.DETECTOR_MAX_MESSAGE_BYTES,
      maxInflightRecords: e.DETECTOR_MAX_INFLIGHT_RECORDS,
      maxTrainRecords: e.DETECTOR_TRAIN_MAX_RECORDS,
    },
    sessions: {
      maxSessions: e.DETECTOR_SESSION_MAX,
      ttlMs: e.DETECTOR_SESSION_TTL_MS,
      maxBytes: e.DETECTOR_SESSION_MAX_BYTES,
      sessionRegex: e.DETECTOR_SESSION_REGEX,
      sessionField: e.DETECTOR_SESSION_FIELD,
    },
    batch: { windowMs: e.DETECTOR_BATCH_WINDOW_MS, maxBatchItems: e.DETECTOR_BATCH_MAX_WINDOWS },
    reloadPollMs: e.DETECTOR_RELOAD_POLL_MS,
    trainMaxEpochs: e.DETECTOR_TRAIN_MAX_EPOCHS,
    metricsPort: e.DETECTOR_METRICS_PORT,
    supervised: e.LOG_SENTINEL_SUPERVISED === 'on',
  };
}

/** Reads the process environment (the one place that does). */
export function loadConfigFromEnv(): DetectorConfig {
  return parseConfig(process.env);
}
