/**
 * A model registry on disk: `<root>/<version>/` directories (manifest.json + model files)
 * and a `<root>/current` file naming the serving version. Versions are written to a temp
 * directory, fsynced and renamed into place; `current` is replaced atomically.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { replaceFileAtomic, syncDir, writeFileSynced } from '@log-sentinel/durable-fs';
import { ModelRegistryError } from './errors';
import { MANIFEST_FORMAT_VERSION, type Manifest, parseManifest } from './manifest';

/** Name of the pointer file that holds the serving version. */
export const CURRENT_FILE = 'current';
/** Name of the manifest inside a version directory. */
export const MANIFEST_FILE = 'manifest.json';

/** One file of a model version. */
export interface ModelFile {
  /** File name inside the version directory (no path separators). */
  name: string;
  /** File contents. */
  data: Uint8Array | string;
}

/** Caller-provided manifest fields of a new version. */
export type ModelMeta = Pick<Manifest, 'kind'> & Partial<Pick<Manifest, 'training' | 'metrics' | 'config'>>;

/** A version read from disk with every checksum verified. */
export interface LoadedModel {
  /** Absolute path of the version directory (or `s3://bucket/prefix/<version>` in an object store). */
  dir: string;
  /** The parsed manifest. */
  manifest: Manifest;
  /** Bytes of a model file; throws MODEL_INCOMPATIBLE when the version has no such file. */
  file(name: string): Buffer;
  /** Whether the version has a file of that name. */
  has(name: string): boolean;
}

/** What a version (or model file) name may look like. */
export const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws MODEL_INVALID_VERSION unless `name` is a valid version or file name. */
export function checkName(kind: 'version' | 'file', name: string): void {
  if (!VERSION_RE.test(name) || name === CURRENT_FILE || name === MANIFEST_FILE) {
    throw new ModelRegistryError('MODEL_INVALID_VERSION', `invalid ${kind} name ${JSON.stringify(name)}`);
  }
}

