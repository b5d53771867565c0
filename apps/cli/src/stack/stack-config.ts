/**
 * Settings of `npm start` and `npm run demo`: the only module of the stack code that
 * reads `process.env`. Everything has a default, so both run with no configuration.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { CodedError } from '@log-sentinel/coded-error';
import { parseEnv } from '@log-sentinel/env-config';

const port = z.coerce.number().int().min(0).max(65535);

/** Environment variables read by `npm start` / `npm run demo` (the services read their own). */
export const stackEnvSchema = z
  .object({
    LOG_SENTINEL_HOME: z.string().min(1).default('.log-sentinel').describe('local data dir of `npm start`: models/, spool/, watch/, logs/'),
    COLLECTOR_PORT: port.default(8080).describe('collector HTTP port'),
    DETECTOR_PORT: port.default(50051).describe('detector gRPC port'),
    DETECTOR_METRICS_PORT: port.default(9464).describe('detector Prometheus /metrics port (0 = off)'),
    ELASTIC_ADDR: z
      .string()
      .min(1)
      .optional()
      .describe('Elasticsearch URL for the collector; unset = no Elasticsearch (records stay in the local spool and store, /anomalies is served from it)'),
    STACK_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000).describe('time each service gets to stop before SIGKILL'),
    STACK_STATUS_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2000).describe('how often `npm start` polls the services'),
    COLLECTOR_URL: z.url().optional().describe('demo: use the stack already running at this collector URL instead of starting one'),
    DETECTOR_ADDR: z.string().min(1).optional().describe('demo with COLLECTOR_URL: detector host:port to poll (default 127.0.0.1:50051)'),
    DETECTOR_API_KEY: z
      .string()
      .regex(/^[^\r\n,]*$/, 'must be one key on one line')
      .optional()
      .describe('bearer key the status probes send to the detector when it sets DETECTOR_API_KEYS (the collector reads the same variable)'),
    LOG_SENTINEL_DIR: z.string().min(1).optional().describe('demo with COLLECTOR_URL: the collector\'s watched directory (default <LOG_SENTINEL_HOME>/watch)'),
    DEMO_SEED: z.coerce.number().int().default(1).describe('demo: seed of the log generator'),
    DEMO_LEARNING_RECORDS: z.coerce.number().int().min(100).max(1_000_000).default(3000).describe('demo: records the detector learns from (its DETECTOR_LEARNING_RECORDS) when the demo starts the stack'),
    DEMO_TEST_SESSIONS: z.coerce.number().int().min(0).max(100_000).default(150).describe('demo: normal sessions mixed with the anomalies'),
    DEMO_PER_KIND: z.coerce.number().int().min(1).max(100).default(2).describe('demo: injected scenarios per anomaly kind'),
    DEMO_TIMEOUT_MS: z.coerce.number().int().min(1000).default(600_000).describe('demo: overall time limit'),
  })
  .strict();

/** Parsed stack settings. */
export type StackEnv = z.infer<typeof stackEnvSchema>;

/** Error naming the bad environment variable(s). */
export class StackConfigError extends CodedError<'STACK_CONFIG_INVALID'> {
  /** Creates the error (its code is always `STACK_CONFIG_INVALID`). */
  constructor(message: string, options?: { cause?: unknown }) {
    super('STACK_CONFIG_INVALID', message, options);
  }
}

/** Parses the stack settings out of an environment object (unknown variables are ignored). */
export function parseStackEnv(env: NodeJS.ProcessEnv): StackEnv {
  return parseEnv(stackEnvSchema, env, (problems, cause) => new StackConfigError(`invalid configuration: ${problems}`, { cause }));
}

/** The current process environment (the one place the stack code reads it). */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** Directories of the local data dir, absolute. */
export interface StackDirs {
  home: string;
  models: string;
  spool: string;
  watch: string;
  logs: string;
  /** Collector state that is not the spool (file-tail checkpoints). */
  state: string;
}

/** Resolves the data directories under `home` (relative to `cwd`). */
export function stackDirs(home: string, cwd: string): StackDirs {
  const root = path.resolve(cwd, home);
  return {
    home: root,
    models: path.join(root, 'models'),
    spool: path.join(root, 'spool'),
    watch: path.join(root, 'watch'),
    logs: path.join(root, 'logs'),
    state: path.join(root, 'state'),
  };
}
