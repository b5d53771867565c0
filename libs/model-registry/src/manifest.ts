/** The manifest.json of a model version: what it is, how it was trained, file checksums. */
import { ModelRegistryError } from './errors';

/** Manifest format understood by this code. */
export const MANIFEST_FORMAT_VERSION = 1;

/** Checksum entry of one model file. */
export interface FileEntry {
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
}

/** Contents of `<version>/manifest.json`. */
export interface Manifest {
  /** Manifest format; readers refuse other values. */
  formatVersion: 1;
  /** Version name, equal to the directory name. */
  version: string;
  /** ISO-8601 creation time. */
  created: string;
  /** What the model was trained on: log-key sessions or raw/NDJSON records. */
  kind: 'keys' | 'raw';
  /** Training data summary (sessions, records, templates …). */
  training: Record<string, unknown>;
  /** Validation metrics. */
  metrics: Record<string, unknown>;
  /** Options the models were trained with (window, top-g, log format …). */
  config: Record<string, unknown>;
  /** Every model file with its checksum. */
  files: Record<string, FileEntry>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates parsed JSON as a {@link Manifest}; throws MODEL_INCOMPATIBLE / MODEL_CORRUPT naming the field. */
export function parseManifest(json: unknown, where: string): Manifest {
  if (!isRecord(json)) throw new ModelRegistryError('MODEL_CORRUPT', `${where}: manifest is not a JSON object`);
  if (json.formatVersion !== MANIFEST_FORMAT_VERSION) {
    throw new ModelRegistryError(
      'MODEL_INCOMPATIBLE',
      `${where}: manifest formatVersion ${JSON.stringify(json.formatVersion)} is not supported (expected ${MANIFEST_FORMAT_VERSION})`,
    );
  }
  for (const key of ['version', 'created'] as const) {
    if (typeof json[key] !== 'string') throw new ModelRegistryError('MODEL_CORRUPT', `${where}: manifest field "${key}" must be a string`);
  }
  if (json.kind !== 'keys' && json.kind !== 'raw') {
    throw new ModelRegistryError('MODEL_INCOMPATIBLE', `${where}: manifest field "kind" must be "keys" or "raw"`);
  }
  for (const key of ['training', 'metrics', 'config', 'files'] as const) {
    if (!isRecord(json[key])) throw new ModelRegistryError('MODEL_CORRUPT', `${where}: manifest field "${key}" must be an object`);
  }
  for (const [name, entry] of Object.entries(json.files as Record<string, unknown>)) {
    if (!isRecord(entry) || typeof entry.sha256 !== 'string' || typeof entry.bytes !== 'number') {
      throw new ModelRegistryError('MODEL_CORRUPT', `${where}: manifest entry for file "${name}" needs sha256 and bytes`);
    }
  }
  return json as unknown as Manifest;
}
