/**
 * Merges work from concurrent callers into single batched runs (e.g. one onnxruntime call
 * for the DeepLog windows of many Detect requests). At most one run is in flight; what
 * arrives meanwhile is merged into the next run, so batches grow exactly when load does.
 */

/** Options of a {@link MicroBatcher}. */
export interface MicroBatcherOptions {
  /** How long an idle batcher waits for more work before running (0 = next event-loop turn). */
  windowMs: number;
  /** A run takes at most this many items; a full queue runs without waiting. */
  maxBatchItems: number;
}

/** Counters of a batcher. */
export interface MicroBatcherStats {
  /** Batched runs executed. */
  runs: number;
  /** Items processed. */
  items: number;
  /** Caller requests merged into those runs. */
  requests: number;
  /** Largest run, in items. */
  maxRunItems: number;
}

interface Pending<I, O> {
  items: I[];
  resolve: (out: O[]) => void;
  reject: (err: unknown) => void;
}

/** Batches items of concurrent requests into runs of `run`; each request gets its own outputs back in order. */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private queuedItems = 0;
  private inFlight = false;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private readonly counters: MicroBatcherStats = { runs: 0, items: 0, requests: 0, maxRunItems: 0 };

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly opts: MicroBatcherOptions,
  ) {
    if (!(opts.maxBatchItems >= 1)) throw new RangeError('maxBatchItems must be >= 1');
    if (!(opts.windowMs >= 0)) throw new RangeError('windowMs must be >= 0');
  }

  /** Queues one request's items; resolves with one output per item, in order. */
  submit(items: I[]): Promise<O[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queuedItems += items.length;
      this.schedule();
    });
  }

  /** Current counters. */
  stats(): MicroBatcherStats {
    return { ...this.counters };
  }

  private schedule(): void {
    if (this.inFlight || this.timer) return;
    if (this.queuedItems >= this.opts.maxBatchItems || this.opts.windowMs === 0) {
      this.timer = setImmediate(() => this.flush());
    } else {
      this.timer = setTimeout(() => this.flush(), this.opts.windowMs);
    }
  }

  private flush(): void {
    this.timer = undefined;
    if (this.inFlight || this.queue.length === 0) return;
    // Take whole requests up to maxBatchItems (a single larger request runs alone).
    const taken: Pending<I, O>[] = [];
    let n = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (taken.length > 0 && n + next.items.length > this.opts.maxBatchItems) break;
      taken.push(next);
      this.queue.shift();
      n += next.items.length;
    }
    this.queuedItems -= n;
    const items: I[] = taken.length === 1 ? taken[0]!.items : taken.flatMap((p) => p.items);
    this.inFlight = true;
    this.counters.runs++;
    this.counters.items += n;
    this.counters.requests += taken.length;
    if (n > this.counters.maxRunItems) this.counters.maxRunItems = n;
    let done: Promise<O[]>;
    try {
      done = this.run(items);
    } catch (err) {
      done = Promise.reject(err);
    }
    done.then(
      (out) => {
        let off = 0;
        for (const p of taken) {
          p.resolve(out.slice(off, off + p.items.length));
          off += p.items.length;
        }
      },
      (err: unknown) => {
        for (const p of taken) p.reject(err);
      },
    ).finally(() => {
      this.inFlight = false;
      if (this.queue.length > 0) this.schedule();
    });
  }
}
