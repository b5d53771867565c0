/**
 * The console's view of recent traffic when Elasticsearch is not there: per-template counts
 * in 10-second buckets, a few example lines per template, and each recent session's steps.
 * Fed with every scored record document and every session verdict; bounded in templates,
 * buckets, examples, sessions and steps (oldest dropped first). In memory only: the spool
 * keeps the records themselves, Elasticsearch the history.
 */
import type { ElasticLogDocument } from '@log-sentinel/schema';
import { templateParams } from './params';
import { MIN_STEP_MS, bucketStarts, type PatternsQuery } from './query';
import type { PatternExample, PatternSeries, SessionReply, SessionStep, SessionSummary } from './types';

/** Bounds of a {@link LocalIndex}. */
export interface LocalIndexOptions {
  /** Templates tracked at most (the least recently seen is dropped). */
  maxTemplates: number;
  /** How long buckets are kept (ms). */
  retentionMs: number;
  /** Example lines kept per template. */
  examplesPerTemplate: number;
  /** Sessions kept at most (the least recently seen is dropped). */
  maxSessions: number;
  /** Steps kept per session (the newest). */
  stepsPerSession: number;
  /** Characters of the steps' texts held across sessions at most (the least recently seen sessions are dropped). */
  maxSessionChars: number;
}

/**
 * Longest text kept of a message, template or explanation (longer ones end with "…"): the
 * console shows a few lines, and one 1 MiB record per template or step once grew the
 * collector past 4 GB in the fuzz suite's 10,000-input run (issue 17).
 */
const MAX_EXAMPLE_CHARS = 2048;
const MAX_STEP_CHARS = 512;
const MAX_TEMPLATE_CHARS = 4096;

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Defaults: 1,000 templates with 6 h of 10-second buckets each (a fixed ring of 2,160 slots,
 * 43 KB per template), 5 examples per template (messages clipped to 2,048 characters), 2,000
 * sessions of 100 steps (texts clipped to 512 characters, 16 Mi characters in all) — some
 * 100 MB at the very most, a few MB for a service with tens of templates.
 */
export const DEFAULT_LOCAL_INDEX_OPTIONS: LocalIndexOptions = {
  maxTemplates: 1000,
  retentionMs: 6 * 3_600_000,
  examplesPerTemplate: 5,
  maxSessions: 2000,
  stepsPerSession: 100,
  maxSessionChars: 16 * 1024 * 1024,
};

/**
 * Counts of one template per 10-second bucket in a fixed ring: slot `b % size` holds bucket
 * `b` (epoch ms / 10 s) while `bucket[slot] === b`; an older bucket in the slot is stale.
 */
class BucketRing {
  private readonly bucket: Float64Array;
  /** records, flagged, new-template records: three counters per slot. */
  private readonly counts: Uint32Array;

  constructor(private readonly size: number) {
    this.bucket = new Float64Array(size).fill(-1);
    this.counts = new Uint32Array(size * 3);
  }

  add(b: number, flagged: boolean, isNew: boolean): void {
    const slot = b % this.size;
    if (this.bucket[slot] !== b) {
      if (this.bucket[slot] > b) return; // older than the ring's window: dropped
      this.bucket[slot] = b;
      this.counts.fill(0, slot * 3, slot * 3 + 3);
    }
    this.counts[slot * 3]++;
    if (flagged) this.counts[slot * 3 + 1]++;
    if (isNew) this.counts[slot * 3 + 2]++;
  }

  /** Calls `fn` for every live bucket in [fromB, toB). */
  forEach(fromB: number, toB: number, fn: (b: number, records: number, flagged: number, isNew: number) => void): void {
    for (let slot = 0; slot < this.size; slot++) {
      const b = this.bucket[slot];
      if (b >= fromB && b < toB && this.counts[slot * 3] > 0) fn(b, this.counts[slot * 3], this.counts[slot * 3 + 1], this.counts[slot * 3 + 2]);
    }
  }
}

interface TemplateEntry {
  id: string;
  text: string;
  ring: BucketRing;
  firstMs: number;
  lastMs: number;
  first: string;
  last: string;
  examples: ExampleLine[];
}

/** What an example keeps of its document (parameters are found when asked for). */
type ExampleLine = Omit<PatternExample, 'params'>;

interface SessionEntry {
  steps: SessionStep[];
  /** Characters of the steps' texts. */
  chars: number;
  records: number;
  flagged: number;
  verdict?: ElasticLogDocument;
}

