/**
 * Reads flagged records back from a collector's `GET /anomalies` and reduces each to what
 * the demo needs: its id, message, session and reasons.
 */
import { DemoError } from './demo-feed';

/** One flagged record as the demo sees it. */
export interface FlaggedRecord {
  /** `event.id` of the record. */
  id: string;
  /** The stored message (for file input: the whole raw line). */
  message: string;
  /** Session the detector attributed it to, when known. */
  sessionId?: string;
  /** Detector reasons (e.g. `deeplog.unexpected_key`). */
  reasons: string[];
  /** Combined anomaly score 0..1. */
  score?: number;
  /** Human-readable explanation, when the collector stores one. */
  explanation?: string;
}

type Doc = Record<string, unknown>;

/** Reads a dotted path from a document that may be nested (`{a:{b:1}}`) or flat (`{"a.b":1}`). */
export function field(doc: Doc, dotted: string): unknown {
  if (dotted in doc) return doc[dotted];
  const [head, ...rest] = dotted.split('.');
  if (rest.length === 0 || head === undefined) return undefined;
  for (let i = 1; i <= rest.length; i++) {
    const key = [head, ...rest.slice(0, i - 1)].join('.');
    const v = doc[key];
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const r = field(v as Doc, rest.slice(i - 1).join('.'));
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

function firstString(doc: Doc, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = field(doc, k);
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

/** Maps one item of the `/anomalies` reply (an Elasticsearch-shaped document or a record with a verdict). */
export function toFlagged(item: unknown): FlaggedRecord | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const outer = item as Doc;
  const doc = (typeof outer._source === 'object' && outer._source !== null ? outer._source : outer) as Doc;
  const id = firstString(doc, ['event.id', 'id', 'record.id']) ?? (typeof outer._id === 'string' ? outer._id : undefined);
  if (!id) return undefined;
  const reasons = field(doc, 'anomaly.reasons') ?? field(doc, 'verdict.reasons') ?? field(doc, 'reasons');
  const score = field(doc, 'anomaly.score') ?? field(doc, 'verdict.score') ?? field(doc, 'score');
  const out: FlaggedRecord = {
    id,
    message: firstString(doc, ['message', 'record.message']) ?? '',
    reasons: Array.isArray(reasons) ? reasons.map(String) : [],
  };
  const session = firstString(doc, ['session.id', 'sessionId', 'verdict.sessionId', 'record.sessionId', 'anomaly.session_id']);
  if (session) out.sessionId = session;
  if (typeof score === 'number') out.score = score;
  const explanation = firstString(doc, ['anomaly.explanation', 'verdict.explanation', 'explanation']);
  if (explanation) out.explanation = explanation;
  return out;
}

/**
 * GETs `/anomalies?since=&limit=&kind=&group=false` and returns what it lists: every flagged
 * record (`kind` record), or every flagged closed session (`kind` session; `sessionId` set).
 * Ungrouped: the demo scores exact verdicts, not the grouped alert stream.
 */
export async function fetchAnomalies(collectorUrl: string, sinceIso: string, limit: number, kind: 'record' | 'session' = 'record'): Promise<FlaggedRecord[]> {
  const url = new URL('/anomalies', collectorUrl);
  url.searchParams.set('since', sinceIso);
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('kind', kind);
  url.searchParams.set('group', 'false');
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new DemoError('DEMO_STACK_FAILED', `GET /anomalies failed: ${(err as Error).message}`, { cause: err });
  }
  const text = await res.text();
  if (!res.ok) throw new DemoError('DEMO_STACK_FAILED', `GET /anomalies answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as unknown;
  const items = Array.isArray(body)
    ? body
    : ((): unknown[] => {
        const b = body as Doc;
        for (const k of ['anomalies', 'items', 'records', 'hits', 'results']) {
          const v = b[k];
          if (Array.isArray(v)) return v;
          if (typeof v === 'object' && v !== null && Array.isArray((v as Doc).hits)) return (v as Doc).hits as unknown[];
        }
        return [];
      })();
  return items.map(toFlagged).filter((x): x is FlaggedRecord => x !== undefined);
}
