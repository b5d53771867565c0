/** {@link ModelStore} over a local registry directory (MODEL_DIR): the functions of ./registry. */
import * as path from 'node:path';
import { activateVersion, currentVersion, listVersions, pruneVersions, readModelVersion, writeModelVersion } from './registry';
import type { LoadedModel, ModelFile, ModelMeta } from './registry';
import type { LeaseResult, ModelStore, WriteVersionOptions } from './store';

/**
 * A registry directory. Its training lease is held within this process only: a local
 * directory is served by one detector (sharing one across machines is what S3 is for).
 */
export class LocalModelStore implements ModelStore {
  readonly location: string;
  private leaseHolder: string | undefined;

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

  /** {@inheritDoc ModelStore.acquireLease} */
  acquireLease(holder: string): Promise<LeaseResult> {
    if (this.leaseHolder !== undefined && this.leaseHolder !== holder) {
      return Promise.resolve({ ok: false, holder: this.leaseHolder, expiresAtMs: Number.POSITIVE_INFINITY });
    }
    this.leaseHolder = holder;
    return Promise.resolve({
      ok: true,
      lease: {
        holder,
        renew: () => Promise.resolve(this.leaseHolder === holder),
        release: () => {
          if (this.leaseHolder === holder) this.leaseHolder = undefined;
          return Promise.resolve();
        },
      },
    });
  }

  /** Nothing to free. */
  close(): void {}
}
