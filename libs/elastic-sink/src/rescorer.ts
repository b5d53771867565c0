/**
 * Re-scores records that reached Elasticsearch as `anomaly.status: "pending"` (the detector
 * was down): once the detector answers, it fetches them oldest first, asks the detector (a
 * dry run: live session state is not changed; a detector still learning leaves them pending),
 * and overwrites each document (same `_id`) with its verdict.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import { indexPattern } from '@log-sentinel/elastic';
import { ES_FIELDS, fromElasticDocument, toElasticDocument } from '@log-sentinel/schema';
import type { Logger } from 'pino';
import type { DeliveryMetrics } from './delivery';
import type { RecordScorer } from './scorer';
import type { ElasticsearchSink, SinkItem } from './sink';

type FieldValue = estypes.FieldValue;

/** Periodic re-scoring of pending documents. */
export class Rescorer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  /** Wires the parts. */
  constructor(
    private readonly client: Client,
    private readonly sink: ElasticsearchSink,
    private readonly detector: RecordScorer,
    private readonly prefix: string,
    private readonly metrics: Pick<DeliveryMetrics, 'rescored'>,
    private readonly log: Logger,
    private readonly intervalMs: number,
    private readonly pageSize = 500,
  ) {}

  /** Starts the periodic pass. */
  start(): void {
    this.timer = setInterval(() => {
      if (!this.running && !this.stopped) this.running = this.pass().then(
        () => undefined,
        (err: unknown) => this.log.warn({ err }, "re-scoring pass failed; retried at the next interval"),
      ).finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  /**
   * One pass: re-scores pending documents, oldest first, until none is left or writing
   * fails. Pages whose records the detectors cannot score now (with several detectors, those
   * of a detector that is down) are stepped over with `search_after`, so they do not block
   * the rest. Returns how many were re-scored.
   */
  async pass(): Promise<number> {
    let total = 0;
    let after: FieldValue[] | undefined;
    while (!this.stopped && this.detector.available) {
      let hits;
      try {
        const res = await this.client.search<unknown>(
          {
            index: indexPattern(this.prefix),
            query: { term: { [ES_FIELDS.status]: 'pending' } },
            sort: [{ [ES_FIELDS.timestamp]: { order: 'asc' } }, { [ES_FIELDS.eventId]: { order: 'asc', missing: '_last' } }],
            size: this.pageSize,
            ignore_unavailable: true,
            allow_no_indices: true,
            ...(after ? { search_after: after } : {}),
          },
          { maxRetries: 0 },
        );
        hits = res.hits.hits;
      } catch {
        break; // Elasticsearch not reachable: the delivery loop reports outages.
      }
      if (hits.length === 0) break;
      after = hits[hits.length - 1].sort;
      const stored = hits.map((h) => ({ hit: h, ...fromElasticDocument(h._source) }));
      // A re-score: a dry run, so these old records are not appended to live session windows.
      const { verdicts, scored } = await this.detector.score(stored.map((s) => s.record), { rescore: true });
      if (scored === 0) {
        if (!after) break;
        continue; // none of this page can be scored now: look further
      }
      const items: SinkItem[] = [];
      stored.forEach((s, i) => {
        if (verdicts[i].status === 'pending') return;
        items.push({ index: s.hit._index, id: s.hit._id ?? s.record.id, docJson: JSON.stringify(toElasticDocument(s.record, verdicts[i])) });
      });
      const results = await this.sink.send(items);
      const ok = results.filter((r) => r.kind === 'ok').length;
      total += ok;
      this.metrics.rescored.inc(ok);
      if (ok < items.length) break;
    }
    if (total) {
      await this.client.indices.refresh({ index: indexPattern(this.prefix), ignore_unavailable: true, allow_no_indices: true }, { maxRetries: 0 }).catch(() => undefined);
      this.log.info({ rescored: total }, 'pending records re-scored');
    }
    return total;
  }

  /** Stops; waits for a pass in progress. Idempotent. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
