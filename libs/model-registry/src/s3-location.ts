/** `s3://bucket/prefix` locations and the S3 client settings every tool shares. */
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { ModelRegistryError } from './errors';

/** A bucket and a key prefix (no leading or trailing slash; '' = the bucket's root). */
export interface S3Location {
  /** Bucket name. */
  bucket: string;
  /** Key prefix of the registry. */
  prefix: string;
}

const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** True when a `--model`/`--out`/MODEL_STORE value names an object store. */
export const isS3Uri = (s: string): boolean => /^s3:\/\//i.test(s);

/** Parses `s3://bucket[/prefix]`; throws MODEL_INVALID_VERSION naming what is wrong. */
export function parseS3Uri(uri: string): S3Location {
  const m = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(uri);
  if (!m) throw new ModelRegistryError('MODEL_INVALID_VERSION', `${JSON.stringify(uri)} is not an s3://bucket/prefix URI`);
  const bucket = m[1]!;
  if (!BUCKET_RE.test(bucket)) {
    throw new ModelRegistryError('MODEL_INVALID_VERSION', `${JSON.stringify(uri)}: bucket name ${JSON.stringify(bucket)} is not valid (3-63 lowercase letters, digits, dots, hyphens)`);
  }
  const prefix = m[2]!.replace(/\/+$/, '');
  if (prefix !== '' && prefix.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new ModelRegistryError('MODEL_INVALID_VERSION', `${JSON.stringify(uri)}: the key prefix has an empty, "." or ".." part`);
  }
  return { bucket, prefix };
}

const onOff = z.enum(['on', 'off']);

/** Environment variables of the S3 client (detector and CLI), validated like every other setting. */
export const s3EnvSchema = z
  .object({
    MODEL_STORE_ENDPOINT: z.url({ protocol: /^https?$/ }).optional().describe('S3 endpoint URL for an S3-compatible server (e.g. MinIO http://127.0.0.1:9000); unset = AWS'),
    MODEL_STORE_REGION: z.string().min(1).default('us-east-1').describe('S3 region'),
    MODEL_STORE_PATH_STYLE: onOff.default('off').describe('`on` = path-style requests (http://host/bucket/key), which MinIO and most S3-compatible servers need'),
    MODEL_STORE_ACCESS_KEY_ID: z.string().min(1).optional().describe('S3 access key id (with MODEL_STORE_SECRET_ACCESS_KEY; unset = the AWS SDK default credential chain)'),
    MODEL_STORE_SECRET_ACCESS_KEY: z.string().min(1).optional().describe('S3 secret access key (with MODEL_STORE_ACCESS_KEY_ID)'),
    MODEL_STORE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000).describe('S3 request timeout (connect and response), ms'),
  })
  .strict()
  .refine((e) => (e.MODEL_STORE_ACCESS_KEY_ID === undefined) === (e.MODEL_STORE_SECRET_ACCESS_KEY === undefined), {
    message: 'MODEL_STORE_ACCESS_KEY_ID and MODEL_STORE_SECRET_ACCESS_KEY go together: set both or neither',
    path: ['MODEL_STORE_ACCESS_KEY_ID'],
  });

/** Typed S3 client settings. */
export interface S3Settings {
  /** Endpoint URL (S3-compatible servers); undefined = AWS. */
  endpoint?: string;
  /** Region. */
  region: string;
  /** Path-style addressing. */
  forcePathStyle: boolean;
  /** Static credentials; undefined = the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Per-request timeout. */
  timeoutMs: number;
}

/** Turns validated {@link s3EnvSchema} values into {@link S3Settings}. */
export function s3SettingsFromEnv(e: z.output<typeof s3EnvSchema>): S3Settings {
  return {
    ...(e.MODEL_STORE_ENDPOINT ? { endpoint: e.MODEL_STORE_ENDPOINT } : {}),
    region: e.MODEL_STORE_REGION,
    forcePathStyle: e.MODEL_STORE_PATH_STYLE === 'on',
    ...(e.MODEL_STORE_ACCESS_KEY_ID && e.MODEL_STORE_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: e.MODEL_STORE_ACCESS_KEY_ID, secretAccessKey: e.MODEL_STORE_SECRET_ACCESS_KEY } }
      : {}),
    timeoutMs: e.MODEL_STORE_TIMEOUT_MS,
  };
}

/** The official AWS SDK v3 client for these settings (signing, retries and checksums are the SDK's). */
export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: s.timeoutMs, requestTimeout: s.timeoutMs },
  });
}
