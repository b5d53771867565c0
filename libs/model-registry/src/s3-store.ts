/**
 * {@link ModelStore} on S3-compatible object storage, same layout as a directory:
 * `<prefix>/<version>/<file>`, `<prefix>/<version>/manifest.json`, `<prefix>/current`.
 * A version is published objects first, manifest next (conditional: never over an existing
 * one), pointer last, so a reader that follows `current` only ever finds complete versions;
 * every file is checked against the manifest's size and SHA-256 when read. With a cache
 * directory, each version read is mirrored there (a local registry) so a detector can start
 * on its last model while the store is unreachable.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { replaceFileAtomic } from '@log-sentinel/durable-fs';
import { ModelRegistryError } from './errors';
import { LocalModelStore } from './local-store';
import {
  CURRENT_FILE,
  MANIFEST_FILE,
  VERSION_RE,
  buildManifest,
  checkName,
  currentVersion,
  newVersionName,
  verifyVersion,
  writeModelVersion,
  type LoadedModel,
  type ModelFile,
  type ModelMeta,
} from './registry';
import { S3Lease, LEASE_OBJECT } from './s3-lease';
import { s3Error, isNotFound, isPreconditionFailed } from './s3-errors';
import type { S3Location } from './s3-location';
import type { ExportKind, LeaseResult, ModelStore, WriteVersionOptions } from './store';

/** Options of {@link S3ModelStore}. */
export interface S3ModelStoreOptions {
  /** Where the registry is. */
  location: S3Location;
  /** The S3 client (see createS3Client); the store closes it. */
  client: S3Client;
  /** Local registry mirroring every version read (MODEL_DIR of a detector). */
  cacheDir?: string;
}

/** A model registry in an S3 bucket. */
export class S3ModelStore implements ModelStore {
  readonly location: string;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;
  private readonly cache: LocalModelStore | undefined;

  constructor(opts: S3ModelStoreOptions) {
    this.bucket = opts.location.bucket;
    this.prefix = opts.location.prefix;
    this.client = opts.client;
    this.cache = opts.cacheDir ? new LocalModelStore(opts.cacheDir) : undefined;
    this.location = `s3://${this.bucket}${this.prefix ? '/' + this.prefix : ''}`;
  }

  /** Object key of a path inside the registry. */
  key(rel: string): string {
    return this.prefix ? `${this.prefix}/${rel}` : rel;
  }

  /** {@inheritDoc ModelStore.current} */
  async current(): Promise<string | undefined> {
    const body = await this.getText(CURRENT_FILE);
    if (body === undefined) return undefined;
    const version = body.trim();
    if (!VERSION_RE.test(version)) throw new ModelRegistryError('MODEL_CORRUPT', `${this.location}/${CURRENT_FILE} does not name a version`);
    return version;
  }

