/**
 * Bounded per-session state: least-recently-used eviction, a time-to-live and a memory cap.
 * The LRU order, the memory cap and the count cap are lru-cache's; the idle TTL is checked
 * here against the session's own `touchedMs`, so a touch costs no clock timers and the
 * sweep can stop at the first live session from the LRU end.
 */

import type { UnseenKey } from '@log-sentinel/loganomaly';
import { LRUCache } from 'lru-cache';

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
  /** LogAnomaly's view of the session (versions trained with it; ./loganomaly-scoring). */
  loganomaly?: LogAnomalySessionState | undefined;
}

/** What a session remembers for LogAnomaly. */
export interface LogAnomalySessionState {
  /** Its last h template ids, oldest first (ids, not class indices: they survive a model reload). */
  recent: string[];
  /** Templates ranked so far (records of the session). */
  steps: number;
  /** Largest rank of a next template so far (1 = always the top prediction). */
  maxRank: number;
  /** 0-based position of the first template ranked below g, or null. */
  firstUnexpected: number | null;
  /** Its rank and template id. */
  unexpected: { rank: number; templateId: string } | null;
  /** Unseen templates too far from every known one (the first few). */
  far: UnseenKey[];
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
  private readonly cache: LRUCache<string, SessionState>;
  private readonly opts: Required<SessionStoreOptions>;
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
    // No `max`: lru-cache would preallocate arrays of that length (the offline store allows
    // 10 million sessions); the count cap is enforced in touch() with pop() instead.
    this.cache = new LRUCache<string, SessionState>({
      maxSize: opts.maxBytes,
      sizeCalculation: (_s, id) => sessionBytes(id, this.keysCapacity),
      dispose: (state, id, reason) => {
        if (reason !== 'evict') return; // 'delete' = taken, expired or cleared here
        this.evictedLru++;
        this.opts.onDrop(id, state, 'evicted');
      },
    });
  }

  /** Returns the session's state, creating it when absent; marks it most recently used. */
  touch(id: string): SessionState {
    const now = this.opts.nowMs();
    // peek: within LRU_GRANULARITY_MS of the last move the LRU is not reordered (eviction
    // order is then exact to that granularity, at half the cost); get() moves it to the end.
    let s = this.cache.peek(id);
    if (s && now - s.touchedMs > this.opts.ttlMs) {
      this.cache.delete(id);
      this.expiredTtl++;
      this.opts.onDrop(id, s, 'idle');
      s = undefined;
    }
    if (s) {
      if (now - s.touchedMs >= LRU_GRANULARITY_MS) {
        this.cache.get(id);
        s.touchedMs = now;
      }
      return s;
    }
    s = newSessionState(now);
    this.cache.set(id, s);
    while (this.cache.size > this.opts.maxSessions) this.cache.pop();
    return s;
  }

  /** Returns the state without creating or touching it (undefined when absent or expired). */
  peek(id: string): SessionState | undefined {
    const s = this.cache.peek(id);
    if (!s || this.opts.nowMs() - s.touchedMs > this.opts.ttlMs) return undefined;
    return s;
  }

  /** Removes a session and returns its state (undefined when absent): the session is closed. */
  take(id: string): SessionState | undefined {
    const s = this.cache.peek(id);
    if (s) this.cache.delete(id);
    return s;
  }

  /** Ids of every live session, least recently used first. */
  ids(): string[] {
    return [...this.cache.rkeys()];
  }

  /** Drops expired sessions from the LRU end (each reported to `onDrop`); call periodically. Returns how many were dropped. */
  sweep(): number {
    const now = this.opts.nowMs();
    const expired: [string, SessionState][] = [];
    for (const [id, s] of this.cache.rentries() as Generator<[string, SessionState]>) {
      if (now - s.touchedMs <= this.opts.ttlMs) break; // LRU order: the rest are newer
      expired.push([id, s]);
    }
    for (const [id, s] of expired) {
      this.cache.delete(id);
      this.opts.onDrop(id, s, 'idle');
    }
    this.expiredTtl += expired.length;
    return expired.length;
  }

  /** Forgets every session (e.g. when a model with another vocabulary starts serving). */
  clear(keysCapacity = this.keysCapacity): void {
    this.cache.clear();
    this.keysCapacity = keysCapacity;
  }

  /** Number of live sessions. */
  get size(): number {
    return this.cache.size;
  }

  /** Current counters. */
  stats(): SessionStoreStats {
    return { sessions: this.cache.size, bytes: this.cache.calculatedSize, evictedLru: this.evictedLru, expiredTtl: this.expiredTtl };
  }
}
