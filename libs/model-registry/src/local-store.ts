/** {@link ModelStore} over a local registry directory (MODEL_DIR): the functions of ./registry. */
import * as path from 'node:path';
import { activateVersion, currentVersion, listVersions, pruneVersions, readModelVersion, writeModelVersion } from './registry';
import type { LoadedModel, ModelFile, ModelMeta } from './registry';
import type { LeaseResult, ModelStore, WriteVersionOptions } from './store';

/**
 * A registry directory. Its training lease is always granted: a local directory is served
 * by one detector (sharing a model across machines is what the S3 store is for).
 */
export class LocalModelStore implements ModelStore {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = root;
  }

  /** {@inheritDoc ModelStore.current} */
  current(): Promise<string | undefined> {
    return currentVersion(this.root);
  }

  /** {@inheritDoc ModelStore.list} */
  list(): Promise<string[]> {
    return listVersions(this.root);
  }

  /** {@inheritDoc ModelStore.read} */
  read(version: string): Promise<LoadedModel> {
    return readModelVersion(path.join(this.root, version));
  }

  /** {@inheritDoc ModelStore.write} */
  async write(files: ModelFile[], meta: ModelMeta, opts: WriteVersionOptions = {}): Promise<{ version: string }> {
    const { version } = await writeModelVersion(this.root, files, meta, opts);
    return { version };
  }

  /** {@inheritDoc ModelStore.activate} */
  activate(version: string): Promise<void> {
    return activateVersion(this.root, version);
  }

  /** {@inheritDoc ModelStore.prune} */
  prune(keep: number): Promise<string[]> {
    return pruneVersions(this.root, keep);
  }

  /** Always granted: a directory is served by one detector, whose engine runs one training round at a time. */
  acquireLease(holder: string): Promise<LeaseResult> {
    return Promise.resolve({ ok: true, lease: { holder, renew: () => Promise.resolve(true), release: () => Promise.resolve() } });
  }

  /** Nothing to free. */
  close(): void {}
}
