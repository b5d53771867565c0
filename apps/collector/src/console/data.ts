/**
 * Where the console's answers come from: Elasticsearch when it is configured and reachable,
 * else the local anomaly store (flagged documents) and the local index (patterns, examples,
 * sessions of the records this process scored). A failed Elasticsearch query falls back to
 * the local answer with a warning, as `GET /anomalies` does.
 */
import type { Client } from '@elastic/elasticsearch';
import {
  TEMPLATE_GROUP_PREFIX,
  groupKey,
  summarizeGroups,
  type GroupBy,
  type AnomalyGroupSummary,
  type ConsoleSource,
  type LocalIndex,
  type PatternExample,
  type PatternSeries,
  type PatternsQuery,
  type SessionReply,
  type SessionSummary,
} from '@log-sentinel/console-api';
import { searchAnomalyGroups, searchGroupDocuments, searchPatterns, searchTemplateAnomalies, searchSession, searchSessions, searchTemplateExamples } from '@log-sentinel/elastic';
import type { AnomalyKind, ElasticLogDocument } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import type { AnomalyStore } from '../anomaly-store';

/** An answer and its source. */
export type Sourced<T> = { source: ConsoleSource; value: T };

/** What {@link ConsoleData} reads. */
export interface ConsoleDataDeps {
  /** The Elasticsearch client when it is configured and reachable now. */
  elastic(): Client | undefined;
  /** Index prefix. */
  indexPrefix: string;
  /** Flagged documents kept locally. */
  anomalies: AnomalyStore;
  /** Patterns and sessions of the records this process scored. */
  index: LocalIndex;
  /** Logger (warnings on fallback). */
  log: Logger;
}

/** Flagged documents the local store holds at most for one answer. */
const LOCAL_SCAN = 10_000;

/** See the module comment. */
export class ConsoleData {
  /** Wires the sources. */
  constructor(private readonly deps: ConsoleDataDeps) {}

  private async pick<T>(what: string, fromElastic: (c: Client) => Promise<T>, fromLocal: () => T): Promise<Sourced<T>> {
    const client = this.deps.elastic();
    if (client) {
      try {
        return { source: 'elasticsearch', value: await fromElastic(client) };
      } catch (err) {
        this.deps.log.warn({ err: (err as Error).message }, `console: ${what} from Elasticsearch failed; answering from the local store`);
      }
    }
    return { source: 'local', value: fromLocal() };
  }

  /** Alert groups since a time (of one kind, or both), newest last-seen first. */
  groups(since: Date | undefined, limit: number, kind: AnomalyKind | undefined, by: GroupBy): Promise<Sourced<AnomalyGroupSummary[]>> {
    const { indexPrefix, anomalies } = this.deps;
    return this.pick(
      'grouping anomalies',
      (c) => searchAnomalyGroups(c, indexPrefix, { ...(since ? { since } : {}), limit, ...(kind ? { kind } : {}), by }),
      () => summarizeGroups(anomalies.query(since, LOCAL_SCAN, { group: false, ...(kind ? { kind } : {}) }), limit, by),
    );
  }

  /** A group's documents (`anomaly.group`, or `template:<id>` for a template's flagged records), newest first. */
  groupDocuments(group: string, limit: number): Promise<Sourced<ElasticLogDocument[]>> {
    const { indexPrefix, anomalies } = this.deps;
    const templateId = group.startsWith(TEMPLATE_GROUP_PREFIX) ? group.slice(TEMPLATE_GROUP_PREFIX.length) : undefined;
    const by: GroupBy = templateId === undefined ? 'group' : 'template';
    return this.pick(
      'reading an anomaly group',
      (c) => (templateId === undefined ? searchGroupDocuments(c, indexPrefix, group, limit) : searchTemplateAnomalies(c, indexPrefix, templateId, limit)),
      () => anomalies.query(undefined, LOCAL_SCAN, { group: false, ...(templateId === undefined ? {} : { kind: 'record' as const }) }).filter((d) => groupKey(d, by) === group).slice(0, limit),
    );
  }

  /** Per-template volumes. */
  patterns(q: PatternsQuery): Promise<Sourced<PatternSeries[]>> {
    return this.pick('counting patterns', (c) => searchPatterns(c, this.deps.indexPrefix, q), () => this.deps.index.patterns(q));
  }

  /** A template's example lines. */
  examples(templateId: string, limit: number): Promise<Sourced<{ pattern: string | undefined; examples: PatternExample[] }>> {
    return this.pick(
      'reading template examples',
      (c) => searchTemplateExamples(c, this.deps.indexPrefix, templateId, limit),
      () => this.deps.index.examples(templateId, limit) ?? { pattern: undefined, examples: [] },
    );
  }

  /** A session's timeline; undefined value when the session is unknown. */
  session(id: string, limit: number): Promise<Sourced<Omit<SessionReply, 'source'> | undefined>> {
    return this.pick(
      'reading a session',
      (c) => searchSession(c, this.deps.indexPrefix, id, limit),
      () => this.deps.index.sessionTimeline(id),
    );
  }

  /** Recent sessions, flagged first. */
  sessions(since: Date | undefined, limit: number): Promise<Sourced<SessionSummary[]>> {
    return this.pick(
      'listing sessions',
      (c) => searchSessions(c, this.deps.indexPrefix, { ...(since ? { since } : {}), limit }),
      () => this.deps.index.sessionList(limit),
    );
  }
}
