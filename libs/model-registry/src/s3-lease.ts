/**
 * The training lease of an S3 store: one small object, `.training-lease.json`, holding
 * `{holder, expiresAtMs}`. Taken with a conditional PUT — `If-None-Match: *` when there is
 * none, `If-Match: <etag>` over an expired or own lease — so of two detectors racing, exactly
 * one write wins (the other gets 412) and neither publishes over the other. Renewed with
 * `If-Match` on the holder's last ETag; released by writing it expired. Expiry uses the
 * holder's clock: detectors' clocks must agree to well within the TTL.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isNotFound, isPreconditionFailed, s3Error } from './s3-errors';
import type { LeaseHolder, LeaseResult, TrainingLease } from './store';

/** Object name of the lease, beside `current` (never a version name: those start with a letter or digit). */
export const LEASE_OBJECT = '.training-lease.json';

/** Where a lease object lives. */
export interface LeaseTarget {
  /** S3 client. */
  client: S3Client;
  /** Bucket. */
  bucket: string;
  /** Full object key. */
  key: string;
  /** The store's URI, for messages. */
  where: string;
}

interface LeaseBody extends LeaseHolder {
  /** When the holder took it (ms since the epoch). */
  acquiredAtMs: number;
}

/** A lease held by this process. */
export class S3Lease implements TrainingLease {
  private constructor(
    private readonly target: LeaseTarget,
    readonly holder: string,
    private readonly ttlMs: number,
    private etag: string,
    private readonly acquiredAtMs: number,
  ) {}

  /** Takes the lease unless another holder has an unexpired one (then says who). */
  static async acquire(target: LeaseTarget, holder: string, ttlMs: number): Promise<LeaseResult> {
    const now = Date.now();
    const seen = await read(target);
    if (seen && seen.body.holder !== holder && seen.body.expiresAtMs > now) {
      return { ok: false, holder: seen.body.holder, expiresAtMs: seen.body.expiresAtMs };
    }
    const body: LeaseBody = { holder, expiresAtMs: now + ttlMs, acquiredAtMs: now };
    const etag = await write(target, body, seen ? { IfMatch: seen.etag } : { IfNoneMatch: '*' });
    if (etag === undefined) {
      // another detector's conditional write won the race: report it
      const winner = await read(target);
      return { ok: false, holder: winner?.body.holder ?? '(unknown)', expiresAtMs: winner?.body.expiresAtMs ?? now + ttlMs };
    }
    return { ok: true, lease: new S3Lease(target, holder, ttlMs, etag, now) };
  }

  /** {@inheritDoc TrainingLease.renew} */
  async renew(): Promise<boolean> {
    const etag = await write(this.target, { holder: this.holder, expiresAtMs: Date.now() + this.ttlMs, acquiredAtMs: this.acquiredAtMs }, { IfMatch: this.etag });
    if (etag === undefined) return false;
    this.etag = etag;
    return true;
  }

  /** {@inheritDoc TrainingLease.release} */
  async release(): Promise<void> {
    try {
      const etag = await write(this.target, { holder: this.holder, expiresAtMs: 0, acquiredAtMs: this.acquiredAtMs }, { IfMatch: this.etag });
      if (etag !== undefined) this.etag = etag;
    } catch {
      // unreachable store: the lease runs out by itself
    }
  }
}

async function read(t: LeaseTarget): Promise<{ body: LeaseBody; etag: string } | undefined> {
  let text: string;
  let etag: string;
  try {
    const res = await t.client.send(new GetObjectCommand({ Bucket: t.bucket, Key: t.key }));
    text = await res.Body!.transformToString('utf8');
    etag = res.ETag ?? '';
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw s3Error(err, `${t.where}: reading the training lease`);
  }
  let body: Partial<LeaseBody>;
  try {
    body = JSON.parse(text) as Partial<LeaseBody>;
  } catch {
    body = {};
  }
  // an unreadable lease counts as expired: it is replaced (conditionally, on its ETag)
  return {
    etag,
    body: {
      holder: typeof body.holder === 'string' ? body.holder : '(unreadable lease)',
      expiresAtMs: typeof body.expiresAtMs === 'number' ? body.expiresAtMs : 0,
      acquiredAtMs: typeof body.acquiredAtMs === 'number' ? body.acquiredAtMs : 0,
    },
  };
}

/** Conditional PUT of the lease; the new ETag, or undefined when the condition failed. */
async function write(t: LeaseTarget, body: LeaseBody, cond: { IfMatch?: string; IfNoneMatch?: string }): Promise<string | undefined> {
  try {
    const res = await t.client.send(
      new PutObjectCommand({ Bucket: t.bucket, Key: t.key, Body: JSON.stringify(body), ContentType: 'application/json', ...cond }),
    );
    return res.ETag ?? '';
  } catch (err) {
    if (isPreconditionFailed(err)) return undefined;
    throw s3Error(err, `${t.where}: writing the training lease`);
  }
}
