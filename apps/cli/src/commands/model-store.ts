/**
 * `--model` / `--out` / `--store` values that name an S3 model store (`s3://bucket/prefix`)
 * beside local registry directories. The S3 client settings come from the same MODEL_STORE_*
 * variables as the detector's (docs/operations.md), read here once. A model read from S3 is
 * checked against its manifest and staged in a temp registry, so every command then runs on
 * a local directory exactly as before; a trained version is published to S3 the same way the
 * detector does (objects, manifest, then `current`).
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEnv } from '@log-sentinel/env-config';
import {
  ModelRegistryError,
  isS3Uri,
  openModelStore,
  readModelVersion,
  s3EnvSchema,
  s3SettingsFromEnv,
  writeModelVersion,
  type LoadedModel,
  type ModelStore,
} from '@log-sentinel/model-registry';
import { CliError, EXIT } from '../cli-error';

export { isS3Uri };

/** Opens a store (`s3://…` or a registry directory); bad S3 settings or URI are a CliError naming them. */
export function openStore(where: string, flag: string): ModelStore {
  try {
    if (!isS3Uri(where)) return openModelStore(where);
    const env = parseEnv(s3EnvSchema, process.env, (problems) => new CliError(`S3 settings: ${problems}`));
    return openModelStore(where, { s3: s3SettingsFromEnv(env) });
  } catch (err) {
    if (err instanceof ModelRegistryError) throw new CliError(`${flag}: ${err.message}`, EXIT.usage, { cause: err });
    throw err;
  }
}

/** Maps store errors to CLI errors: unreadable models exit 3, an unreachable store 1. */
export function storeError(err: unknown, flag: string): unknown {
  if (!(err instanceof ModelRegistryError)) return err;
  const code = err.code === 'STORE_UNAVAILABLE' ? EXIT.failure : err.code === 'MODEL_INVALID_VERSION' ? EXIT.usage : EXIT.model;
  return new CliError(`${flag}: ${err.message}`, code, { cause: err });
}

/** Writes a verified version into a local registry under its own name and manifest, as `current`. */
async function stage(root: string, loaded: LoadedModel): Promise<void> {
  const m = loaded.manifest;
  const files = Object.keys(m.files).map((name) => ({ name, data: loaded.file(name) }));
  await writeModelVersion(root, files, { kind: m.kind, training: m.training, metrics: m.metrics, config: m.config }, { version: m.version, now: new Date(m.created) });
}

/**
 * A `--model` value as a local path: a directory is returned as it is; `s3://bucket/prefix`
 * (its current version) or `s3://bucket/prefix/<version>` is read, verified and staged in a
 * temp registry (removed by `cleanup`).
 */
export async function localModel(model: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  if (!isS3Uri(model)) return { dir: model, cleanup: () => Promise.resolve() };
  let loaded: LoadedModel | undefined;
  const store = openStore(model, '--model');
  try {
    const current = await store.current();
    if (current !== undefined) loaded = await store.read(current);
  } catch (err) {
    store.close();
    throw storeError(err, '--model');
  }
  store.close();
  if (!loaded) {
    // s3://bucket/prefix/<version>: one version of the registry at s3://bucket/prefix
    const cut = model.replace(/\/+$/, '').lastIndexOf('/');
    const parent = openStore(model.slice(0, cut), '--model');
    try {
      loaded = await parent.read(model.replace(/\/+$/, '').slice(cut + 1));
    } catch (err) {
      const why = err instanceof ModelRegistryError && err.code === 'MODEL_NOT_FOUND' ? `${model} is neither a model registry (no current) nor a model version (no manifest.json)` : undefined;
      throw why ? new CliError(`--model: ${why}`, EXIT.model, { cause: err }) : storeError(err, '--model');
    } finally {
      parent.close();
    }
  }
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'log-sentinel-model-'));
  await stage(dir, loaded);
  return { dir, cleanup: () => fsp.rm(dir, { recursive: true, force: true }) };
}

/** Where `train --out` writes: a directory as it is; for `s3://…` a temp registry published to the store afterwards. */
export interface TrainOut {
  /** Local registry directory the trainer writes. */
  dir: string;
  /** Publishes the version just written (S3) and says where it is: `model_dir` and the version's `dir`. */
  publish(version: string, versionDir: string): Promise<{ model_dir: string; dir: string }>;
  /** Removes the temp registry (S3). */
  cleanup(): Promise<void>;
}

/** Opens `train --out`; for S3, checks the store answers before training starts. */
export async function trainOut(out: string): Promise<TrainOut> {
  if (!isS3Uri(out)) {
    return { dir: out, publish: (_v, versionDir) => Promise.resolve({ model_dir: out, dir: versionDir }), cleanup: () => Promise.resolve() };
  }
  const store = openStore(out, '--out');
  try {
    await store.current();
  } catch (err) {
    store.close();
    throw storeError(err, '--out');
  }
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'log-sentinel-train-'));
  return {
    dir,
    async publish(version, versionDir) {
      try {
        const loaded = await readModelVersion(versionDir);
        const m = loaded.manifest;
        const files = Object.keys(m.files).map((name) => ({ name, data: loaded.file(name) }));
        await store.write(files, { kind: m.kind, training: m.training, metrics: m.metrics, config: m.config }, { version, now: new Date(m.created) });
      } catch (err) {
        throw storeError(err, '--out');
      }
      return { model_dir: store.location, dir: `${store.location}/${version}` };
    },
    async cleanup() {
      store.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
