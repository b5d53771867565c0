/**
 * Sessions a live learning cut leaves open. The detector's first model learns from the records
 * that arrived up to its learning target; the sessions active at that moment are cut short,
 * and training on them as if they had ended teaches DeepLog, the workflow graph and the count
 * models that a session may stop after any step (a fake end per open session: enough to widen
 * the calibrated top-g and to break every count relation). A session counts as open when its
 * silence at the cut (from its last record to the newest record of its stream in the cut) is
 * no longer than the longest ordinary pause inside sessions: the given quantile of the gaps
 * between consecutive records of one session, measured on the same data. The end is taken per
 * stream (service and host) because delivery channels lag differently: a tailed file arrives
 * seconds behind HTTP posts, so its sessions are cut earlier in event time.
 */

/** One record's place in the learning data: its session and its time (event time, or arrival order). */
export interface CutPoint {
  /** Session id. */
  session: string;
  /** The stream it arrived on (service and host): the cut's end is measured per stream. */
  stream: string;
  /** Event time in ms, or the record's position when the records carry no time. */
  at: number;
}

/** Quantile of the within-session gaps taken as the longest ordinary pause. */
export const OPEN_GAP_QUANTILE = 0.99;

/** Ids of the sessions still open at the end of `points` (in arrival order); empty when no session has two records. */
export function openSessionsAtCut(points: readonly CutPoint[], quantile = OPEN_GAP_QUANTILE): Set<string> {
  const last = new Map<string, { at: number; stream: string }>();
  const end = new Map<string, number>();
  const gaps: number[] = [];
  for (const p of points) {
    const prev = last.get(p.session);
    if (prev !== undefined) gaps.push(Math.max(0, p.at - prev.at));
    last.set(p.session, { at: prev === undefined ? p.at : Math.max(prev.at, p.at), stream: p.stream });
    if (!(p.at <= (end.get(p.stream) ?? -Infinity))) end.set(p.stream, p.at);
  }
  const open = new Set<string>();
  if (gaps.length === 0) return open;
  gaps.sort((a, b) => a - b);
  const pause = gaps[Math.min(gaps.length - 1, Math.floor(quantile * gaps.length))]!;
  for (const [session, l] of last) if (end.get(l.stream)! - l.at <= pause) open.add(session);
  return open;
}
