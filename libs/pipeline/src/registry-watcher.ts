/**
 * Watches a model store's `current` pointer and reports each new version once. The
 * callback loads and swaps; when it fails (corrupt or incompatible model) the version is
 * remembered as refused and not retried until `current` names another version. An
 * unreachable store is logged once; the serving model stays.
 */
import type { EngineLogger } from './engine-logger';

/** Callback that loads a version and starts serving it (throws to refuse it). */
export type VersionLoader = (version: string) => Promise<void>;

/** Reads the version `current` names (undefined: none). */
export type CurrentReader = () => Promise<string | undefined>;

/** Polls the store's `current` every `pollMs`. */
export class RegistryWatcher {
  private timer: NodeJS.Timeout | undefined;
  private lastSeen: string | undefined;
  private unreadable = false;
  private running: Promise<void> | undefined;
  /** Versions refused, with the reason, newest last. */
  readonly refused = new Map<string, string>();

  constructor(
    private readonly where: string,
    private readonly readCurrent: CurrentReader,
    private readonly pollMs: number,
    private readonly load: VersionLoader,
    private readonly log: EngineLogger,
  ) {}

  /** Marks a version as already serving (so it is not reloaded). */
  markServing(version: string | undefined): void {
    this.lastSeen = version;
  }

  /** Starts polling (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.pollMs);
    this.timer.unref();
  }

  /** Checks once now; concurrent calls share one check. */
  check(): Promise<void> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops polling and waits for a running check. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async checkOnce(): Promise<void> {
    let version: string | undefined;
    try {
      version = await this.readCurrent();
    } catch (err) {
      if (!this.unreadable) this.log.error({ err, store: this.where }, 'model store pointer unreadable; keeping the serving model');
      this.unreadable = true;
      return;
    }
    if (this.unreadable) this.log.warn({ store: this.where }, 'model store pointer readable again');
    this.unreadable = false;
    if (version === undefined || version === this.lastSeen) return;
    const previous = this.lastSeen;
    this.lastSeen = version;
    try {
      await this.load(version);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'UNAVAILABLE') {
        // the store went away while the version was read: try it again at the next poll
        this.lastSeen = previous;
        this.log.warn({ err, version }, 'model version could not be read (store unreachable); the previous model keeps serving, retrying');
        return;
      }
      const reason = err instanceof Error ? err.message : String(err);
      this.refused.set(version, reason);
      this.log.error({ err, version }, 'refused model version; the previous model keeps serving');
    }
  }
}