/** A sortable version name: `v<UTC time>-<random>`, e.g. `v20261122T163100123Z-3fa2`. */
export function newVersionName(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `v${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Hex SHA-256 of some bytes. */
export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Checks a new version's name and files and builds its manifest (checksums of every file). */
export function buildManifest(files: ModelFile[], meta: ModelMeta, version: string, now: Date = new Date()): Manifest {
  checkName('version', version);
  const entries: Manifest['files'] = {};
  for (const f of files) {
    checkName('file', f.name);
    if (entries[f.name]) throw new ModelRegistryError('MODEL_INVALID_VERSION', `file ${f.name} given twice`);
    entries[f.name] = { sha256: sha256(f.data), bytes: Buffer.byteLength(f.data) };
  }
  return {
    formatVersion: MANIFEST_FORMAT_VERSION,
    version,
    created: now.toISOString(),
    kind: meta.kind,
    training: meta.training ?? {},
    metrics: meta.metrics ?? {},
    config: meta.config ?? {},
    files: entries,
  };
}

/** Writes a new version under `root` durably; by default makes it `current`. */
export async function writeModelVersion(
  root: string,
  files: ModelFile[],
  meta: ModelMeta,
  opts: { activate?: boolean; version?: string; now?: Date } = {},
): Promise<{ version: string; dir: string }> {
  const version = opts.version ?? newVersionName(opts.now);
  const manifest = buildManifest(files, meta, version, opts.now);
  await fsp.mkdir(root, { recursive: true });
  const dir = path.join(root, version);
  const tmp = path.join(root, `.tmp-${version}-${process.pid}-${randomBytes(3).toString('hex')}`);
  await fsp.mkdir(tmp);
  try {
    for (const f of files) await writeFileSynced(path.join(tmp, f.name), f.data);
    await writeFileSynced(path.join(tmp, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    await syncDir(tmp);
    if (await exists(dir)) throw new ModelRegistryError('MODEL_INVALID_VERSION', `version ${version} already exists in ${root}`);
    await fsp.rename(tmp, dir);
    await syncDir(root);
  } catch (err) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw err;
  }
  if (opts.activate ?? true) await activateVersion(root, version);
  return { version, dir };
}

/** Points `<root>/current` at `version` atomically after checking the version reads cleanly. */
export async function activateVersion(root: string, version: string): Promise<void> {
  checkName('version', version);
  await readModelVersion(path.join(root, version));
  await replaceFileAtomic(path.join(root, CURRENT_FILE), version + '\n');
}

/** The version named by `<root>/current`, or undefined when there is none. */
export async function currentVersion(root: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(path.join(root, CURRENT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const version = text.trim();
  if (!VERSION_RE.test(version)) {
    throw new ModelRegistryError('MODEL_CORRUPT', `${path.join(root, CURRENT_FILE)} does not name a version`);
  }
  return version;
}

/** Version directories under `root` (those holding a manifest), oldest first. */
export async function listVersions(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await fsp.readdir(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const versions: string[] = [];
  for (const name of entries) {
    if (!VERSION_RE.test(name) || name === CURRENT_FILE) continue;
    if (await exists(path.join(root, name, MANIFEST_FILE))) versions.push(name);
  }
  return versions.sort();
}

/** Deletes all but the newest `keep` versions, never the current one. Returns what it deleted. */
export async function pruneVersions(root: string, keep: number): Promise<string[]> {
  const current = await currentVersion(root);
  const versions = await listVersions(root);
  const doomed = versions.slice(0, Math.max(0, versions.length - keep)).filter((v) => v !== current);
  for (const v of doomed) await fsp.rm(path.join(root, v), { recursive: true, force: true });
  if (doomed.length) await syncDir(root);
  return doomed;
}

/**
 * Resolves a `--model`/MODEL_DIR argument: a registry root (holds `current`) gives its
 * current version directory; a version directory (holds manifest.json) gives itself.
 */
export async function resolveModelDir(pathArg: string): Promise<string> {
  const abs = path.resolve(pathArg);
  if (!(await exists(abs))) throw new ModelRegistryError('MODEL_NOT_FOUND', `model directory ${pathArg} does not exist`);
  if (await exists(path.join(abs, MANIFEST_FILE))) return abs;
  const version = await currentVersion(abs);
  if (version !== undefined) {
    const dir = path.join(abs, version);
    if (!(await exists(path.join(dir, MANIFEST_FILE)))) {
      throw new ModelRegistryError('MODEL_NOT_FOUND', `${pathArg}: current names version ${version}, which has no ${MANIFEST_FILE}`);
    }
    return dir;
  }
  throw new ModelRegistryError(
    'MODEL_NOT_FOUND',
    `${pathArg} is neither a model registry (no "${CURRENT_FILE}" file) nor a model version (no ${MANIFEST_FILE})`,
  );
}

/** Reads one version directory and verifies every file against the manifest. */
export async function readModelVersion(dir: string): Promise<LoadedModel> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = await fsp.readFile(manifestPath, 'utf8');
  } catch (err) {
    throw new ModelRegistryError('MODEL_NOT_FOUND', `cannot read ${manifestPath}: ${(err as Error).message}`, { cause: err });
  }
  return verifyVersion(path.resolve(dir), raw, async (name) => {
    try {
      return await fsp.readFile(path.join(dir, name));
    } catch (err) {
      throw new ModelRegistryError('MODEL_CORRUPT', `model file ${name} listed in ${manifestPath} cannot be read`, { cause: err });
    }
  });
}

/**
 * Parses a manifest's text and fetches and verifies every file it lists (size and SHA-256),
 * whatever holds them (a directory, an object store). `where` names the version in messages.
 */
export async function verifyVersion(where: string, manifestText: string, fetchFile: (name: string) => Promise<Buffer>): Promise<LoadedModel> {
  const manifestPath = `${where}/${MANIFEST_FILE}`;
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch (err) {
    throw new ModelRegistryError('MODEL_CORRUPT', `${manifestPath} is not valid JSON`, { cause: err });
  }
  const manifest = parseManifest(json, manifestPath);
  const contents = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(manifest.files)) {
    checkName('file', name);
    const data = await fetchFile(name);
    if (data.length !== entry.bytes || sha256(data) !== entry.sha256) {
      throw new ModelRegistryError('MODEL_CORRUPT', `model file ${where}/${name} does not match its checksum in the manifest`);
    }
    contents.set(name, data);
  }
  return {
    dir: where,
    manifest,
    has: (name) => contents.has(name),
    file(name) {
      const data = contents.get(name);
      if (!data) throw new ModelRegistryError('MODEL_INCOMPATIBLE', `model ${manifest.version} has no ${name}`);
      return data;
    },
  };
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.stat(p);
    return true;
  } catch {
    return false;
  }
}
