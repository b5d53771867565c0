/**
 * A real MinIO server for integration tests: a temp data dir, a free loopback port, started
 * and stopped by the test. The binary is found via $MINIO, PATH, $GOBIN or ~/go/bin;
 * `.ci/run` installs it (`go install` below). Without it, tests skip locally with a warning
 * and fail under CI (`minioMissing()` says why).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { findGoBinary, freePort, spawnWatched, waitForHttpOk, type WatchedProcess } from '@log-sentinel/loopback-process';

/** How to install the MinIO binary the tests use. */
export const MINIO_INSTALL = 'go install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c';

/** The MinIO binary, or undefined. $MINIO, when set, must point at one. */
export function findMinio(): string | undefined {
  return findGoBinary('minio', 'MINIO');
}

/**
 * Why S3 tests cannot run here (undefined = they can). Under CI a missing binary throws:
 * the tests must run there.
 */
export function minioMissing(spec: string): string | undefined {
  if (findMinio()) return undefined;
  const reason = `the minio binary is not installed (${MINIO_INSTALL}; .ci/run does it)`;
  if (process.env['CI'] === 'true' || process.env['CI'] === '1') throw new Error(`${spec}: ${reason}`);
  process.stderr.write(`skipping ${spec}: ${reason}\n`);
  return reason;
}

/** A running MinIO. */
export interface Minio {
  /** `http://127.0.0.1:PORT`. */
  endpoint: string;
  /** The settings a detector or the CLI needs to reach it (MODEL_STORE_* variables). */
  env: Record<string, string>;
  /** A client for the test's own checks. */
  client: S3Client;
  /** Creates a bucket. */
  createBucket(name: string): Promise<void>;
  /** Stops the server (SIGTERM), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir (no-op while it runs). */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

const ACCESS_KEY = 'sentinel-test';
const SECRET_KEY = 'sentinel-test-secret';

/** Starts MinIO on a free loopback port with a fresh data dir. */
export async function startMinio(): Promise<Minio> {
  const bin = findMinio();
  if (!bin) throw new Error(`minio is not installed: ${MINIO_INSTALL}`);
  const port = await freePort();
  const consolePort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minio-data-'));
  const endpoint = `http://127.0.0.1:${port}`;
  let child: WatchedProcess | undefined;

  const start = async (): Promise<void> => {
    if (child && child.child.exitCode === null) return; // running already
    child = spawnWatched(bin, ['server', dataDir, '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`, '--quiet'], {
      ...process.env,
      MINIO_ROOT_USER: ACCESS_KEY,
      MINIO_ROOT_PASSWORD: SECRET_KEY,
      MINIO_BROWSER: 'off',
      MINIO_UPDATE: 'off',
    });
    await waitForHttpOk(child, `${endpoint}/minio/health/live`, 30_000);
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = undefined;
    await c?.stop();
  };

  await start();
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
  return {
    endpoint,
    env: {
      MODEL_STORE_ENDPOINT: endpoint,
      MODEL_STORE_REGION: 'us-east-1',
      MODEL_STORE_PATH_STYLE: 'on',
      MODEL_STORE_ACCESS_KEY_ID: ACCESS_KEY,
      MODEL_STORE_SECRET_ACCESS_KEY: SECRET_KEY,
    },
    client,
    createBucket: async (name) => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    stop,
    start,
    destroy: async () => {
      client.destroy();
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
