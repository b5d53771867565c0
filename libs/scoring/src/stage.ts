/**
 * The scoring stage: the one place a record is scored. It reads the intake spool oldest
 * first, asks the detector once per record (the client batches per detector and routes each
 * session to its detector), and hands (record, verdict) on: appended to the scored spool
 * that Elasticsearch delivery drains (when there is one) and given to the local sinks. An
 * intake batch is acknowledged only once its output is fsynced, so a crash replays it — all
 * but what the scored spool shows was written already (see `skipScoredBeforeCrash`).
 *
 * While the detector cannot score, the stage holds its position (intake keeps answering;
 * the intake spool bounds the backlog) for `holdMs`; past that, records are written with
 * `anomaly.status: "pending"` and also appended to the pending spool, which
 * {@link PendingRescorer} scores later as dry runs — from the spool, never from a search.
 */
import { fromElasticDocument, pendingVerdict, type AnomalyVerdict, type ElasticLogDocument, type LogRecord } from '@log-sentinel/schema';
import { decodeSpoolRecord, encodeSpoolRecord, intakePositionOf, withIntakePosition, type Spool, type SpoolBatch } from '@log-sentinel/spool';
import type { IntakeSource } from './intake-source';
import type { Logger } from 'pino';
import type { SessionVerdict } from '@log-sentinel/schema';
import type { RecordScorer } from './scorer';
import { OutputWriter, type StageOutput } from './output';
import { PendingRescorer } from './pending-rescorer';
import { SessionVerdictSpooler } from './session-verdicts';

/** A counter (a prom-client `Counter` fits). */
export interface CountMetric {
  /** Adds `value` (default 1). */
  inc(value?: number): void;
}

/** Counters the stage updates. */
export interface StageMetrics {
  /** Records written with `anomaly.status: "pending"` (the detector did not answer within the hold). */
  pending: CountMetric;
  /** Records the detector flagged. */
  flagged: CountMetric;
  /** Pending records scored later (dry runs from the pending spool). */
  rescored: CountMetric;
  /** Closed-session verdicts written, by `flagged` (`true`/`false`). */
  sessionVerdicts: { inc(labels: { flagged: string }, value?: number): void };
}

/** The parts the stage connects. */
export interface ScoringStageParts {
  /** The spool intake appends to (read oldest first; a batch is acknowledged once its output is durable). */
  intake: IntakeSource;
  /** Where results go. */
  output: StageOutput;
  /** Records written as pending, kept for the dry-run re-score (with a detector). */
  pending?: Spool;
  /** The detector client; undefined = no scoring (records written as pending). */
  scorer?: RecordScorer;
  /** Counters. */
  metrics: StageMetrics;
  /** The stage's logger. */
  log: Logger;
}

/** Options of {@link ScoringStage}. */
export interface ScoringStageOptions {
  /** Records read from the intake spool per step. */
  batchRecords: number;
  /** Payload bytes read per step; keep it well below the scored spool's size bound (a step is appended whole, with its verdicts). */
  batchBytes: number;
  /** How long the stage holds its position while the detector cannot score, before writing records as pending (ms; 0 = at once). */
  holdMs: number;
  /** First delay between attempts while holding (doubled up to 2 s). */
  retryMs: number;
  /** How often the pending spool is scored again (ms). */
  rescoreIntervalMs: number;
  /**
   * Once records arrive in an empty intake spool, how long the stage waits for more before it
   * reads a step (ms; default 0). Without it every intake group commit becomes a step of its
   * own, with its own fsync of the scored spool competing with intake's on the same disk.
   */
  lingerMs?: number;
}

/**
 * Records decoded or encoded between two turns of the event loop. The stage shares the loop
 * with intake: a `POST /logs` that arrives while a step of 2,000 records is decoded would
 * otherwise wait for all of it (tens of ms) before its own reply.
 */
const SLICE_RECORDS = 64;

