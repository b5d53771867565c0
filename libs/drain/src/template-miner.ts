/**
 * The template miner: generic masking + Drain + parameter extraction + snapshots. This is the
 * entry point callers use; {@link DrainCore} is the bare algorithm.
 */
import type { AsciiTokenizer } from './ascii-tokenizer';
import { DrainCore, MATCH_STRATEGIES, type ChangeType, type Cluster, type MatchStrategy } from './drain';
import { DrainError } from './errors';
import { ParameterExtractor, type ExtractedParameter } from './extract-parameters';
import { Masker, PARAM, type MaskedMessage } from './masking';
import { resolveDrainOptions, type DrainOptions } from './options';
import { readSnapshot, writeSnapshot, type DrainSnapshot } from './snapshot';

/** A read-only view of one cluster. */
export interface TemplateInfo {
  /** Stable numeric cluster id. */
  id: number;
  /**
   * Stable template id (what `log-sentinel parse` prints as `template_id`): the id of the first
   * cluster with the same constant tokens, so clusters that differ only in how many parameters
   * they hold (variable-length values) share one template id. Fixed when the cluster is created.
   */
  templateId: string;
  /** {@link TemplateInfo.templateId} as a number. */
  groupId: number;
  /** Template text, tokens joined by one space, `<*>` for parameters. */
  template: string;
  /** Messages absorbed so far. */
  size: number;
}

/** Result of {@link TemplateMiner.add}: the cluster, what changed, and this message's parameters. */
export interface AddResult {
  /** The cluster the message joined or created. */
  cluster: TemplateInfo;
  /** `created` (new cluster), `updated` (template generalised) or `none`. */
  change: ChangeType;
  /** Values of the template's `<*>`s for this message, left to right. */
  params: string[];
  /** True when every parameter is printable ASCII without `"` or `\` (JSON needs no escaping); false when not, or not known. */
  plain: boolean;
}

/** Result of {@link TemplateMiner.match}: the matching cluster and the message's parameters. */
export interface MatchResult {
  /** The matching cluster. */
  cluster: TemplateInfo;
  /** Values of the template's `<*>`s for this message, left to right. */
  params: string[];
}

/** Counters of a miner. */
export interface MinerStats {
  /** Clusters currently held. */
  clusters: number;
  /** Clusters evicted by the LRU bound. */
  evicted: number;
  /** Messages added. */
  messages: number;
}

/** Learns templates online from messages (the content part of log lines). */
export class TemplateMiner {
  /** The resolved options (defaults filled in). */
  readonly options: DrainOptions;
  private readonly core: DrainCore;
  private readonly masker: Masker;
  private readonly extractor: ParameterExtractor;
  private readonly views = new Map<number, TemplateInfo>();
  private readonly scratch: MaskedMessage = { tokens: [], originals: [], inner: [] };
  /** Cluster id → template (group) id. */
  private readonly groupOf = new Map<number, number>();
  /** Constant-token skeleton → template (group) id. */
  private readonly skeletons = new Map<string, number>();
  private messages = 0;

  constructor(options: Partial<DrainOptions> = {}) {
    this.options = resolveDrainOptions(options);
    this.core = new DrainCore(this.options);
    this.masker = new Masker(this.options);
    this.extractor = new ParameterExtractor(this.options.extraMasks, this.options.extraDelimiters);
  }

  /** Adds a message: learns from it and returns its cluster, the change and its parameters. */
  add(content: string): AddResult {
    return this.addMasked(this.masker.maskInto(content, this.scratch));
  }

  /**
   * {@link TemplateMiner.add} for a message whose text also lies in `tokenizer.input` between
   * byte offsets `from` and `to` (with only whitespace around it there, e.g. the line it was cut
   * from): an ASCII message is tokenised in WebAssembly. Same result as `add(content)`, which
   * serves every other message.
   */
  addAscii(content: string, tokenizer: AsciiTokenizer, from: number, to: number): AddResult {
    return this.addMasked(this.masker.maskAscii(content, tokenizer, from, to, this.scratch));
  }

  private addMasked(masked: MaskedMessage): AddResult {
    const { cluster, change } = this.core.add(masked.tokens);
    this.messages++;
    if (change !== 'none') {
      this.views.delete(cluster.id);
      this.assignGroup(cluster, change === 'created');
    }
    return { cluster: this.info(cluster), change, params: extractParams(masked, cluster.tokens), plain: masked.plain === true };
  }

  /**
   * Finds the cluster of a message without learning; undefined when no template fits. A typed
   * placeholder (`<IP>`) accepts only a token its mask matched. `strategy` (Drain3's
   * `full_search_strategy`): `never` (default) follows the prefix tree only, `fallback` searches
   * every cluster of the same length when the tree finds none, `always` searches them all.
   */
  match(content: string, strategy: MatchStrategy = 'never'): MatchResult | undefined {
    if (!MATCH_STRATEGIES.includes(strategy)) {
      throw new DrainError('BAD_OPTION', `match strategy must be one of ${MATCH_STRATEGIES.join(', ')}, got ${JSON.stringify(strategy)}`);
    }
    const masked = this.masker.maskInto(content, this.scratch);
    const cluster = this.core.match(masked.tokens, strategy);
    if (cluster === undefined) return undefined;
    return { cluster: this.info(cluster), params: extractParams(masked, cluster.tokens) };
  }

