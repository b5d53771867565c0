/** Reads `log-sentinel detect --format raw` JSONL into session flags (records, then `kind: "session"` verdicts). */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { SessionFlags } from './session-score';

/** What a detect output held. */
export interface DetectOutputCounts {
  /** Per-line objects (`kind` "record", or no kind before issue 11). */
  records: number;
  /** Per-session objects (`kind` "session"). */
  sessionLines: number;
}

/** A detect output object's verdict as the path scores it (default: `is_anomaly`). */
export type Judge = (o: { is_anomaly: boolean; reasons?: string[] }) => boolean;

/** Feeds every record of `file` to `flags` (line → source session via `lineSession`), then every session verdict. */
export async function readDetectOutput(file: string, lineSession: Int32Array, flags: SessionFlags, judge: Judge = (o) => o.is_anomaly): Promise<DetectOutputCounts> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const sessions: { session: string; is_anomaly: boolean }[] = [];
  let records = 0;
  for await (const text of rl) {
    if (!text.trim()) continue;
    const o = JSON.parse(text) as { kind?: string; line?: number; session: string | number; is_anomaly: boolean; reasons?: string[] };
    if (o.kind === 'session') {
      sessions.push({ session: String(o.session), is_anomaly: judge(o) });
      continue;
    }
    const s = o.line !== undefined ? lineSession[o.line - 1] : undefined;
    if (s === undefined) throw new Error(`${file}: record without a known input line: ${text.slice(0, 200)}`);
    flags.record(s, String(o.session), judge(o));
    records++;
  }
  for (const v of sessions) flags.sessionVerdict(v.session, v.is_anomaly);
  return { records, sessionLines: sessions.length };
}
