/**
 * model-registry: versioned models with checksummed manifests and an atomically swapped
 * `current` pointer, in a local directory or an S3-compatible bucket (see docs/detector.md,
 * "Models on disk" and "Models on object storage"), and the training lease of a store.
 */
export { ModelRegistryError, type ModelRegistryErrorCode } from './errors';
export { MANIFEST_FORMAT_VERSION, parseManifest, type FileEntry, type Manifest } from './manifest';
export {
  CURRENT_FILE,
  MANIFEST_FILE,
  activateVersion,
  currentVersion,
  listVersions,
  newVersionName,
  pruneVersions,
  readModelVersion,
  resolveModelDir,
  writeModelVersion,
  type LoadedModel,
  type ModelFile,
  type ModelMeta,
} from './registry';
export { replaceFileAtomic, syncDir, writeFileSynced } from '@log-sentinel/durable-fs';
export { previousVersion, type ExportKind, type LeaseHolder, type LeaseResult, type ModelStore, type TrainingLease, type WriteVersionOptions } from './store';
export { LocalModelStore } from './local-store';
export { S3ModelStore, type S3ModelStoreOptions } from './s3-store';
export { LEASE_OBJECT } from './s3-lease';
export { createS3Client, isS3Uri, parseS3Uri, s3EnvSchema, s3SettingsFromEnv, type S3Location, type S3Settings } from './s3-location';
export { openModelStore, type OpenStoreOptions } from './open-store';