/** Lets the I/O that queued up (intake requests, fsync completions) run before the next slice. */
function yieldToIntake(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A record read from the intake spool. */
interface Entry {
  /** The stored payload, forwarded unchanged when not re-encoded. */
  payload: string | Buffer;
  /** The parsed document (undefined when the payload is unreadable: delivery dead-letters it). */
  doc?: ElasticLogDocument;
  /** The record to score (only for `pending` entries when there is a detector). */
  record?: LogRecord;
}

/** The intake spool → detector → sinks stage. */
export class ScoringStage {
  private running = false;
  private loop: Promise<void> | undefined;
  private stopResolve: () => void = () => undefined;
  private readonly stopSignal = new Promise<void>((resolve) => (this.stopResolve = resolve));
  /** Per detector (address; one key without routing): epoch ms since it has been failing. */
  private readonly downSinceMs = new Map<string, number>();
  private readonly output: OutputWriter;
  private readonly scored: StageOutput['scored'];
  private readonly intake: IntakeSource;
  private readonly pendingSpool: Spool | undefined;
  private readonly scorer: RecordScorer | undefined;
  private readonly metrics: StageMetrics;
  private readonly log: Logger;
  private readonly rescorer: PendingRescorer | undefined;
  private readonly sessions: SessionVerdictSpooler;

  /** Wires the parts; {@link start} begins. */
  constructor(parts: ScoringStageParts, private readonly opts: ScoringStageOptions) {
    ({ intake: this.intake, pending: this.pendingSpool, scorer: this.scorer, metrics: this.metrics, log: this.log } = parts);
    const out = parts.output;
    this.scored = out.scored;
    this.output = new OutputWriter(out, this.log, () => this.running, this.stopSignal);
    if (this.scorer && this.pendingSpool) {
      this.rescorer = new PendingRescorer(this.pendingSpool, this.scorer, this.output, this.metrics.rescored, this.log, { intervalMs: opts.rescoreIntervalMs, batchRecords: opts.batchRecords, batchBytes: opts.batchBytes });
    }
    this.sessions = new SessionVerdictSpooler(out.scored ?? { append: () => Promise.resolve() }, (docs) => {
      const flagged = docs.filter((d) => d.anomaly?.is_anomaly).length;
      this.metrics.sessionVerdicts.inc({ flagged: 'true' }, flagged);
      this.metrics.sessionVerdicts.inc({ flagged: 'false' }, docs.length - flagged);
      out.onWritten(docs);
    }, this.log);
  }

  /** Closed-session verdicts from the detector (written once, beside the records'). */
  addSessionVerdicts(verdicts: readonly SessionVerdict[]): void {
    this.sessions.add(verdicts);
  }

  /** Session verdicts waiting for the scored spool. */
  get queuedSessionVerdicts(): number {
    return this.sessions.queued;
  }

  /** True while records wait for an unreachable detector (the hold), before they are written as pending. */
  get holding(): boolean {
    const now = Date.now();
    for (const since of this.downSinceMs.values()) if (now - since < this.opts.holdMs) return true;
    return false;
  }

  /** Starts reading the intake spool. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.rescorer?.start();
  }

  private async run(): Promise<void> {
    await this.skipScoredBeforeCrash();
    while (this.running) {
      const batch = await this.intake.read(this.opts.batchRecords, this.opts.batchBytes);
      if (!batch) {
        await Promise.race([this.intake.waitForData(1000), this.stopSignal]);
        if (this.opts.lingerMs && this.intake.stats().unackedRecords > 0) await this.sleep(this.opts.lingerMs);
        continue;
      }
      try {
        if (!(await this.process(batch))) return; // stopping: not acknowledged, replayed at the next start
        await this.intake.ack(batch);
      } catch (err) {
        // Not acknowledged: the records stay in the intake spool and are replayed at the next start.
        this.log.error({ err }, 'scoring a spool batch failed unexpectedly; it will be replayed after a restart');
      }
    }
  }

  /**
   * After a crash the intake spool replays every record of the segments it kept, scored or
   * not (acknowledgements are not persisted). The last record of each step's output carries
   * the intake position the step read up to: the records up to the newest such position are
   * already in the scored spool and are not read (nor sent to the detector) again.
   */
  private async skipScoredBeforeCrash(): Promise<void> {
    const scored = this.scored;
    if (!scored?.findNewest) return;
    try {
      const pos = await scored.findNewest(intakePositionOf);
      const skipped = pos ? await this.intake.skipThrough(pos) : 0;
      if (skipped > 0) this.log.info({ records: skipped }, 'intake records scored before the last stop (in the scored spool, not acknowledged) are not scored again');
    } catch (err) {
      this.log.warn({ err }, 'cannot tell which intake records were scored before the last stop; they are scored again');
    }
  }

  /** Scores one batch and writes its output; false when stopped before the output was durable. */
  private async process(batch: SpoolBatch): Promise<boolean> {
    const entries = new Array<Entry>(batch.records.length);
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % SLICE_RECORDS === 0) await yieldToIntake();
      entries[i] = this.decode(batch.records[i]!);
    }
    const toScore = entries.filter((e) => e.record);
    if (toScore.length > 0) {
      const verdicts = await this.scoreHolding(toScore.map((e) => e.record!));
      if (!verdicts) return false;
      const pending: string[] = [];
      let flagged = 0;
      for (let i = 0; i < toScore.length; i++) {
        if (i > 0 && i % SLICE_RECORDS === 0) await yieldToIntake();
        const e = toScore[i]!;
        const v = verdicts[i]!;
        const { payload, doc } = encodeSpoolRecord(e.record!, v);
        e.payload = payload;
        e.doc = doc;
        if (v.status === 'pending') pending.push(payload);
        if (v.isAnomaly) flagged++;
      }
      if (pending.length > 0) {
        // Kept for the dry-run re-score before they are handed on: a crash in between re-scores, never loses.
        if (this.pendingSpool && !(await this.output.retry(() => this.pendingSpool!.append(pending), 'pending spool'))) return false;
        this.metrics.pending.inc(pending.length);
      }
      if (flagged) this.metrics.flagged.inc(flagged);
    }
    const payloads = entries.map((e) => e.payload);
    // Where this step read up to, on its last output record (see skipScoredBeforeCrash).
    const marked = payloads.length > 0 ? withIntakePosition(payloads[payloads.length - 1]!, batch.end) : undefined;
    if (marked !== undefined) payloads[payloads.length - 1] = marked;
    return this.output.write(payloads, entries.flatMap((e) => (e.doc ? [e.doc] : [])));
  }

  private decode(payload: Buffer): Entry {
    try {
      const spooled = decodeSpoolRecord(payload);
      const doc = JSON.parse(spooled.docJson) as ElasticLogDocument;
      const entry: Entry = { payload, doc };
      if (this.scorer && spooled.meta.st === 'pending' && doc.anomaly?.kind !== 'session') entry.record = fromElasticDocument(doc).record;
      return entry;
    } catch {
      return { payload };
    }
  }

  /**
   * Verdicts for `records`: records a detector could not score are tried again (backoff)
   * while that detector has been failing for less than the hold; then they are `pending`.
   * Each detector has its own hold, so records of a detector that answers never wait for
   * one that does not beyond the step in hand. Undefined when stopped.
   */
  private async scoreHolding(records: readonly LogRecord[]): Promise<AnomalyVerdict[] | undefined> {
    const verdicts: AnomalyVerdict[] = records.map(() => pendingVerdict());
    const scorer = this.scorer;
    if (!scorer) return verdicts;
    const detectorOf = (r: LogRecord): string => scorer.detectorFor?.(r) ?? 'detector';
    let todo = records.map((_, i) => i);
    let delay = this.opts.retryMs;
    for (;;) {
      const { verdicts: got } = await scorer.score(todo.map((i) => records[i]!));
      const now = Date.now();
      const failing = new Set<string>();
      const answered = new Set<string>();
      todo.forEach((idx, k) => {
        verdicts[idx] = got[k]!;
        (got[k]!.status === 'pending' ? failing : answered).add(detectorOf(records[idx]!));
      });
      for (const d of answered) {
        if (failing.has(d) || !this.downSinceMs.has(d)) continue;
        this.log.warn({ detector: d, downMs: now - this.downSinceMs.get(d)! }, 'detector answers again; scoring resumed');
        this.downSinceMs.delete(d);
      }
      for (const d of failing) {
        if (this.downSinceMs.has(d)) continue;
        this.downSinceMs.set(d, now);
        this.log.warn({ detector: d, holdMs: this.opts.holdMs }, 'detector cannot score; holding the spool position (intake continues; collector_scoring_holding = 1) before storing its records as pending');
      }
      // Still to try: unscored records whose detector is within its hold.
      const holdLeft = (d: string): number => this.downSinceMs.get(d)! + this.opts.holdMs - now;
      todo = todo.filter((idx) => verdicts[idx]!.status === 'pending' && holdLeft(detectorOf(records[idx]!)) > 0);
      if (todo.length === 0) return verdicts; // scored, or the hold ran out: the rest is written as pending
      const wait = Math.min(delay, ...todo.map((idx) => holdLeft(detectorOf(records[idx]!))));
      await this.sleep(wait);
      if (!this.running) return undefined;
      delay = Math.min(2000, delay * 2);
    }
  }

  private async sleep(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), this.stopSignal]);
    clearTimeout(timer);
  }

  /** Stops reading; the batch in hand is written if it can be, else replayed at the next start. Idempotent. */
  async shutdown(): Promise<void> {
    this.running = false;
    this.stopResolve();
    await this.loop;
    await this.rescorer?.shutdown();
    await this.sessions.shutdown();
  }
}
