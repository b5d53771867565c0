/**
 * The stages of a training run (./trainer), in order: Drain over the messages, records grouped
 * into sessions, the sessions a live cut leaves open set aside, DeepLog with its top-g and
 * workflows on the sequences, the count models on whole sessions, the parameter-value models.
 */
import { trainDeepLog, trainValueModels, SessionWorkflows, Workflow, type DeepLogModel, type ValueModelSet, type ValueRecord } from '@log-sentinel/deeplog';
import { TemplateMiner, type DrainOptions } from '@log-sentinel/drain';
import type { RecordObservation } from '@log-sentinel/iforest';
import { CountRangeModel, InvariantsModel, PcaModel } from '@log-sentinel/count-models';
import { trainLogAnomaly, type LogAnomalyModel } from '@log-sentinel/loganomaly';
import type { TrainProgressEvent, TrainRunOptions } from './engine-types';
import { featureParams } from './model-format';
import { openSessionsAtCut, type CutPoint } from './open-sessions';
import type { PreparedRecord } from './preprocess';
import { compileSessionKey } from './session-key';
import { calibrateTopG, type TopGCalibration } from './top-g';
import {
  COUNT_RANGE_DEFAULT,
  INVARIANTS_MIN_SUPPORT,
  MAX_TRAIN_SESSION_KEYS,
  TOP_G_MAX_MISS_RATE,
  VALUE_SESSION_FLAG_RATE,
  WORKFLOW_LOO_BUDGET,
  WORKFLOW_MAX_THRESHOLD,
} from './train-defaults';

/** `o` without its undefined fields (options passed on only when set). */
export function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Each record's key (template id, or its pre-parsed key) and parameters. */
export interface MinedTemplates {
  miner: TemplateMiner;
  keyOf: string[];
  paramsOf: string[][];
}

/** Drain over every message (cluster ids are stable while templates generalise); pre-parsed keys skip Drain. */
export function mineTemplates(prepared: readonly PreparedRecord[], drain: Partial<DrainOptions> | undefined): MinedTemplates {
  const n = prepared.length;
  const miner = new TemplateMiner(drain ?? {});
  const keyOf = new Array<string>(n);
  const clusterOf = new Array<number>(n);
  const paramsOf = new Array<string[]>(n);
  for (let i = 0; i < n; i++) {
    const key = prepared[i]!.key;
    if (key !== undefined) {
      keyOf[i] = key;
      clusterOf[i] = -1;
      paramsOf[i] = [];
      continue;
    }
    const added = miner.add(prepared[i]!.record.message);
    clusterOf[i] = added.cluster.id;
    paramsOf[i] = added.params;
  }
  // Parameters of early records were cut against an older template; re-extract with the final ones.
  for (let i = 0; i < n; i++) {
    if (clusterOf[i]! < 0) continue;
    const m = miner.match(prepared[i]!.record.message);
    if (m && m.cluster.id === clusterOf[i]) paramsOf[i] = m.params;
    keyOf[i] = String(clusterOf[i]);
  }
  return { miner, keyOf, paramsOf };
}

/** The records grouped into sessions, with what the per-record models learn from. */
export interface GroupedSessions {
  /** Session id → its keys in arrival order. */
  sessions: Map<string, string[]>;
  /** The forest's per-record observations. */
  observations: RecordObservation[];
  /** The parameter-value models' records. */
  valueRecords: ValueRecord[];
  /** Each record's session, stream and time, for the live cut. */
  cutPoints: CutPoint[];
}

