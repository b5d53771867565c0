/**
 * The Drain algorithm (He et al., ICWS'17) on token sequences: a fixed-depth prefix tree keyed
 * by token count and leading tokens routes a message to a few candidate clusters; the most
 * similar one above the threshold absorbs it (its template generalises with `<*>`), otherwise a
 * new cluster starts. Clusters are bounded by an LRU. Pure: no masking, no I/O.
 */
import { PARAM } from './masking';

/** One template cluster. `id` never changes, even as the template generalises. */
export interface Cluster {
  /** Stable numeric id (1, 2, …) in creation order. */
  readonly id: number;
  /** Template tokens; `<*>` marks a parameter. */
  tokens: string[];
  /** Number of messages absorbed. */
  size: number;
}

/** What adding a message did to its cluster. */
export type ChangeType = 'created' | 'updated' | 'none';

/** Inner node of the prefix tree. Leaves hold cluster ids. */
export interface TreeNode {
  /** Children by token (`<*>` is the wildcard child). */
  children: Map<string, TreeNode>;
  /** Clusters at this leaf (empty for inner nodes). */
  clusterIds: number[];
}

/** Parameters of the core algorithm (Drain3's names in brackets). */
export interface DrainCoreOptions {
  /** Tree depth counting root and leaf (`depth`). */
  depth: number;
  /** Similarity a message needs to join a cluster (`sim_th`). */
  simThreshold: number;
  /** Children per inner node before tokens share the `<*>` child (`max_children`). */
  maxChildren: number;
  /** Clusters kept; the least recently used is evicted beyond it (`max_clusters`). */
  maxClusters: number;
  /** Tokens holding a digit are routed through the `<*>` child (`parametrize_numeric_tokens`; default false here). */
  parametrizeNumericTokens?: boolean;
  /** A `key=value` constant held by 5+ messages that now has another value counts against the match (default false here). */
  splitOnValueChange?: boolean;
}

/**
 * How {@link DrainCore.match} looks for a cluster (Drain3's `full_search_strategy`): `never`
 * follows the prefix tree only; `fallback` searches every cluster of the message's length when
 * the tree finds none; `always` searches every cluster of that length.
 */
export type MatchStrategy = 'never' | 'fallback' | 'always';

/** The match strategies, for validation. */
export const MATCH_STRATEGIES: readonly MatchStrategy[] = ['never', 'fallback', 'always'];

/** True when the token holds an ASCII digit. */
function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Messages after which a cluster's constant tokens count as established (see similarity). */
const ESTABLISHED_AFTER = 50;

/** Messages after which a constant `key=value` token counts as established (see similarity). */
const KEY_VALUE_ESTABLISHED_AFTER = 5;

/** True when two different tokens are `key=…` with the same non-empty key (`user=root`, `user=guest`). */
function sameKey(a: string, b: string): boolean {
  const eq = a.indexOf('=');
  return eq > 0 && b.length > eq && b.charCodeAt(eq) === 61 && a.startsWith(b.slice(0, eq));
}

/** A cluster linked into the LRU list. */
interface LruCluster extends Cluster {
  older: LruCluster | undefined;
  newer: LruCluster | undefined;
}

function newNode(): TreeNode {
  return { children: new Map(), clusterIds: [] };
}

/** Core Drain state: the tree, the clusters (in least-recently-used order) and the id counter. */
export class DrainCore {
  /** First tree layer: token count → node. */
  readonly root = new Map<number, TreeNode>();
  /** Clusters by id (see {@link DrainCore.lruOrder} for recency). */
  readonly clusters = new Map<number, Cluster>();
  private oldest: LruCluster | undefined;
  private newest: LruCluster | undefined;
  /** Leaf holding each cluster. */
  private readonly leafOf = new Map<number, TreeNode>();
  /** Last id handed out. */
  lastId = 0;
  /** Clusters evicted by the LRU bound so far. */
  evicted = 0;
  private readonly maxNodeDepth: number;
  /** Whether the last best() winner's constants all equal the message (nothing to generalise). */
  private bestExact = false;

  constructor(readonly opts: DrainCoreOptions) {
    this.maxNodeDepth = opts.depth - 2;
  }

  /** Adds a message; returns its cluster and what changed. */
  add(tokens: string[]): { cluster: Cluster; change: ChangeType } {
    const found = this.search(tokens, this.opts.simThreshold, false);
    if (found === undefined) {
      const cluster: LruCluster = { id: ++this.lastId, tokens: tokens.slice(), size: 1, older: undefined, newer: undefined };
      this.clusters.set(cluster.id, cluster);
      this.append(cluster);
      this.insert(cluster);
      this.enforceBound();
      return { cluster, change: 'created' };
    }
    found.size++;
    this.touch(found as LruCluster);
    if (this.bestExact) return { cluster: found, change: 'none' };
    const t = found.tokens;
    let changed = false;
    for (let i = 0; i < t.length; i++) {
      if (t[i] !== tokens[i] && t[i] !== PARAM) {
        t[i] = PARAM;
        changed = true;
      }
    }
    return { cluster: found, change: changed ? 'updated' : 'none' };
  }

  /**
   * Finds the cluster a message belongs to without learning: every constant template token must
   * equal the message's token (`<*>` matches anything; a typed placeholder such as `<IP>` is a
   * constant, so only a token masked the same way matches it).
   */
  match(tokens: string[], strategy: MatchStrategy = 'never'): Cluster | undefined {
    if (strategy === 'always') return this.fullSearch(tokens);
    const found = this.search(tokens, 1, true);
    return found === undefined && strategy === 'fallback' ? this.fullSearch(tokens) : found;
  }