/** See the module comment. */
export class LocalIndex {
  private readonly templates = new Map<string, TemplateEntry>();
  private readonly sessions = new Map<string, SessionEntry>();
  /** Characters of every session's steps. */
  private sessionChars = 0;
  private readonly opts: LocalIndexOptions;

  /** An empty index with these bounds. */
  constructor(options: Partial<LocalIndexOptions> = {}) {
    this.opts = { ...DEFAULT_LOCAL_INDEX_OPTIONS, ...options };
  }

  /** Templates tracked. */
  get templateCount(): number {
    return this.templates.size;
  }

  /** Adds scored record documents (session verdict documents go to their session). */
  add(docs: readonly ElasticLogDocument[]): void {
    for (const d of docs) {
      if (d.anomaly?.kind === 'session') {
        this.addVerdict(d);
        continue;
      }
      const ms = Date.parse(d['@timestamp']);
      if (Number.isNaN(ms)) continue;
      const tid = d.template?.id;
      if (tid) this.addToTemplate(tid, d, ms);
      const sid = d.session?.id;
      if (sid) {
        const s = this.session(sid);
        const step = toStep(d);
        const chars = stepChars(step);
        s.steps.push(step);
        s.chars += chars;
        this.sessionChars += chars;
        if (s.steps.length > this.opts.stepsPerSession) {
          const gone = stepChars(s.steps.shift()!);
          s.chars -= gone;
          this.sessionChars -= gone;
        }
        // Over the budget: drop the least recently seen sessions (never the one just fed).
        while (this.sessionChars > this.opts.maxSessionChars && this.sessions.size > 1) this.dropOldestSession();
        s.records++;
        if (d.anomaly?.is_anomaly) s.flagged++;
      }
    }
  }

  private addVerdict(d: ElasticLogDocument): void {
    const sid = d.session?.id;
    if (sid) this.session(sid).verdict = d;
  }

  private session(id: string): SessionEntry {
    let s = this.sessions.get(id);
    if (s) {
      this.sessions.delete(id); // re-insert: the map's order is least recently seen first
    } else {
      s = { steps: [], chars: 0, records: 0, flagged: 0 };
      if (this.sessions.size >= this.opts.maxSessions) this.dropOldestSession();
    }
    this.sessions.set(id, s);
    return s;
  }

  private dropOldestSession(): void {
    const [id, s] = this.sessions.entries().next().value!;
    this.sessions.delete(id);
    this.sessionChars -= s.chars;
  }

  private addToTemplate(id: string, d: ElasticLogDocument, ms: number): void {
    let t = this.templates.get(id);
    if (t) {
      this.templates.delete(id);
    } else {
      t = { id, text: clip(d.template?.text ?? '', MAX_TEMPLATE_CHARS), ring: new BucketRing(Math.ceil(this.opts.retentionMs / MIN_STEP_MS)), firstMs: ms, lastMs: ms, first: d['@timestamp'], last: d['@timestamp'], examples: [] };
      if (this.templates.size >= this.opts.maxTemplates) this.templates.delete(this.templates.keys().next().value!);
    }
    this.templates.set(id, t);
    if (d.template?.text) t.text = clip(d.template.text, MAX_TEMPLATE_CHARS);
    t.ring.add(Math.floor(ms / MIN_STEP_MS), !!d.anomaly?.is_anomaly, !!d.anomaly?.reasons?.includes('drain.new_template'));
    if (ms < t.firstMs) [t.firstMs, t.first] = [ms, d['@timestamp']];
    if (ms >= t.lastMs) [t.lastMs, t.last] = [ms, d['@timestamp']];
    // Parameters are found when examples are asked for, not for every record.
    t.examples.unshift(exampleLine(d));
    if (t.examples.length > this.opts.examplesPerTemplate) t.examples.pop();
  }

