/**
 * Watches a running stack and says, in one line per change, what each service is doing:
 * where it listens, learning N/target, scoring with model V, Elasticsearch reachable or not.
 */
import { DetectorStatusClient, learningProgress, probeCollector, type CollectorProbe, type DetectorProbe } from './probes';
import type { ModelInfo__Output } from '@log-sentinel/proto';

/** Elasticsearch state as far as the collector's readiness reply tells. */
export type ElasticState = 'reachable' | 'unreachable' | 'disabled' | 'unknown';

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Reads the Elasticsearch state out of a `/readyz` body (`elasticsearch: true|"up"|{reachable|ok|status}`). */
export function elasticState(body: unknown): ElasticState {
  const b = asRecord(body);
  if (!b) return 'unknown';
  const checks = asRecord(b.checks) ?? b;
  const v = checks.elasticsearch ?? checks.elastic ?? checks.es;
  const truthy = (x: unknown): ElasticState | undefined => {
    if (typeof x === 'boolean') return x ? 'reachable' : 'unreachable';
    if (typeof x === 'string') {
      if (/^(disabled|off)$/i.test(x)) return 'disabled';
      if (/^(up|ok|reachable|green|yellow|connected|true)$/i.test(x)) return 'reachable';
      if (/^(down|unreachable|red|disconnected|false|error|unavailable)$/i.test(x)) return 'unreachable';
    }
    return undefined;
  };
  const direct = truthy(v);
  if (direct) return direct;
  const o = asRecord(v);
  if (o) return truthy(o.reachable) ?? truthy(o.ok) ?? truthy(o.status) ?? truthy(o.state) ?? 'unknown';
  return 'unknown';
}

/** One line describing the detector, with its warnings (e.g. degenerate learning data) appended loudly. */
export function describeDetector(p: DetectorProbe): string {
  if (!p.ok) return `detector: not answering yet (${p.error})`;
  const line = describeDetectorState(p.model);
  const warnings = p.model.warnings ?? [];
  return warnings.length > 0 ? `${line}\n${warnings.map((w) => `detector: WARNING ${w}`).join('\n')}` : line;
}

function describeDetectorState(m: ModelInfo__Output): string {
  if (m.status === 'training' && !m.version) {
    return `detector: training the first model on ${learningProgress(m).records.toLocaleString('en-US')} records`;
  }
  if (m.status === 'learning' || (!m.version && Number(m.learning_target) > 0)) {
    const { records, target } = learningProgress(m);
    return `detector: learning ${records.toLocaleString('en-US')}/${target.toLocaleString('en-US')} records (no verdicts until the first model is trained)`;
  }
  if (m.version) {
    const doing = m.status === 'training' ? 'scoring (training a new version meanwhile)' : 'scoring';
    return `detector: ${doing} with model ${m.version} (${m.templates} templates, vocabulary ${m.vocabulary})`;
  }
  return `detector: ${m.status || 'starting'}`;
}

/** One line describing the collector. */
export function describeCollector(p: CollectorProbe): string {
  if (p.status === 0) return `collector: not answering yet (${p.error ?? 'no reply'})`;
  const es = elasticState(p.body);
  const esText =
    es === 'reachable'
      ? 'Elasticsearch reachable'
      : es === 'unreachable'
        ? 'Elasticsearch NOT reachable: records are kept in the local spool and /anomalies is served from it; they are replayed when it comes back'
        : es === 'disabled'
          ? 'Elasticsearch not used (ELASTIC_ADDR unset or off): records stay in the spool, /anomalies is served from the local store'
          : 'Elasticsearch state unknown';
  const checks = asRecord(asRecord(p.body)?.checks);
  const detector = typeof checks?.detector === 'string' ? `; detector ${checks.detector}` : '';
  return `collector: ${p.ok ? 'ready' : `not ready (HTTP ${p.status})`}; ${esText}${detector}`;
}

/** Polls both services and writes a line whenever what they do changes. */
export class StatusMonitor {
  private readonly detector: DetectorStatusClient;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastDetector = '';
  private lastCollector = '';
  private lastDetectorAt = 0;
  private startedAt = Date.now();
  private stopped = false;

  /** Creates a monitor; call `start()` to begin polling. */
  constructor(
    private readonly opts: { detectorAddr: string; detectorApiKey?: string; collectorUrl: string; intervalMs: number; startupGraceMs: number; write: (line: string) => void },
  ) {
    this.detector = new DetectorStatusClient(opts.detectorAddr, opts.detectorApiKey);
  }

  /** Polls once and reports changes; returns the probes. */
  async poll(): Promise<{ detector: DetectorProbe; collector: CollectorProbe }> {
    const [detector, collector] = await Promise.all([this.detector.getModel(), probeCollector(this.opts.collectorUrl)]);
    if (this.stopped) return { detector, collector };
    const now = Date.now();
    // While the services are still starting, "not answering" is expected: stay quiet.
    const starting = now - this.startedAt < this.opts.startupGraceMs;
    const d = !detector.ok && starting ? this.lastDetector : describeDetector(detector);
    const c = collector.status === 0 && starting ? this.lastCollector : describeCollector(collector);
    // Learning progress changes every poll: report it at most every 10 s.
    const sameKind = d.replace(/[\d,]+\//, '') === this.lastDetector.replace(/[\d,]+\//, '');
    if (d && d !== this.lastDetector && (!sameKind || now - this.lastDetectorAt >= 10_000)) {
      this.opts.write(d);
      this.lastDetector = d;
      this.lastDetectorAt = now;
    }
    if (c && c !== this.lastCollector) {
      this.opts.write(c);
      this.lastCollector = c;
    }
    return { detector, collector };
  }

  /** Starts periodic polling (no overlapping polls). */
  start(): void {
    this.startedAt = Date.now();
    const tick = async (): Promise<void> => {
      if (this.running) return;
      this.running = true;
      try {
        await this.poll();
      } finally {
        this.running = false;
      }
    };
    void tick();
    this.timer = setInterval(() => void tick(), this.opts.intervalMs);
  }

  /** Stops polling and closes the gRPC channel; idempotent. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.detector.close();
  }
}
