/**
 * One fuzz run: starts the services, sends the seeded inputs (a few at a time), then checks
 * that nothing crashed, answered 5xx or stalled, that every acknowledged record is indexed
 * exactly once and none dead-lettered, and how much memory each service used at its peak.
 */
import type { CaseKind, CaseResult, FuzzCase } from './case';
import { generateCase } from './generate';
import { closeGrpcClients } from './grpc-cases';
import { startStack } from './stack';
import { checkDelivery, dropIndices, waitForSentinels, type DeliveryCheck } from './verify';

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** Seed of the input sequence. */
  seed: number;
  /** Inputs to send (cases 0 .. inputs-1), unless `cases` lists them. */
  inputs: number;
  /** Only these case indices (re-running a failure). */
  cases?: number[];
  /** Inputs in flight at once (default 4). */
  concurrency?: number;
  /** Working directory (models, spool, watched files, service logs). */
  workDir: string;
  /** Elasticsearch URL. */
  esUrl: string;
  /** Peak RSS each service may reach, MiB (default 1024). */
  maxRssMiB?: number;
  /** Keep the run's Elasticsearch indices (default: deleted). */
  keepIndices?: boolean;
  /** Called after each input. */
  progress?: (done: number, total: number) => void;
}

/** Counts of {@link DeliveryCheck}, with examples. */
export interface DeliverySummary {
  /** Distinct event ids acknowledged with a 2xx. */
  acked: number;
  /** Acknowledged, not indexed. */
  lost: number;
  /** Acknowledged, indexed more than once. */
  duplicated: number;
  /** Acknowledged, then dead-lettered. */
  deadLettered: number;
  /** Sentinel lines written to watched files. */
  sentinels: number;
  /** Sentinels not indexed. */
  sentinelsMissing: number;
  /** Sentinels indexed more than once. */
  sentinelsDuplicated: number;
  /** Lines of files outside the watched directory that were indexed. */
  forbiddenIndexed: number;
  /** Up to 20 ids or messages of each non-empty problem. */
  examples: Record<string, string[]>;
}

function summarise(d: DeliveryCheck): DeliverySummary {
  const examples: Record<string, string[]> = {};
  for (const [k, v] of Object.entries({ lost: d.lost, duplicated: d.duplicated, sentinelsMissing: d.sentinelsMissing, sentinelsDuplicated: d.sentinelsDuplicated, forbiddenIndexed: d.forbiddenIndexed })) if (v.length) examples[k] = v.slice(0, 20);
  return {
    acked: d.acked,
    lost: d.lost.length,
    duplicated: d.duplicated.length,
    deadLettered: d.deadLettered,
    sentinels: d.sentinels,
    sentinelsMissing: d.sentinelsMissing.length,
    sentinelsDuplicated: d.sentinelsDuplicated.length,
    forbiddenIndexed: d.forbiddenIndexed.length,
    examples,
  };
}

/** A failed input, enough to re-run it (`--seed S --case N`). */
export interface FuzzFailure {
  /** Case index. */
  index: number;
  /** Input kind. */
  kind: CaseKind;
  /** Generator variant. */
  variant: string;
  /** What came back. */
  outcome: string;
  /** Why it counts as a failure, and the answer. */
  detail: string;
}

/** The result of a run. */
export interface FuzzReport {
  /** Seed of the input sequence. */
  seed: number;
  /** Inputs sent. */
  inputs: number;
  /** Inputs per kind. */
  byKind: Record<CaseKind, number>;
  /** Answers seen, per kind ("200", "413", "INVALID_ARGUMENT", …). */
  outcomes: Record<CaseKind, Record<string, number>>;
  /** Service processes that exited during the run. */
  crashes: string[];
  /** 5xx answers (and gRPC INTERNAL / UNKNOWN / DATA_LOSS / UNAVAILABLE). */
  serverErrors: number;
  /** Inputs our deadline cut (the service stalled). */
  stalls: number;
  /** Delivery checks against Elasticsearch: counts, and up to 20 examples of each problem. */
  delivery: DeliverySummary;
  /** Documents dead-lettered after acknowledgement, as the collector counts them (collector_records_dead_lettered_total). */
  deadLetteredMetric: number;
  /** Peak resident set size of each service, MiB. */
  maxRssMiB: { collector: number; detector: number };
  /** After the checks: each service's RSS, and the collector's V8 heap in use (nodejs_heap_size_used_bytes), MiB. */
  endMemoryMiB: { collectorRss: number; collectorHeapUsed: number; detectorRss: number };
  /** Exit codes after SIGTERM (0 = clean). */
  exitCodes: { collector: number | null; detector: number | null };
  /** Wall time of the run, seconds (start-up and checks included). */
  durationS: number;
  /** Wall time of sending the inputs, seconds. */
  sendS: number;
  /** The first failures (at most 25). */
  failures: FuzzFailure[];
  /** Every check held. */
  passed: boolean;
}

