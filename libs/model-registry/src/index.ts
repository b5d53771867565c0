/**
 * model-registry: versioned model directories on disk with checksummed manifests and an
 * atomically swapped `current` pointer (see docs/detector.md, "Models on disk").
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
export { replaceFileAtomic, syncDir, writeFileSynced } from './durable-fs';