  /** Ids of every cluster holding messages of `length` tokens, in tree order. */
  clusterIdsOfLength(length: number): number[] {
    const ids: number[] = [];
    const node = this.root.get(length);
    if (node === undefined) return ids;
    const stack: TreeNode[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const id of n.clusterIds) ids.push(id);
      const children = [...n.children.values()];
      for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
    }
    return ids;
  }

  private fullSearch(tokens: string[]): Cluster | undefined {
    return this.best(this.clusterIdsOfLength(tokens.length), tokens, 1, true);
  }

  /** Re-creates a cluster from a snapshot at a given leaf path (used by restore). */
  restoreCluster(cluster: Cluster, leaf: TreeNode): void {
    const c: LruCluster = { id: cluster.id, tokens: cluster.tokens, size: cluster.size, older: undefined, newer: undefined };
    this.clusters.set(c.id, c);
    this.append(c);
    this.leafOf.set(c.id, leaf);
  }

  /** Clusters, least recently used first. */
  *lruOrder(): IterableIterator<Cluster> {
    for (let c = this.oldest; c !== undefined; c = c.newer) yield c;
  }

  /** Leaf of a cluster (for snapshots). */
  leaf(id: number): TreeNode | undefined {
    return this.leafOf.get(id);
  }

  private append(c: LruCluster): void {
    c.older = this.newest;
    c.newer = undefined;
    if (this.newest !== undefined) this.newest.newer = c;
    else this.oldest = c;
    this.newest = c;
  }

  private unlink(c: LruCluster): void {
    if (c.older !== undefined) c.older.newer = c.newer;
    else this.oldest = c.newer;
    if (c.newer !== undefined) c.newer.older = c.older;
    else this.newest = c.older;
    c.older = c.newer = undefined;
  }

  private touch(c: LruCluster): void {
    if (c === this.newest) return;
    this.unlink(c);
    this.append(c);
  }

  private enforceBound(): void {
    while (this.clusters.size > this.opts.maxClusters && this.oldest !== undefined) {
      const victim = this.oldest;
      this.unlink(victim);
      this.clusters.delete(victim.id);
      const leaf = this.leafOf.get(victim.id);
      this.leafOf.delete(victim.id);
      if (leaf) {
        const k = leaf.clusterIds.indexOf(victim.id);
        if (k >= 0) leaf.clusterIds.splice(k, 1);
      }
      this.evicted++;
    }
  }

  private search(tokens: string[], simThreshold: number, includeParams: boolean): Cluster | undefined {
    const n = tokens.length;
    let node = this.root.get(n);
    if (node === undefined) return undefined;
    if (n === 0) {
      const id = node.clusterIds[0];
      return id === undefined ? undefined : this.clusters.get(id);
    }
    let depth = 1;
    for (const token of tokens) {
      if (depth >= this.maxNodeDepth || depth >= n) break;
      const next: TreeNode | undefined = node.children.get(token) ?? node.children.get(PARAM);
      if (next === undefined) return undefined;
      node = next;
      depth++;
    }
    return this.best(node.clusterIds, tokens, simThreshold, includeParams);
  }

  private best(ids: number[], tokens: string[], simThreshold: number, includeParams: boolean): Cluster | undefined {
    let best: Cluster | undefined;
    let bestSim = -1;
    let bestParams = -1;
    const n = tokens.length;
    for (const id of ids) {
      const c = this.clusters.get(id);
      if (c === undefined) continue;
      const t = c.tokens;
      // Similarity: template constants equal to the message's tokens, plus message values
      // (masked) under template parameters. A constant that held for many messages and now
      // differs counts against the match: long-established constants are rarely variables.
      const established = c.size >= ESTABLISHED_AFTER;
      const keyValues = this.opts.splitOnValueChange === true;
      let same = 0;
      let params = 0;
      let values = 0;
      let equal = 0;
      for (let i = 0; i < n; i++) {
        const a = t[i];
        const b = tokens[i];
        if (a === PARAM) {
          params++;
          if (b === PARAM) values++;
        } else if (a === b) {
          same++;
          equal++;
        }
        else if ((established || (keyValues && c.size >= KEY_VALUE_ESTABLISHED_AFTER && sameKey(a, b))) && b.indexOf(PARAM) < 0 && a.indexOf(PARAM) < 0) same--;
      }
      const sim = n === 0 ? 1 : (includeParams ? same + params : same + values) / n;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = c;
        bestSim = sim;
        bestParams = params;
        this.bestExact = equal === n - params;
      }
    }
    return bestSim >= simThreshold ? best : undefined;
  }

  private insert(cluster: Cluster): void {
    const tokens = cluster.tokens;
    const n = tokens.length;
    let node: TreeNode | undefined = this.root.get(n);
    if (node === undefined) {
      node = newNode();
      this.root.set(n, node);
    }
    let depth = 1;
    const numeric = this.opts.parametrizeNumericTokens === true;
    for (const t of tokens) {
      if (depth >= this.maxNodeDepth || depth >= n) break;
      const token = numeric && hasDigit(t) ? PARAM : t;
      let next: TreeNode | undefined = node.children.get(token);
      if (next === undefined) {
        const max = this.opts.maxChildren;
        const size = node.children.size;
        if (token === PARAM) {
          next = newNode();
          node.children.set(PARAM, next);
        } else if (node.children.has(PARAM)) {
          if (size < max) {
            next = newNode();
            node.children.set(token, next);
          } else next = node.children.get(PARAM)!;
        } else if (size + 1 < max) {
          next = newNode();
          node.children.set(token, next);
        } else {
          next = newNode();
          node.children.set(PARAM, next);
        }
      }
      node = next;
      depth++;
    }
    node.clusterIds.push(cluster.id);
    this.leafOf.set(cluster.id, node);
  }
}
