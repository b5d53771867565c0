import type { LogAnomalyModel } from './model';
import { distinctWindows, encodeRows, paddedIndices } from './windows';

/** Reason of a session whose next key fell outside the top g. */
export const UNEXPECTED_KEY = 'loganomaly.unexpected_key';
/** Reason of a session holding a template far from every known one. */
export const UNSEEN_TEMPLATE = 'loganomaly.unseen_template';

/** Scores windows: inputs count × window × width → outputs count × width. */
export type WindowScorer = (inputs: Float32Array, count: number) => Promise<Float32Array> | Float32Array;

/** An unseen key of a session and where it went. */
export interface UnseenKey {
  /** 0-based position in the session. */
  position: number;
  /** The key. */
  key: string;
  /** Known key it was mapped to (null = too far, flagged). */
  mappedTo: string | null;
  /** Nearest known key and its similarity (0 when the key has no template text). */
  nearest: string | null;
  similarity: number;
}

/** Verdict of one session. */
export interface LogAnomalyVerdict {
  /** Flagged: a next key outside the top g, or an unseen template with no near known one. */
  isAnomaly: boolean;
  /** 0..1: (largest rank − 1) / classes, 1 for an unmapped unseen template. */
  score: number;
  /** Distinct reasons. */
  reasons: string[];
  /** Largest rank of an actual next key (the end included); 1 = always the top prediction. */
  maxRank: number;
  /** First position whose rank exceeded g (the session length = its end), or null. */
  firstUnexpected: number | null;
  /** Unseen keys (mapped or not). */
  unseen: UnseenKey[];
}

/** Windows scored per call of the scorer. */
const CHUNK = 1024;

/** Rank (1 = best) of class `actual` among the first `classes` outputs at `off`. */
export function classRank(scores: Float32Array, off: number, classes: number, actual: number): number {
  const a = scores[off + actual]!;
  let r = 1;
  for (let c = 0; c < classes; c++) if (c !== actual && scores[off + c]! > a) r++;
  return r;
}

/** A key resolved to a class index: known, mapped to its nearest known key, or too far (`unseen.mappedTo` null). */
export interface ResolvedKey {
  /** Class index the key is scored as (its own, or its nearest known key's). */
  index: number;
  /** Set for an unseen key: where it went. */
  unseen: Omit<UnseenKey, 'position'> | null;
}

/**
 * Resolves keys to class indices: a known key is its own class; an unseen key is mapped to its
 * nearest known key by its template text (`textOf`, else the model's catalogue) when similar
 * enough, and otherwise scored as its nearest and marked too far. Remembers each unseen key.
 */
export class KeyResolver {
  private readonly cache = new Map<string, ResolvedKey>();

  constructor(private readonly model: LogAnomalyModel, private readonly textOf?: (key: string) => string | undefined) {}

  /** The class of `key` (`text`: its template text when the caller has it). */
  resolve(key: string, text?: string): ResolvedKey {
    const known = this.model.indexOf(key);
    if (known !== undefined) return { index: known, unseen: null };
    let m = this.cache.get(key);
    if (!m) {
      const t = text ?? this.textOf?.(key) ?? this.model.textOf(key);
      if (t === undefined) {
        m = { index: 0, unseen: { key, mappedTo: null, nearest: null, similarity: 0 } };
      } else {
        const near = this.model.semantics.match(t);
        m = { index: this.model.indexOf(near.nearest) ?? 0, unseen: { key, mappedTo: near.key, nearest: near.nearest, similarity: Number(near.similarity.toFixed(4)) } };
      }
      this.cache.set(key, m);
    }
    return m;
  }
}

/** Ranks of every next key (and the end) of each session, and its unseen keys. */
export interface SessionRanks {
  /** Per position 0..n (n = the end): rank (1 = best) of the actual next class. */
  ranks: Int32Array;
  /** Unseen keys (mapped or not). */
  unseen: UnseenKey[];
}

/**
 * Ranks, through `scorer` (the TypeScript forward pass or onnxruntime), every next key and
 * the end of each session of keys. Unseen keys are mapped to the nearest known key by their
 * template text (the model's catalogue, or `textOf`) when similar enough; a key too far from
 * every known one is scored as its nearest and listed with `mappedTo: null`.
 */
export async function rankSessions(model: LogAnomalyModel, sessions: readonly (readonly string[])[], scorer: WindowScorer,
  opts: { textOf?: (key: string) => string | undefined } = {}): Promise<SessionRanks[]> {
  const h = model.json.window;
  const enc = model.encoder;
  const resolver = new KeyResolver(model, opts.textOf);
  const lookup = (key: string) => resolver.resolve(key);
  const unseen: UnseenKey[][] = [];
  const padded = sessions.map((s) => {
    const u: UnseenKey[] = [];
    const idx = s.map((k, position) => {
      const l = lookup(k);
      if (l.unseen) u.push({ position, ...l.unseen });
      return l.index;
    });
    unseen.push(u);
    return paddedIndices(idx, h);
  });
  const d = distinctWindows(padded, h, enc.keys);
  const W = enc.width;
  const rowRanks = new Int32Array(d.rows.length);
  for (let s = 0; s < d.rows.length; s += CHUNK) {
    const rows = d.rows.slice(s, s + CHUNK);
    const out = await scorer(encodeRows(enc, padded, rows), rows.length);
    rows.forEach((_, i) => (rowRanks[s + i] = classRank(out, i * W, enc.classes, d.targets[s + i]!)));
  }
  return d.rowOf.map((rowOf, i) => ({ ranks: rowOf.map((row) => rowRanks[row]!), unseen: unseen[i]! }));
}

/**
 * Scores sessions of keys with `model` (its top g; `topG` overrides it) through `scorer`:
 * a next key (or the end) ranked below g flags {@link UNEXPECTED_KEY}; an unseen key too far
 * from every known template flags {@link UNSEEN_TEMPLATE} (see {@link rankSessions}).
 */
export async function scoreSessions(model: LogAnomalyModel, sessions: readonly (readonly string[])[], scorer: WindowScorer,
  opts: { topG?: number; textOf?: (key: string) => string | undefined } = {}): Promise<LogAnomalyVerdict[]> {
  const g = opts.topG ?? model.json.topG;
  const classes = model.encoder.classes;
  return (await rankSessions(model, sessions, scorer, opts)).map(({ ranks, unseen: u }) => {
    let maxRank = 1;
    let first: number | null = null;
    ranks.forEach((r, pos) => {
      maxRank = Math.max(maxRank, r);
      if (r > g && first === null) first = pos;
    });
    const far = u.some((x) => x.mappedTo === null);
    const reasons = [...(first !== null ? [UNEXPECTED_KEY] : []), ...(far ? [UNSEEN_TEMPLATE] : [])];
    const score = far ? 1 : (maxRank - 1) / classes;
    return { isAnomaly: reasons.length > 0, score: Number(score.toFixed(6)), reasons, maxRank, firstUnexpected: first, unseen: u };
  });
}