async function metricValue(url: string, key: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${key}` } })).text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Runs the seeded inputs against fresh services; never throws for a failed check (see `passed`). */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const health = await fetch(new URL('/_cluster/health', opts.esUrl)).catch(() => undefined);
  if (!health?.ok) throw new Error(`Elasticsearch does not answer at ${opts.esUrl} (start it with npm run es:start, or set ELASTIC_ADDR)`);
  const prefix = `fuzz-s${opts.seed}-${Date.now()}`;
  const stack = await startStack(opts.workDir, opts.esUrl, prefix);
  const crashes: string[] = [];
  const rss = { collector: 0, detector: 0 };
  const sample = (): void => {
    for (const name of ['collector', 'detector'] as const) {
      const p = stack[name];
      if (!p.alive()) {
        if (!crashes.includes(name)) crashes.push(name);
        continue;
      }
      const v = p.peakRssMiB();
      if (v > rss[name]) rss[name] = v;
    }
  };
  const sampler = setInterval(sample, 250);
  const indices = opts.cases ?? Array.from({ length: opts.inputs }, (_, i) => i);
  const kinds: CaseKind[] = ['http-body', 'http-header', 'file', 'grpc'];
  const byKind = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<CaseKind, number>;
  const outcomes = Object.fromEntries(kinds.map((k) => [k, {}])) as Record<CaseKind, Record<string, number>>;
  const acked = new Set<string>();
  const sentinels = new Set<string>();
  const forbidden = new Set<string>();
  const failures: FuzzFailure[] = [];
  let serverErrors = 0;
  let stalls = 0;
  let done = 0;
  const record = (c: FuzzCase, r: CaseResult): void => {
    byKind[c.kind]++;
    outcomes[c.kind][r.outcome] = (outcomes[c.kind][r.outcome] ?? 0) + 1;
    for (const id of r.ackedIds ?? []) acked.add(id);
    for (const s of r.sentinels ?? []) sentinels.add(s);
    for (const s of r.forbidden ?? []) forbidden.add(s);
    if (r.serverError) serverErrors++;
    if (r.stalled) stalls++;
    if ((r.serverError || r.stalled) && failures.length < 25) failures.push({ index: c.index, kind: c.kind, variant: c.variant, outcome: r.outcome, detail: `${r.stalled ? 'stalled' : 'server error'}: ${r.detail ?? ''}` });
  };
  const sendStart = Date.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < indices.length) {
      const c = generateCase(opts.seed, indices[next++]!);
      let r: CaseResult;
      try {
        r = await c.run(stack.target);
      } catch (err) {
        r = { outcome: 'harness-error', serverError: false, detail: (err as Error).message };
        if (failures.length < 25) failures.push({ index: c.index, kind: c.kind, variant: c.variant, outcome: r.outcome, detail: r.detail! });
      }
      record(c, r);
      opts.progress?.(++done, indices.length);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, () => worker()));
  const sendS = (Date.now() - sendStart) / 1000;
  closeGrpcClients();

  // Everything acknowledged reaches Elasticsearch: wait for the spool to drain and the files to be read.
  const { target } = stack;
  const drainEnd = Date.now() + 120_000;
  while (stack.collector.alive() && Date.now() < drainEnd) {
    const depth = await metricValue(target.collectorUrl, target.apiKey, 'collector_queue_depth_records').catch(() => NaN);
    if (depth === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (stack.collector.alive()) await waitForSentinels(opts.esUrl, prefix, sentinels, 60_000);
  await new Promise((r) => setTimeout(r, 1500)); // a record read last is spooled and delivered
  const delivery = await checkDelivery(opts.esUrl, prefix, acked, sentinels, forbidden);
  const deadLetteredMetric = stack.collector.alive() ? await metricValue(target.collectorUrl, target.apiKey, 'collector_records_dead_lettered_total') : NaN;
  sample();
  clearInterval(sampler);
  const heapUsed = stack.collector.alive() ? await metricValue(target.collectorUrl, target.apiKey, 'nodejs_heap_size_used_bytes') : NaN;
  const endMemory = { collectorRss: stack.collector.rssMiB(), collectorHeapUsed: heapUsed / (1024 * 1024), detectorRss: stack.detector.rssMiB() };
  const exitCodes = await stack.stop();
  if (!opts.keepIndices) await dropIndices(opts.esUrl, prefix);
  const maxRss = opts.maxRssMiB ?? 1024;
  const round = (n: number): number => Math.round(n * 10) / 10;
  const passed =
    crashes.length === 0 &&
    serverErrors === 0 &&
    stalls === 0 &&
    delivery.lost.length === 0 &&
    delivery.duplicated.length === 0 &&
    delivery.deadLettered === 0 &&
    deadLetteredMetric === 0 &&
    delivery.sentinelsMissing.length === 0 &&
    delivery.sentinelsDuplicated.length === 0 &&
    delivery.forbiddenIndexed.length === 0 &&
    rss.collector <= maxRss &&
    rss.detector <= maxRss &&
    exitCodes.collector === 0 &&
    exitCodes.detector === 0 &&
    !failures.some((f) => f.outcome === 'harness-error');
  return {
    seed: opts.seed,
    inputs: indices.length,
    byKind,
    outcomes,
    crashes,
    serverErrors,
    stalls,
    delivery: summarise(delivery),
    deadLetteredMetric,
    maxRssMiB: { collector: round(rss.collector), detector: round(rss.detector) },
    endMemoryMiB: { collectorRss: round(endMemory.collectorRss), collectorHeapUsed: round(endMemory.collectorHeapUsed), detectorRss: round(endMemory.detectorRss) },
    exitCodes,
    durationS: round((Date.now() - started) / 1000),
    sendS: round(sendS),
    failures,
    passed,
  };
}
