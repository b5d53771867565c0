/**
 * A consistent-hash ring with virtual nodes: each node owns `virtualNodes` points on a
 * 32-bit circle and a key belongs to the first point at or after its hash. Adding or
 * removing one node moves only the keys of the points it gains or loses (about 1/N).
 * Deterministic: every collector with the same node names maps every key the same way.
 */

import { CodedError } from '@log-sentinel/coded-error';

/** Virtual nodes per node when none is given: enough for a spread within a few percent. */
export const DEFAULT_VIRTUAL_NODES = 160;

/** 32-bit hash of a string: FNV-1a over its UTF-16 code units, then murmur3's finaliser for avalanche. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Bad ring configuration (no nodes, duplicate names, bad virtual node count). */
export class HashRingError extends CodedError<'HASH_RING_INVALID'> {
  /** Message names the problem (the code is always `HASH_RING_INVALID`). */
  constructor(message: string) {
    super('HASH_RING_INVALID', message);
  }
}

/** Consistent-hash ring over named nodes; see the module comment. */
export class HashRing {
  /** Node names, in the order given. */
  readonly nodes: readonly string[];
  private readonly points: Uint32Array;
  private readonly owners: Uint32Array;

  /** Builds the ring; throws {@link HashRingError} on no nodes, duplicates or a bad `virtualNodes`. */
  constructor(nodes: readonly string[], virtualNodes: number = DEFAULT_VIRTUAL_NODES) {
    if (nodes.length === 0) throw new HashRingError('a hash ring needs at least one node');
    if (new Set(nodes).size !== nodes.length) throw new HashRingError(`duplicate node in ${JSON.stringify(nodes)}`);
    if (!Number.isInteger(virtualNodes) || virtualNodes < 1) throw new HashRingError(`virtualNodes must be a positive integer, got ${virtualNodes}`);
    this.nodes = [...nodes];
    const all: Array<{ point: number; owner: number }> = [];
    nodes.forEach((name, owner) => {
      for (let v = 0; v < virtualNodes; v++) all.push({ point: hash32(`${name}#${v}`), owner });
    });
    // Ties (two points on one position) go to the smaller node name, whatever the node order.
    all.sort((a, b) => a.point - b.point || (nodes[a.owner] < nodes[b.owner] ? -1 : nodes[a.owner] > nodes[b.owner] ? 1 : 0));
    this.points = Uint32Array.from(all, (p) => p.point);
    this.owners = Uint32Array.from(all, (p) => p.owner);
  }

  /** Index (into {@link nodes}) of the node owning `key`. */
  ownerIndex(key: string): number {
    if (this.nodes.length === 1) return 0;
    const h = hash32(key);
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    return this.owners[lo === this.points.length ? 0 : lo];
  }

  /** Name of the node owning `key`. */
  owner(key: string): string {
    return this.nodes[this.ownerIndex(key)];
  }
}
