/** Opens the {@link ModelStore} a MODEL_STORE / `--model` / `--out` value names. */
import { LocalModelStore } from './local-store';
import { createS3Client, isS3Uri, parseS3Uri, type S3Settings } from './s3-location';
import { S3ModelStore } from './s3-store';
import type { ModelStore } from './store';

/** Options of {@link openModelStore}. */
export interface OpenStoreOptions {
  /** S3 client settings (for `s3://` locations; default: AWS, us-east-1, the SDK's credential chain). */
  s3?: S3Settings;
  /** S3 only: local registry mirroring each version read (start-up while the store is unreachable). */
  cacheDir?: string;
}

/** `s3://bucket/prefix` → an {@link S3ModelStore}; anything else is a local registry directory. */
export function openModelStore(where: string, opts: OpenStoreOptions = {}): ModelStore {
  if (!isS3Uri(where)) return new LocalModelStore(where);
  const location = parseS3Uri(where);
  const client = createS3Client(opts.s3 ?? { region: 'us-east-1', forcePathStyle: false, timeoutMs: 10_000 });
  return new S3ModelStore({ location, client, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
}
