/**
 * Bounded per-session state: least-recently-used eviction, a time-to-live and a memory cap.
 * Map insertion order is the LRU order (a touch re-inserts the entry at the end).
 */

/** Limits of a {@link SessionStore}. */
export interface SessionStoreOptions {
  /** Maximum number of live sessions; the least recently used is evicted beyond it. */
  maxSessions: number;
  /** A session idle longer than this is dropped. */
  ttlMs: number;
  /** Cap on the estimated bytes held by all sessions; LRU eviction keeps it below. */
  maxBytes: number;
  /** Clock (ms); injected so tests control time. */
  nowMs?: () => number;
  /** Called with every session the store drops by itself (idle past the TTL, or evicted by a cap), so it can be closed. */
  onDrop?: (id: string, state: SessionState, why: SessionDropReason) => void;
}

/** Why the store dropped a session: idle past its TTL, or evicted by the count/memory cap. */
export type SessionDropReason = 'idle' | 'evicted';

/** State kept for one session (stream): its recent log keys and last timestamp. */
export interface SessionState {
  /** Recent log keys (DeepLog vocabulary indices), oldest first, at most `window` long. */
  keys: number[];
  /** Timestamp (ms) of the last record seen, for the time-since-previous feature. */
  lastTimestampMs: number | undefined;
  /** Event time (ms) of the last record that had one (preprocess `eventTimeMs`), for the parameter-value model's elapsed time. */
  lastEventMs?: number | undefined;
  /** Last time the session was touched (ms, store clock). */
  touchedMs: number;
  /** Records seen in this session. */
  records: number;
  /** Model generation the keys belong to (keys of another model are discarded). */
  generation: number;
  /** Records of the session flagged so far. */
  flagged: number;
  /** Distinct reasons of its flagged records (undefined = none yet). */
  reasons: Set<string> | undefined;
  /** Highest record score so far (0..1). */
  maxScore: number;
  /** Records per template id, of the templates the session-level count models read (undefined = none counted yet). */
  counts?: Map<string, number> | undefined;
}

/** A fresh session state. */
export function newSessionState(nowMs: number, generation = 0): SessionState {
  return { keys: [], lastTimestampMs: undefined, touchedMs: nowMs, records: 0, generation, flagged: 0, reasons: undefined, maxScore: 0 };
}

/** Counters of a store, for metrics. */
export interface SessionStoreStats {
  /** Live sessions. */
  sessions: number;
  /** Estimated bytes held. */
  bytes: number;
  /** Sessions evicted because of the count or memory cap. */
  evictedLru: number;
  /** Sessions dropped because their TTL expired. */
  expiredTtl: number;
}

/** Touches closer together than this do not reorder the LRU (see {@link SessionStore.touch}). */
export const LRU_GRANULARITY_MS = 1000;

/** Rough per-session overhead in bytes (Map entry, object, array header). */
const SESSION_OVERHEAD_BYTES = 160;

/** Estimated bytes of one session entry. */
function sessionBytes(id: string, keysCapacity: number): number {
  return SESSION_OVERHEAD_BYTES + id.length * 2 + keysCapacity * 8;
}

/** A bounded session store (LRU + TTL + memory cap). */
export class SessionStore {
  private readonly map = new Map<string, SessionState>();
  private readonly opts: Required<SessionStoreOptions>;
  private bytes = 0;
  private evictedLru = 0;
  private expiredTtl = 0;

  /** @param keysCapacity keys kept per session (the DeepLog window), used for the memory estimate. */
  constructor(
    opts: SessionStoreOptions,
    private keysCapacity: number,
  ) {
    if (!(opts.maxSessions >= 1)) throw new RangeError('maxSessions must be >= 1');
    if (!(opts.ttlMs > 0)) throw new RangeError('ttlMs must be > 0');
    if (!(opts.maxBytes > 0)) throw new RangeError('maxBytes must be > 0');
    this.opts = { nowMs: Date.now, onDrop: () => undefined, ...opts };
  }

  /** Returns the session's state, creating it when absent; marks it most recently used. */
  touch(id: string): SessionState {
    const now = this.opts.nowMs();
    let s = this.map.get(id);
    if (s && now - s.touchedMs > this.opts.ttlMs) {
      this.remove(id);
      this.expiredTtl++;
      this.opts.onDrop?.(id, s, 'idle');
      s = undefined;
    }
    if (s) {
      // Re-inserting moves the entry to the LRU end; within LRU_GRANULARITY_MS of the last
      // move it is skipped (eviction order is then exact to that granularity, at half the cost).
      if (now - s.touchedMs >= LRU_GRANULARITY_MS) {
        this.map.delete(id);
        this.map.set(id, s);
        s.touchedMs = now;
      }
      return s;
    }
    s = newSessionState(now);
    this.map.set(id, s);
    this.bytes += sessionBytes(id, this.keysCapacity);
    this.enforce();
    return s;
  }

  /** Returns the state without creating or touching it (undefined when absent or expired). */
  peek(id: string): SessionState | undefined {
    const s = this.map.get(id);
    if (!s || this.opts.nowMs() - s.touchedMs > this.opts.ttlMs) return undefined;
    return s;
  }

  /** Removes a session and returns its state (undefined when absent): the session is closed. */
  take(id: string): SessionState | undefined {
    const s = this.map.get(id);
    if (s) this.remove(id);
    return s;
  }

  /** Ids of every live session, least recently used first. */
  ids(): string[] {
    return [...this.map.keys()];
  }

  /** Drops expired sessions from the LRU end (each reported to `onDrop`); call periodically. Returns how many were dropped. */
  sweep(): number {
    const now = this.opts.nowMs();
    let n = 0;
    for (const [id, s] of this.map) {
      if (now - s.touchedMs <= this.opts.ttlMs) break; // LRU order: the rest are newer
      this.remove(id);
      this.opts.onDrop?.(id, s, 'idle');
      n++;
    }
    this.expiredTtl += n;
    return n;
  }

  /** Forgets every session (e.g. when a model with another vocabulary starts serving). */
  clear(keysCapacity = this.keysCapacity): void {
    this.map.clear();
    this.bytes = 0;
    this.keysCapacity = keysCapacity;
  }

  /** Number of live sessions. */
  get size(): number {
    return this.map.size;
  }

  /** Current counters. */
  stats(): SessionStoreStats {
    return { sessions: this.map.size, bytes: this.bytes, evictedLru: this.evictedLru, expiredTtl: this.expiredTtl };
  }

  private remove(id: string): void {
    if (this.map.delete(id)) this.bytes -= sessionBytes(id, this.keysCapacity);
  }

  private enforce(): void {
    while (this.map.size > this.opts.maxSessions || (this.bytes > this.opts.maxBytes && this.map.size > 1)) {
      const [oldest, state] = this.map.entries().next().value as [string, SessionState];
      this.remove(oldest);
      this.evictedLru++;
      this.opts.onDrop?.(oldest, state, 'evicted');
    }
  }
}
