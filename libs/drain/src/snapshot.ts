/**
 * Versioned JSON snapshots of a template miner: options, clusters (least recently used first)
 * and the prefix tree, so a restored miner routes and evicts exactly like the original.
 */
import { DrainCore, type Cluster, type TreeNode } from './drain';
import { DrainError } from './errors';
import { resolveDrainOptions, type DrainOptions, type GenericRule } from './options';

/** Identifies a Drain snapshot. */
export const SNAPSHOT_FORMAT = 'log-sentinel.drain';
/** Current snapshot version; restore accepts this version. */
export const SNAPSHOT_VERSION = 1;

/** A tree node in a snapshot: `[token, child]` pairs and leaf cluster ids. */
export interface SnapshotNode {
  /** Children as `[token, node]` pairs. */
  children: [string, SnapshotNode][];
  /** Cluster ids at this leaf. */
  clusterIds: number[];
}

/** Version 1 of the snapshot format (plain JSON data). */
export interface DrainSnapshot {
  /** Always {@link SNAPSHOT_FORMAT}. */
  format: typeof SNAPSHOT_FORMAT;
  /** Always {@link SNAPSHOT_VERSION} when written by this version. */
  version: typeof SNAPSHOT_VERSION;
  /** Options the miner ran with. */
  options: DrainOptions;
  /** Last cluster id handed out. */
  lastId: number;
  /** Clusters evicted so far. */
  evicted: number;
  /** Messages added so far. */
  messages: number;
  /** Clusters, least recently used first. */
  clusters: { id: number; tokens: string[]; size: number }[];
  /** First tree layer: `[tokenCount, node]` pairs. */
  tree: [number, SnapshotNode][];
  /** `[clusterId, templateId]` pairs, so template ids survive a restore (absent in older snapshots: each cluster is its own template). */
  groups?: [number, number][];
  /** `[constantSkeleton, templateId]` pairs: which template a new cluster with that skeleton joins (optional). */
  skeletons?: [string, number][];
}

function nodeToJson(node: TreeNode): SnapshotNode {
  return {
    children: [...node.children].map(([k, v]) => [k, nodeToJson(v)] as [string, SnapshotNode]),
    clusterIds: node.clusterIds.slice(),
  };
}

/** Captures a core's state. */
export function writeSnapshot(
  core: DrainCore,
  options: DrainOptions,
  messages: number,
  groups: Iterable<[number, number]> = [],
  skeletons: Iterable<[string, number]> = [],
): DrainSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    options: { ...options, extraMasks: options.extraMasks.map((m) => ({ ...m })), disabledRules: options.disabledRules.slice(), enabledRules: options.enabledRules.slice(), extraDelimiters: options.extraDelimiters.slice() },
    lastId: core.lastId,
    evicted: core.evicted,
    messages,
    clusters: [...core.lruOrder()].map((c) => ({ id: c.id, tokens: c.tokens.slice(), size: c.size })),
    tree: [...core.root].map(([n, node]) => [n, nodeToJson(node)] as [number, SnapshotNode]),
    groups: [...groups].filter(([id]) => core.clusters.has(id)).map(([id, group]) => [id, group] as [number, number]),
    skeletons: [...skeletons].map(([key, group]) => [key, group] as [string, number]),
  };
}

/** Generic rules added after the first snapshots: a snapshot without rule lists did not apply them. */
const RULES_ADDED_LATER: GenericRule[] = ['queryPaths', 'bracketed', 'requestLines'];

/**
 * Options of a snapshot as its writer applied them: a snapshot from before these options existed
 * routed digit tokens by value, did not split on value changes and knew none of
 * {@link RULES_ADDED_LATER}, so a restored model
 * masks and routes exactly as when it was trained.
 */
function asWritten(options: unknown): Partial<DrainOptions> | undefined {
  if (typeof options !== 'object' || options === null) return options as undefined;
  const o = { ...(options as Partial<DrainOptions>) };
  if (!('parametrizeNumericTokens' in o)) o.parametrizeNumericTokens = false;
  if (!('splitOnValueChange' in o)) o.splitOnValueChange = false;
  if (!('enabledRules' in o)) o.disabledRules = [...(Array.isArray(o.disabledRules) ? o.disabledRules : []), ...RULES_ADDED_LATER];
  return o;
}