  /**
   * The parameters of `content` under any `template` (Drain3's `extract_parameters`), left to
   * right with their mask names (`*` for `<*>`), or undefined when the message does not fit.
   * `exact`: a typed placeholder such as `<IP>` accepts only what a mask named `IP` matches
   * (otherwise anything, like `<*>`).
   */
  extractParameters(template: string, content: string, exact = false): ExtractedParameter[] | undefined {
    return this.extractor.extract(template, content, exact);
  }

  /** Masks and tokenises a message the way the miner sees it (for inspection and tests). */
  mask(content: string): MaskedMessage {
    return this.masker.mask(content);
  }

  /** One cluster by id, or undefined (never created, or evicted). */
  get(id: number): TemplateInfo | undefined {
    const c = this.core.clusters.get(id);
    return c === undefined ? undefined : this.info(c);
  }

  /** All clusters, least recently used first. */
  clusters(): TemplateInfo[] {
    return [...this.core.lruOrder()].map((c) => this.info(c));
  }

  /** Counters. */
  stats(): MinerStats {
    return { clusters: this.core.clusters.size, evicted: this.core.evicted, messages: this.messages };
  }

  /** The whole state as versioned, JSON-serialisable data (see {@link TemplateMiner.restore}). */
  snapshot(): DrainSnapshot {
    return writeSnapshot(this.core, this.options, this.messages, this.groupOf, this.skeletons);
  }

  /** Rebuilds a miner from {@link TemplateMiner.snapshot} output (a parsed object or JSON text). */
  static restore(snapshot: unknown): TemplateMiner {
    const data = readSnapshot(typeof snapshot === 'string' ? parseJson(snapshot) : snapshot);
    const miner = new TemplateMiner(data.options);
    data.load(miner.core);
    miner.messages = data.messages;
    for (const [id, group] of data.groups) miner.groupOf.set(id, group);
    // Skeleton → template id, as the original had it, so new clusters join the same templates.
    for (const [key, group] of data.skeletons ?? []) miner.skeletons.set(key, group);
    if (data.skeletons === undefined) for (const c of [...miner.core.clusters.values()].sort((a, b) => a.id - b.id)) {
      const key = skeleton(c.tokens);
      if (key !== undefined && !miner.skeletons.has(key)) miner.skeletons.set(key, miner.groupOf.get(c.id) ?? c.id);
    }
    return miner;
  }

  /** Records the cluster's skeleton; a new cluster joins the group already holding that skeleton. */
  private assignGroup(c: Cluster, created: boolean): void {
    const key = skeleton(c.tokens);
    let group = created ? undefined : this.groupOf.get(c.id);
    if (group === undefined) {
      group = (key === undefined ? undefined : this.skeletons.get(key)) ?? c.id;
      this.groupOf.set(c.id, group);
    }
    if (key !== undefined && !this.skeletons.has(key)) this.skeletons.set(key, group);
    const limit = 2 * this.options.maxClusters + 1024;
    if (this.groupOf.size > limit || this.skeletons.size > limit) this.pruneGroups();
  }

  /** Drops group entries of evicted clusters and skeletons no live cluster has. */
  private pruneGroups(): void {
    for (const id of this.groupOf.keys()) if (!this.core.clusters.has(id)) this.groupOf.delete(id);
    const live = new Map<string, number>();
    for (const c of this.core.clusters.values()) {
      const key = skeleton(c.tokens);
      if (key !== undefined && !live.has(key)) live.set(key, this.skeletons.get(key) ?? this.groupOf.get(c.id) ?? c.id);
    }
    this.skeletons.clear();
    for (const [k, v] of live) this.skeletons.set(k, v);
  }

  private info(c: Cluster): TemplateInfo {
    let view = this.views.get(c.id);
    if (view === undefined) {
      view = clusterView(c, this.groupOf.get(c.id) ?? c.id);
      this.views.set(c.id, view);
      if (this.views.size > this.core.clusters.size * 2 + 1024) this.pruneViews();
    }
    return view;
  }

  private pruneViews(): void {
    for (const id of this.views.keys()) if (!this.core.clusters.has(id)) this.views.delete(id);
  }
}

/** {@link TemplateInfo} of one cluster, cached until its template changes; `size` stays live. */
/**
 * Creates the {@link TemplateInfo} of a cluster: plain own fields (so spreading or serialising
 * it keeps them all), with `size` an own enumerable getter that stays live.
 */
function clusterView(cluster: Cluster, groupId: number): TemplateInfo {
  const view = { id: cluster.id, templateId: String(groupId), groupId, template: cluster.tokens.join(' '), size: 0 };
  Object.defineProperty(view, 'size', { enumerable: true, get: () => cluster.size });
  return view;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DrainError('BAD_SNAPSHOT', `snapshot is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** The constant tokens of a template (tokens holding `<*>` left out), or undefined when there are none. */
function skeleton(tokens: readonly string[]): string | undefined {
  let key = '';
  let constants = 0;
  for (const t of tokens) {
    if (t.indexOf(PARAM) >= 0) continue;
    key += constants === 0 ? t : ' ' + t;
    constants++;
  }
  return constants === 0 ? undefined : key;
}

/** The values of the template's `<*>`s in a masked message, left to right. */
export function extractParams(masked: MaskedMessage, template: readonly string[]): string[] {
  const out: string[] = [];
  const { tokens, originals, inner } = masked;
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    if (t === PARAM) out.push(originals[i]!);
    else {
      const values = inner[i];
      if (values !== null && values !== undefined && t === tokens[i]) for (const v of values) out.push(v);
    }
  }
  return out;
}