  /** Per-template series of a validated query (see `GET /api/patterns`), most records first. */
  patterns(q: PatternsQuery): PatternSeries[] {
    const starts = bucketStarts(q);
    const needle = q.search?.toLowerCase();
    const out: PatternSeries[] = [];
    for (const t of this.templates.values()) {
      if (needle && !t.text.toLowerCase().includes(needle) && !t.id.toLowerCase().includes(needle)) continue;
      const samples: Array<[number, number]> = starts.map((s) => [s / 1000, 0]);
      let total = 0;
      let flagged = 0;
      let isNew = false;
      let firstMs = Infinity;
      let lastMs = -Infinity;
      t.ring.forEach(Math.floor(q.startMs / MIN_STEP_MS), Math.ceil(q.endMs / MIN_STEP_MS), (b10, n, f, nw) => {
        const b = b10 * MIN_STEP_MS;
        if (b < q.startMs || b >= q.endMs) return;
        samples[Math.floor((b - q.startMs) / q.stepMs)][1] += n;
        total += n;
        flagged += f;
        if (nw) isNew = true;
        firstMs = Math.min(firstMs, b);
        lastMs = Math.max(lastMs, b);
      });
      if (total === 0) continue;
      out.push({
        pattern: t.text,
        template_id: t.id,
        samples,
        total,
        flagged,
        new: isNew,
        // Exact times when the template's first/last record falls in the range, else bucket starts.
        first_seen: t.firstMs >= q.startMs ? t.first : new Date(firstMs).toISOString(),
        last_seen: t.lastMs < q.endMs ? t.last : new Date(lastMs + MIN_STEP_MS - 1).toISOString(),
      });
    }
    return out.sort((a, b) => b.total - a.total || (a.template_id < b.template_id ? -1 : 1)).slice(0, q.limit);
  }

  /** The template's text and newest example lines with their parameters; undefined when unknown. */
  examples(templateId: string, limit: number): { pattern: string; examples: PatternExample[] } | undefined {
    const t = this.templates.get(templateId);
    if (!t) return undefined;
    return { pattern: t.text, examples: t.examples.slice(0, limit).map((e) => ({ ...e, params: templateParams(t.text, e.message) })) };
  }

  /** A session's steps (oldest first) and verdict; undefined when unknown. */
  sessionTimeline(id: string): Omit<SessionReply, 'source'> | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    return { session_id: id, steps: [...s.steps], ...(s.verdict ? { verdict: s.verdict } : {}) };
  }

  /** Recent sessions: flagged ones (a flagged record or verdict) first, then newest first. */
  sessionList(limit: number): SessionSummary[] {
    const out: SessionSummary[] = [];
    for (const [id, s] of this.sessions) {
      const first = s.steps[0]?.timestamp ?? s.verdict?.['@timestamp'] ?? '';
      const last = s.steps[s.steps.length - 1]?.timestamp ?? s.verdict?.['@timestamp'] ?? '';
      out.push({
        session_id: id,
        records: s.verdict?.session?.records ?? s.records,
        flagged_records: s.flagged,
        first_seen: first,
        last_seen: last,
        ...(s.verdict ? { verdict_anomaly: !!s.verdict.anomaly?.is_anomaly } : {}),
      });
    }
    return sortSessions(out).slice(0, limit);
  }
}

/** Flagged sessions first (flagged verdict or records), then newest last-seen first. */
export function sortSessions(list: SessionSummary[]): SessionSummary[] {
  const flagged = (s: SessionSummary): number => (s.verdict_anomaly || s.flagged_records > 0 ? 1 : 0);
  return list.sort((a, b) => flagged(b) - flagged(a) || (a.last_seen < b.last_seen ? 1 : a.last_seen > b.last_seen ? -1 : 0));
}

/** A stored record document as an example line of its template. */
export function toExample(d: ElasticLogDocument, pattern: string): PatternExample {
  return { ...exampleLine(d), params: templateParams(pattern || d.template?.text || '', d.message) };
}

function exampleLine(d: ElasticLogDocument): ExampleLine {
  return {
    event_id: d.event.id,
    timestamp: d['@timestamp'],
    message: clip(d.message, MAX_EXAMPLE_CHARS),
    ...(d.service?.name ? { service: d.service.name } : {}),
    ...(d.session?.id ? { session_id: d.session.id } : {}),
    is_anomaly: !!d.anomaly?.is_anomaly,
  };
}

/** A stored record document as a session timeline step. */
export function toStep(d: ElasticLogDocument): SessionStep {
  return {
    event_id: d.event.id,
    timestamp: d['@timestamp'],
    ...(d.template?.id ? { template_id: d.template.id } : {}),
    ...(d.template?.text ? { template: clip(d.template.text, MAX_STEP_CHARS) } : {}),
    message: clip(d.message, MAX_STEP_CHARS),
    is_anomaly: !!d.anomaly?.is_anomaly,
    score: d.anomaly?.score ?? 0,
    reasons: d.anomaly?.reasons ?? [],
    ...(d.anomaly?.explanation?.text ? { explanation: clip(d.anomaly.explanation.text, MAX_STEP_CHARS) } : {}),
  };
}

function stepChars(s: SessionStep): number {
  return s.message.length + (s.template?.length ?? 0) + (s.explanation?.length ?? 0) + s.event_id.length + 64;
}
