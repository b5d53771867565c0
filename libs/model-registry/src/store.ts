/**
 * A model store: where versions, their manifests and the `current` pointer live — a local
 * directory ({@link LocalModelStore}) or an S3-compatible bucket ({@link S3ModelStore}) —
 * plus the training lease that lets exactly one detector train for a store at a time.
 */
import type { LoadedModel, ModelFile, ModelMeta } from './registry';
import { ModelRegistryError } from './errors';

/** Options of {@link ModelStore.write}. */
export interface WriteVersionOptions {
  /** Make the new version `current` after it is complete (default true). */
  activate?: boolean;
  /** Version name (default: a new sortable one). */
  version?: string;
  /** Creation time written into the manifest. */
  now?: Date;
}

/** Who holds a training lease, when another does. */
export interface LeaseHolder {
  /** Holder id (the detector's DETECTOR_ID). */
  holder: string;
  /** When the lease runs out unless renewed (ms since the epoch, the holder's clock). */
  expiresAtMs: number;
}

/** A training lease this process holds; renew it while training, release it when done. */
export interface TrainingLease {
  /** This process's holder id. */
  readonly holder: string;
  /** Extends the lease by its TTL; false when it was lost (expired and taken by another holder). */
  renew(): Promise<boolean>;
  /** Gives the lease up so another holder can take it at once. Never throws. */
  release(): Promise<void>;
}

/** Result of {@link ModelStore.acquireLease}: the lease, or who holds it. */
export type LeaseResult = { ok: true; lease: TrainingLease } | ({ ok: false } & LeaseHolder);

/** What an export holds: the records a model was trained on, or detection results. */
export type ExportKind = 'training' | 'detections';

/** Versions, manifests and the `current` pointer of one registry, wherever it lives. */
export interface ModelStore {
  /** Where the store is, for messages: a directory or an `s3://bucket/prefix` URI. */
  readonly location: string;
  /** The version `current` names, or undefined when there is none. */
  current(): Promise<string | undefined>;
  /** Complete versions (those with a manifest), oldest first. */
  list(): Promise<string[]>;
  /** Reads a version and verifies every file against its manifest (MODEL_NOT_FOUND / MODEL_CORRUPT). */
  read(version: string): Promise<LoadedModel>;
  /** Writes a version so readers never see it half-written: files, then manifest, then (optionally) `current`. */
  write(files: ModelFile[], meta: ModelMeta, opts?: WriteVersionOptions): Promise<{ version: string }>;
  /** Points `current` at a version after checking that it reads cleanly. */
  activate(version: string): Promise<void>;
  /** Deletes all but the newest `keep` versions, never the current one; returns what it deleted. */
  prune(keep: number): Promise<string[]>;
  /** Takes the store's training lease for `ttlMs` unless another holder has it. */
  acquireLease(holder: string, ttlMs: number): Promise<LeaseResult>;
  /**
   * Writes rows as one gzip JSONL object under `exports/<kind>/dt=YYYY-MM-DD/<name>.jsonl.gz`
   * (date of `now`, UTC) and returns its URI (remote stores only).
   */
  exportRows?(kind: ExportKind, name: string, rows: readonly unknown[], now: Date): Promise<string>;
  /** The version the local copy last served, for starting while the store is unreachable (remote stores only). */
  localCurrent?(): Promise<string | undefined>;
  /** Frees connections. Idempotent. */
  close(): void;
}

/** The version just before `current` (by name, i.e. by creation time); MODEL_NOT_FOUND when there is none. */
export async function previousVersion(store: ModelStore): Promise<string> {
  const current = await store.current();
  if (current === undefined) throw new ModelRegistryError('MODEL_NOT_FOUND', `${store.location} has no current version to roll back from`);
  const older = (await store.list()).filter((v) => v < current);
  const prev = older[older.length - 1];
  if (prev === undefined) throw new ModelRegistryError('MODEL_NOT_FOUND', `${store.location}: no version older than ${current} to roll back to`);
  return prev;
}