/** Sessions → key sequences; per-record observations with the time since the previous record of the session (event time, as the scorer's). */
export function groupSessions(prepared: readonly PreparedRecord[], mined: MinedTemplates): GroupedSessions {
  const n = prepared.length;
  const sessionKey = compileSessionKey({});
  const sessions = new Map<string, string[]>();
  const lastEvent = new Map<string, number>();
  const observations = new Array<RecordObservation>(n);
  const valueRecords = new Array<ValueRecord>(n);
  const cutPoints = new Array<CutPoint>(n);
  let allTimed = true;
  for (let i = 0; i < n; i++) {
    const r = prepared[i]!.record;
    const sid = prepared[i]!.sessionId || sessionKey(r);
    const key = mined.keyOf[i]!;
    const params = mined.paramsOf[i]!;
    let seq = sessions.get(sid);
    if (!seq) sessions.set(sid, (seq = []));
    seq.push(key);
    // time features run on event times (the line's header, else the record's own)
    const ev = prepared[i]!.eventTimeMs;
    const prev = lastEvent.get(sid);
    cutPoints[i] = { session: sid, stream: `${r.service ?? ''}\u0000${r.host ?? ''}`, at: ev ?? i };
    if (ev === undefined) allTimed = false;
    observations[i] = { templateId: key, params: featureParams(params), level: r.level, messageLength: r.message.length, timestampMs: ev, prevTimestampMs: prev };
    valueRecords[i] = { key, params, elapsedMs: ev !== undefined && prev !== undefined ? ev - prev : undefined };
    if (ev !== undefined) lastEvent.set(sid, ev);
  }
  // without a time on every record, the cut is judged on arrival order
  if (!allTimed) for (let i = 0; i < n; i++) cutPoints[i]!.at = i;
  return { sessions, observations, valueRecords, cutPoints };
}

/**
 * The sessions the sequence and count models learn from: all of them, or on a live learning
 * cut those that have ended (./open-sessions) — unless leaving the open ones out would leave
 * fewer than half the sessions or fewer than `minSessions` (stream sessions never end).
 */
export function endedSessions(g: GroupedSessions, liveCut: boolean, minSessions: number): { ended: string[][]; leftOut: number } {
  const open = liveCut ? openSessionsAtCut(g.cutPoints) : new Set<string>();
  const total = g.sessions.size;
  const leaveOut = open.size > 0 && total - open.size >= Math.max(minSessions, total / 2);
  const ended = [...g.sessions].filter(([id]) => !leaveOut || !open.has(id)).map(([, seq]) => seq);
  return { ended, leftOut: leaveOut ? open.size : 0 };
}

/** DeepLog's training sequences: sessions cut into pieces of {@link MAX_TRAIN_SESSION_KEYS} keys. */
export function trainingSequences(ended: readonly string[][]): string[][] {
  const out: string[][] = [];
  for (const seq of ended) for (let s = 0; s < seq.length; s += MAX_TRAIN_SESSION_KEYS) out.push(seq.slice(s, s + MAX_TRAIN_SESSION_KEYS));
  return out;
}

/** DeepLog, its served top-g, the workflow graph it checks and the per-type workflows it explains with. */
export interface SequenceModels {
  deeplog: DeepLogModel;
  topG: number;
  /** How the top-g was calibrated (undefined: the user's g). */
  calibration: TopGCalibration | undefined;
  workflow: Workflow;
  workflows: SessionWorkflows;
}

/** Trains DeepLog on the sequences; top-g is the user's, else calibrated on the training transitions (./top-g). */
export async function trainSequenceModels(sequences: string[][], options: TrainRunOptions, records: number, onProgress: (p: TrainProgressEvent) => void): Promise<SequenceModels> {
  onProgress({ phase: 'training_deeplog', recordsReceived: records, fraction: 0.05, epochs: options.maxEpochs ?? 0 });
  const deeplog = await trainDeepLog(sequences, {
    ...definedOnly({
      window: options.window || undefined,
      topG: options.topG || undefined,
      epochs: options.maxEpochs || undefined,
      validationFraction: sequences.length < 10 ? 0 : undefined,
      seed: options.seed,
      threads: options.threads,
      acceptProbability: options.acceptProbability,
      keyFloorFactor: options.keyFloorFactor,
    }),
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs, clock: () => performance.now() } : {}),
    onEpoch: (e) =>
      onProgress({
        phase: 'training_deeplog',
        recordsReceived: records,
        epoch: e.epoch,
        epochs: e.epochs,
        loss: e.trainLoss,
        validationLoss: e.validationLoss ?? 0,
        fraction: 0.05 + (0.8 * e.epoch) / e.epochs,
      }),
  });
  const calibration = options.topG ? undefined : calibrateTopG(deeplog, sequences, deeplog.config.topG, TOP_G_MAX_MISS_RATE);
  return {
    deeplog,
    topG: options.topG || calibration!.topG,
    calibration,
    // DeepLog's workflow graph: every training session, counted
    workflow: Workflow.fromSessions(sequences, { maxThreshold: options.workflowThreshold ?? WORKFLOW_MAX_THRESHOLD, looBudget: WORKFLOW_LOO_BUDGET }),
    // DeepLog §4: the workflow of each session type (served by GetModel, named in explanations)
    workflows: SessionWorkflows.build(sequences),
  };
}

