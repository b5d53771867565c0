/**
 * `log-sentinel models list|show|promote|rollback|prune --store DIR|s3://bucket/prefix`:
 * model maintenance on a registry directory or an S3 store. Every command prints JSON on
 * stdout (list: one line per version); detectors pick up a new `current` within their poll
 * interval (docs/detector.md, "Models on object storage").
 */
import type { Command } from 'commander';
import { previousVersion, type ModelStore } from '@log-sentinel/model-registry';
import { CliError, EXIT_CODES_HELP } from '../cli-error';
import { positiveInt } from './keys/options';
import { openStore, storeError } from './model-store';

interface StoreFlags {
  store: string;
}

/** Runs one maintenance action on the `--store`, mapping store errors to CLI errors. */
async function withStore(o: StoreFlags, run: (store: ModelStore) => Promise<unknown>): Promise<void> {
  const store = openStore(o.store, '--store');
  try {
    const out = await run(store);
    const lines = Array.isArray(out) ? out : [out];
    process.stdout.write(lines.map((l) => JSON.stringify(l) + '\n').join(''));
  } catch (err) {
    throw storeError(err, '--store');
  } finally {
    store.close();
  }
}

/** Registers the `models` command group. */
export function registerModels(program: Command): void {
  const models = program
    .command('models')
    .description('model maintenance on a registry directory or an s3://bucket/prefix store: list, show, promote, rollback, prune')
    .addHelpText(
      'after',
      `
S3 settings: MODEL_STORE_ENDPOINT, MODEL_STORE_REGION, MODEL_STORE_PATH_STYLE, MODEL_STORE_ACCESS_KEY_ID,
MODEL_STORE_SECRET_ACCESS_KEY (as for the detector, docs/operations.md).

${EXIT_CODES_HELP}`,
    );
  const storeOption = (c: Command): Command => c.requiredOption('--store <dir|s3-uri>', 'model registry directory or s3://bucket/prefix');

  storeOption(models.command('list').description('one JSON line per version, oldest first: version, created, kind, current')).action((o: StoreFlags) =>
    withStore(o, async (store) => {
      const [versions, current] = await Promise.all([store.list(), store.current()]);
      const out = [];
      for (const v of versions) {
        const m = (await store.read(v).catch((err: Error) => ({ manifest: undefined, err }))) as { manifest?: { created: string; kind: string; training: object }; err?: Error };
        out.push(m.manifest ? { version: v, created: m.manifest.created, kind: m.manifest.kind, current: v === current, training: m.manifest.training } : { version: v, current: v === current, error: m.err?.message });
      }
      return out;
    }),
  );
  storeOption(models.command('show').description("a version's manifest (default: current), checksums verified").argument('[version]')).action((version: string | undefined, o: StoreFlags) =>
    withStore(o, async (store) => {
      const v = version ?? (await store.current());
      if (v === undefined) throw new CliError(`--store: ${store.location} has no current version; name one (models list)`);
      return (await store.read(v)).manifest;
    }),
  );
  storeOption(models.command('promote').description('make a version current (after verifying its checksums)').argument('<version>')).action((version: string, o: StoreFlags) =>
    withStore(o, async (store) => {
      const previous = (await store.current()) ?? null;
      await store.activate(version);
      return { current: version, previous };
    }),
  );
  storeOption(models.command('rollback').description('make the version before current the current one')).action((o: StoreFlags) =>
    withStore(o, async (store) => {
      const previous = await store.current();
      const target = await previousVersion(store);
      await store.activate(target);
      return { current: target, previous };
    }),
  );
  storeOption(models.command('prune').description('delete all but the newest N versions (never current)'))
    .requiredOption('--keep <n>', 'versions to keep', positiveInt('--keep'))
    .action((o: StoreFlags & { keep: number }) =>
      withStore(o, async (store) => {
        const deleted = await store.prune(o.keep);
        return { deleted, kept: await store.list(), current: (await store.current()) ?? null };
      }),
    );
}