  /** {@inheritDoc ModelStore.list} (one listing of the top-level folders, then a HEAD of each manifest: exports are never walked) */
  async list(): Promise<string[]> {
    const candidates: string[] = [];
    const base = this.key('');
    let token: string | undefined;
    do {
      let res;
      try {
        res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: base, Delimiter: '/', ContinuationToken: token }));
      } catch (err) {
        throw s3Error(err, `${this.location}: listing versions`);
      }
      for (const p of res.CommonPrefixes ?? []) {
        const version = (p.Prefix ?? '').slice(base.length).replace(/\/$/, '');
        if (VERSION_RE.test(version) && version !== CURRENT_FILE) candidates.push(version);
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    const complete = await Promise.all(candidates.map((v) => this.exists(`${v}/${MANIFEST_FILE}`)));
    return candidates.filter((_, i) => complete[i]).sort();
  }

  /** {@inheritDoc ModelStore.read} (a version already in the cache is read from there, checksums verified). */
  async read(version: string): Promise<LoadedModel> {
    checkName('version', version);
    if (this.cache) {
      const cached = await this.cache.read(version).catch(() => undefined);
      if (cached) {
        await this.pointCache(version);
        return cached;
      }
    }
    const where = `${this.location}/${version}`;
    const manifestText = await this.getText(`${version}/${MANIFEST_FILE}`);
    if (manifestText === undefined) throw new ModelRegistryError('MODEL_NOT_FOUND', `${where} has no ${MANIFEST_FILE}`);
    const loaded = await verifyVersion(where, manifestText, async (name) => {
      const data = await this.getBytes(`${version}/${name}`);
      if (data === undefined) throw new ModelRegistryError('MODEL_CORRUPT', `model file ${where}/${name} listed in the manifest is missing`);
      return data;
    });
    if (this.cache) await this.mirror(loaded);
    return loaded;
  }

  /** {@inheritDoc ModelStore.write} */
  async write(files: ModelFile[], meta: ModelMeta, opts: WriteVersionOptions = {}): Promise<{ version: string }> {
    const version = opts.version ?? newVersionName(opts.now);
    const manifest = buildManifest(files, meta, version, opts.now);
    if (await this.exists(`${version}/${MANIFEST_FILE}`)) {
      throw new ModelRegistryError('MODEL_INVALID_VERSION', `version ${version} already exists in ${this.location}`);
    }
    for (const f of files) await this.put(`${version}/${f.name}`, f.data);
    try {
      await this.put(`${version}/${MANIFEST_FILE}`, JSON.stringify(manifest, null, 2) + '\n', { IfNoneMatch: '*' });
    } catch (err) {
      if (isPreconditionFailed(err)) throw new ModelRegistryError('MODEL_INVALID_VERSION', `version ${version} already exists in ${this.location}`);
      throw err;
    }
    if (opts.activate ?? true) await this.activate(version);
    return { version };
  }

  /** {@inheritDoc ModelStore.activate} */
  async activate(version: string): Promise<void> {
    await this.read(version);
    await this.put(CURRENT_FILE, version + '\n');
  }

  /** {@inheritDoc ModelStore.prune} (a version's manifest goes first, so it disappears from readers at once). */
  async prune(keep: number): Promise<string[]> {
    const current = await this.current();
    const versions = await this.list();
    const doomed = versions.slice(0, Math.max(0, versions.length - keep)).filter((v) => v !== current);
    for (const v of doomed) {
      await this.delete(`${v}/${MANIFEST_FILE}`);
      for (const k of await this.keysUnder(`${v}/`)) await this.delete(k);
    }
    return doomed;
  }

  /** {@inheritDoc ModelStore.acquireLease} */
  acquireLease(holder: string, ttlMs: number): Promise<LeaseResult> {
    return S3Lease.acquire({ client: this.client, bucket: this.bucket, key: this.key(LEASE_OBJECT), where: this.location }, holder, ttlMs);
  }

  /** {@inheritDoc ModelStore.exportRows} */
  async exportRows(kind: ExportKind, name: string, rows: readonly unknown[], now: Date): Promise<string> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name)) throw new ModelRegistryError('MODEL_INVALID_VERSION', `invalid export name ${JSON.stringify(name)}`);
    const rel = `exports/${kind}/dt=${now.toISOString().slice(0, 10)}/${name}.jsonl.gz`;
    const body = gzipSync(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(rel), Body: body, ContentType: 'application/gzip' }));
    } catch (err) {
      throw s3Error(err, `${this.location}: writing ${rel}`);
    }
    return `${this.location}/${rel}`;
  }

  /** {@inheritDoc ModelStore.localCurrent} */
  async localCurrent(): Promise<string | undefined> {
    return this.cache ? currentVersion(this.cache.root) : undefined;
  }

  /** {@inheritDoc ModelStore.close} */
  close(): void {
    this.client.destroy();
  }

  /** Writes a verified version into the cache directory (same manifest) and points its `current` at it. */
  private async mirror(loaded: LoadedModel): Promise<void> {
    const cache = this.cache!;
    const m = loaded.manifest;
    const files = Object.keys(m.files).map((name) => ({ name, data: loaded.file(name) }));
    const meta = { kind: m.kind, training: m.training, metrics: m.metrics, config: m.config };
    try {
      await writeModelVersion(cache.root, files, meta, { version: m.version, now: new Date(m.created), activate: false });
    } catch (err) {
      // an unreadable leftover of the same name: replace it
      if ((err as ModelRegistryError).code !== 'MODEL_INVALID_VERSION') throw err;
      await fsp.rm(path.join(cache.root, m.version), { recursive: true, force: true });
      await writeModelVersion(cache.root, files, meta, { version: m.version, now: new Date(m.created), activate: false });
    }
    await this.pointCache(m.version);
  }

  /** Points the cache's `current` at a version it holds (the one this process serves). */
  private async pointCache(version: string): Promise<void> {
    const file = path.join(this.cache!.root, CURRENT_FILE);
    if ((await currentVersion(this.cache!.root).catch(() => undefined)) !== version) await replaceFileAtomic(file, version + '\n');
  }

  private async getBytes(rel: string): Promise<Buffer | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(rel) }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw s3Error(err, `${this.location}: reading ${rel}`);
    }
  }

  private async getText(rel: string): Promise<string | undefined> {
    return (await this.getBytes(rel))?.toString('utf8');
  }

  private async exists(rel: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(rel) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw s3Error(err, `${this.location}: checking ${rel}`);
    }
  }

  private async put(rel: string, data: Uint8Array | string, cond: { IfNoneMatch?: string; IfMatch?: string } = {}): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(rel), Body: typeof data === 'string' ? Buffer.from(data) : data, ...cond }));
    } catch (err) {
      if (isPreconditionFailed(err)) throw err;
      throw s3Error(err, `${this.location}: writing ${rel}`);
    }
  }

  private async delete(rel: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(rel) }));
    } catch (err) {
      throw s3Error(err, `${this.location}: deleting ${rel}`);
    }
  }

  /** Registry-relative keys under a registry-relative folder. */
  private async keysUnder(rel: string): Promise<string[]> {
    const base = this.key('');
    const out: string[] = [];
    let token: string | undefined;
    do {
      let res;
      try {
        res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.key(rel), ContinuationToken: token }));
      } catch (err) {
        throw s3Error(err, `${this.location}: listing ${rel}`);
      }
      for (const o of res.Contents ?? []) if (o.Key) out.push(o.Key.slice(base.length));
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return out;
  }
}