function bad(message: string): never {
  throw new DrainError('BAD_SNAPSHOT', `invalid Drain snapshot: ${message}`);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** A validated snapshot, ready to load into a fresh core. */
export interface LoadedSnapshot {
  /** Options to construct the miner with. */
  options: DrainOptions;
  /** Messages counter. */
  messages: number;
  /** `[clusterId, templateId]` pairs (empty for older snapshots). */
  groups: [number, number][];
  /** Skeleton → template id pairs; undefined in snapshots that lack them (rebuilt from the clusters). */
  skeletons: [string, number][] | undefined;
  /** Fills an empty core with the snapshot's clusters and tree. */
  load(core: DrainCore): void;
}

/** Validates snapshot data; throws DrainError('BAD_SNAPSHOT') naming what is wrong. */
export function readSnapshot(data: unknown): LoadedSnapshot {
  if (typeof data !== 'object' || data === null) bad('not an object');
  const s = data as Partial<DrainSnapshot>;
  if (s.format !== SNAPSHOT_FORMAT) bad(`format is ${JSON.stringify(s.format)}, expected "${SNAPSHOT_FORMAT}"`);
  if (s.version !== SNAPSHOT_VERSION) bad(`unsupported version ${JSON.stringify(s.version)} (this build reads ${SNAPSHOT_VERSION})`);
  let options: DrainOptions;
  try {
    options = resolveDrainOptions(asWritten(s.options));
  } catch (err) {
    throw new DrainError('BAD_SNAPSHOT', `invalid Drain snapshot: ${(err as Error).message}`, { cause: err });
  }
  if (!isCount(s.lastId) || !isCount(s.evicted) || !isCount(s.messages)) bad('lastId, evicted and messages must be counts');
  if (!Array.isArray(s.clusters) || !Array.isArray(s.tree)) bad('clusters and tree must be arrays');
  const clusters = new Map<number, Cluster>();
  for (const c of s.clusters as unknown[]) {
    const cc = c as Partial<Cluster>;
    if (typeof c !== 'object' || c === null || !isCount(cc.id) || cc.id < 1 || cc.id > s.lastId!) bad('a cluster has a bad id');
    if (!Array.isArray(cc.tokens) || !cc.tokens.every((t) => typeof t === 'string')) bad(`cluster ${cc.id} has bad tokens`);
    if (!isCount(cc.size)) bad(`cluster ${cc.id} has a bad size`);
    if (clusters.has(cc.id)) bad(`cluster ${cc.id} appears twice`);
    clusters.set(cc.id, { id: cc.id, tokens: cc.tokens.slice(), size: cc.size });
  }
  if (clusters.size > options.maxClusters) bad('more clusters than maxClusters');
  const leaves = new Map<number, { node: TreeNode; len: number }>();
  const build = (j: unknown, len: number, depth: number): TreeNode => {
    const sn = j as Partial<SnapshotNode>;
    if (typeof j !== 'object' || j === null || !Array.isArray(sn.children) || !Array.isArray(sn.clusterIds)) bad('a tree node is malformed');
    if (depth > options.depth) bad('the tree is deeper than the depth option');
    const node: TreeNode = { children: new Map(), clusterIds: [] };
    for (const pair of sn.children as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') bad('a tree edge is malformed');
      node.children.set(pair[0] as string, build(pair[1], len, depth + 1));
    }
    for (const id of sn.clusterIds as unknown[]) {
      if (!isCount(id) || !clusters.has(id)) bad(`the tree names unknown cluster ${JSON.stringify(id)}`);
      if (leaves.has(id)) bad(`cluster ${id} sits in two leaves`);
      if (clusters.get(id)!.tokens.length !== len) bad(`cluster ${id} sits under the wrong token count`);
      leaves.set(id, { node, len });
      node.clusterIds.push(id);
    }
    return node;
  };
  const root = new Map<number, TreeNode>();
  for (const pair of s.tree as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isCount(pair[0])) bad('a first-layer entry is malformed');
    if (root.has(pair[0] as number)) bad(`token count ${pair[0]} appears twice`);
    root.set(pair[0] as number, build(pair[1], pair[0] as number, 1));
  }
  for (const id of clusters.keys()) if (!leaves.has(id)) bad(`cluster ${id} is in no leaf`);
  const groups: [number, number][] = [];
  if (s.groups !== undefined) {
    if (!Array.isArray(s.groups)) bad('groups must be an array');
    for (const pair of s.groups as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || !isCount(pair[0]) || !isCount(pair[1]) || !clusters.has(pair[0] as number)) {
        bad('a groups entry is malformed or names an unknown cluster');
      }
      groups.push([pair[0] as number, pair[1] as number]);
    }
  }
  let skeletons: [string, number][] | undefined;
  if (s.skeletons !== undefined) {
    if (!Array.isArray(s.skeletons)) bad('skeletons must be an array');
    skeletons = [];
    for (const pair of s.skeletons as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || !isCount(pair[1])) bad('a skeletons entry is malformed');
      skeletons.push([pair[0] as string, pair[1] as number]);
    }
  }
  const lastId = s.lastId!;
  const evicted = s.evicted!;
  return {
    options,
    messages: s.messages!,
    groups,
    skeletons,
    load(core: DrainCore): void {
      for (const [n, node] of root) core.root.set(n, node);
      for (const c of clusters.values()) core.restoreCluster(c, leaves.get(c.id)!.node);
      core.lastId = lastId;
      core.evicted = evicted;
    },
  };
}