/** The models of whole sessions' template counts, each unless switched off. */
export function fitCountModels(ended: readonly string[][], options: TrainRunOptions): { invariants?: InvariantsModel; invariantsSupport: number; pca?: PcaModel; counts?: CountRangeModel } {
  const invariantsSupport = options.invariantsSupport ?? INVARIANTS_MIN_SUPPORT;
  return {
    invariantsSupport,
    ...(invariantsSupport > 0 ? { invariants: InvariantsModel.mine(ended, { minSupport: invariantsSupport }) } : {}),
    ...(options.pca ? { pca: PcaModel.fit(ended) } : {}),
    ...((options.countRange ?? COUNT_RANGE_DEFAULT) ? { counts: CountRangeModel.fit(ended) } : {}),
  };
}

/**
 * LogAnomaly on the sessions (ids of Drain templates), each template's text its meaning;
 * undefined unless asked for. Every template Drain knows is given, so one no training
 * session holds can still be mapped by its text when it occurs.
 */
export async function fitLogAnomaly(ended: readonly string[][], miner: TemplateMiner, options: TrainRunOptions, records: number,
  onProgress: (p: TrainProgressEvent) => void): Promise<{ model: LogAnomalyModel; durationMs: number } | undefined> {
  if (!options.loganomaly) return undefined;
  onProgress({ phase: 'training_deeplog', recordsReceived: records, fraction: 0.8, message: 'LogAnomaly' });
  const started = Date.now();
  const texts = new Map<string, string>();
  for (const c of miner.clusters()) if (!texts.has(c.templateId)) texts.set(c.templateId, c.template);
  // pre-parsed keys have no template: the key is its own text
  for (const k of new Set(ended.flat())) if (!texts.has(k)) texts.set(k, k);
  const model = await trainLogAnomaly(ended, [...texts].map(([key, text]) => ({ key, text })), definedOnly({ seed: options.seed, threads: options.threads, architecture: options.loganomalyArchitecture }));
  return { model, durationMs: Date.now() - started };
}

/** DeepLog's parameter-value models (per key: numeric parameters and the time since the session's previous record); undefined when switched off. */
export async function fitValueModels(
  g: GroupedSessions,
  options: TrainRunOptions,
  records: number,
  onProgress: (p: TrainProgressEvent) => void,
): Promise<{ set: ValueModelSet; durationMs: number } | undefined> {
  if (options.valueConfidence === 0) return undefined;
  onProgress({ phase: 'training_deeplog', recordsReceived: records, fraction: 0.86, message: 'parameter-value models' });
  const started = Date.now();
  const meanSessionLength = records / Math.max(1, g.sessions.size);
  const set = await trainValueModels(g.valueRecords, {
    maxFlagRate: VALUE_SESSION_FLAG_RATE / Math.max(1, meanSessionLength),
    ...definedOnly({ confidence: options.valueConfidence, seed: options.seed }),
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs, clock: () => performance.now() } : {}),
  });
  return { set, durationMs: Date.now() - started };
}
