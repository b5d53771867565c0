/**
 * Learning mode: with no model serving, the detector answers `learning` and keeps the
 * records (bounded by a count goal and estimated bytes) to train its first model from.
 * Templates shown meanwhile come from the preprocessing and a Drain miner the first model
 * will be trained with, so they match what it will serve.
 */
import { TemplateMiner } from '@log-sentinel/drain';
import type { Preprocessor } from './preprocess';
import type { DetectRecord, DetectVerdict } from './record';

/** A degenerate first model is not activated until the learning buffer holds this many times the learning target. */
export const MAX_LEARNING_FACTOR = 4;

/** Default bound of the learning buffer, estimated bytes. */
export const DEFAULT_LEARNING_BUFFER_MAX_BYTES = 256 * 1024 * 1024;

/** Rough bytes a buffered record holds (UTF-16 strings plus object overhead). */
export function estimatedRecordBytes(r: DetectRecord): number {
  let n = 64 + 2 * (r.id.length + r.message.length + (r.level?.length ?? 0) + (r.service?.length ?? 0) + (r.host?.length ?? 0) + (r.sessionId?.length ?? 0));
  if (r.labels) for (const k in r.labels) n += 32 + 2 * (k.length + (r.labels[k]?.length ?? 0));
  return n;
}

/** Limits of a {@link LearningBuffer}. */
export interface LearningBufferOptions {
  /** Records to learn from before training the first model. */
  learningTarget: number;
  /** Size bound, estimated bytes (default {@link DEFAULT_LEARNING_BUFFER_MAX_BYTES}); once a record does not fit, the buffer counts as full. */
  maxBytes?: number | undefined;
}

/** The records collected while learning, and what the learning runs decided so far. */
export class LearningBuffer {
  private miner = new TemplateMiner();
  private records: DetectRecord[] = [];
  /** Estimated bytes held by {@link records}. */
  private bytes = 0;
  /** True once a record did not fit under the byte bound: the buffer counts as full. */
  private full = false;
  /** Records to collect before the next learning run (the target, raised after a degenerate run). */
  private goal: number;
  /** While another detector holds the training lease: no learning run before this time. */
  private retryAtMs = 0;
  /** Why the last model trained from learning data was degenerate ([] = it was not). */
  degenerate: string[] = [];

  /**
   * @param preprocessor the preprocessing the first model will be trained with (./trainer)
   * @param sessionKey the session of a record without an extracted one
   */
  constructor(
    private readonly opts: LearningBufferOptions,
    private readonly preprocessor: Preprocessor,
    private readonly sessionKey: (r: DetectRecord) => string,
  ) {
    this.goal = opts.learningTarget;
  }

  /** Answers `learning` for each record and, unless a dry run, keeps it while the goal and byte bound allow. */
  collect(records: DetectRecord[], dryRun: boolean, nowMs: number): DetectVerdict[] {
    const out = new Array<DetectVerdict>(records.length);
    const maxBytes = this.opts.maxBytes ?? DEFAULT_LEARNING_BUFFER_MAX_BYTES;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const prepared = this.preprocessor.apply(r);
      let templateId = '';
      let template = '';
      let params: string[] = [];
      if (prepared.key !== undefined) {
        templateId = template = prepared.key;
      } else if (dryRun) {
        const m = this.miner.match(prepared.record.message);
        if (m) {
          templateId = m.cluster.templateId;
          template = m.cluster.template;
          params = m.params;
        }
      } else {
        const a = this.miner.add(prepared.record.message);
        templateId = a.cluster.templateId;
        template = a.cluster.template;
        params = a.params;
      }
      if (!dryRun && this.records.length < this.goal) {
        const size = estimatedRecordBytes(r);
        if (this.bytes + size <= maxBytes) {
          this.records.push(r.timestampMs === undefined ? { ...r, timestampMs: prepared.record.timestampMs ?? nowMs } : r);
          this.bytes += size;
        } else {
          this.full = true;
        }
      }
      out[i] = {
        recordId: r.id,
        isAnomaly: false,
        score: 0,
        reasons: [],
        templateId,
        template,
        status: 'learning',
        modelVersion: '',
        sessionId: prepared.sessionId || this.sessionKey(prepared.record),
        params,
        explanation: `learning: ${Math.min(this.records.length, this.goal)}/${this.goal} records collected`,
      };
    }
    return out;
  }

  /** Whether a learning run should start now: the goal is reached (or the buffer is full) and no lease wait is pending. */
  ready(nowMs: number): boolean {
    return (this.records.length >= this.goal || this.full) && nowMs >= this.retryAtMs;
  }

  /** Whether the goal is reached (a lease retry checks only this). */
  reachedGoal(): boolean {
    return this.records.length >= this.goal;
  }

  /** The records held now, for a learning run. */
  snapshot(): DetectRecord[] {
    return this.records.slice();
  }

  /** Whether a run over `n` records activates its model even when degenerate (learning cannot go on forever). */
  isFinal(n: number): boolean {
    return n >= this.opts.learningTarget * MAX_LEARNING_FACTOR;
  }

  /** A run over `n` records was degenerate and not activated: raises the goal (and starts afresh when the byte bound stopped the buffer). Returns the new goal. */
  keepLearning(n: number): number {
    this.goal = Math.min(this.opts.learningTarget * MAX_LEARNING_FACTOR, n * 2);
    if (this.full) this.clear(); // it cannot grow under the byte bound: learn from fresh records
    return this.goal;
  }

  /** Another detector holds the training lease: no run before `atMs`. */
  retryAt(atMs: number): void {
    this.retryAtMs = atMs;
  }

  /** Forgets the records (a model now serves). */
  clear(): void {
    this.records = [];
    this.bytes = 0;
    this.full = false;
  }

  /** Forgets the records and the templates (a learning run failed: learning starts over). */
  reset(): void {
    this.clear();
    this.miner = new TemplateMiner();
  }

  /** Records held, the goal, and the templates seen, for GetModel. */
  progress(): { records: number; goal: number; templates: number } {
    return { records: this.records.length, goal: this.goal, templates: this.miner.stats().clusters };
  }
}
