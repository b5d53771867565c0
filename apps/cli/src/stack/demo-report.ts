/**
 * The demo's printed result: a table of the flagged records (with the injected label they
 * hit, or FP), the injected records that were missed, and precision/recall.
 */
import { toRawLine, type DemoRecord, type DetectionScore, type InjectedScenario } from '@log-sentinel/demo-generator';
import type { FlaggedRecord } from './anomalies-query';

/** A flagged record matched to the generated record it came from. */
export interface MatchedFlag {
  record: DemoRecord;
  flag: FlaggedRecord;
}

/** Matches flagged records to generated ones: by client id (HTTP) or by the raw line (file). */
export function matchFlags(records: readonly DemoRecord[], flags: readonly FlaggedRecord[]): { matched: MatchedFlag[]; unmatched: number } {
  const byId = new Map(records.map((r) => [r.id, r]));
  const byLine = new Map(records.map((r) => [toRawLine(r), r]));
  const seen = new Set<string>();
  const matched: MatchedFlag[] = [];
  let unmatched = 0;
  for (const flag of flags) {
    const record = byId.get(flag.id) ?? byLine.get(flag.message.trimEnd());
    if (!record) {
      unmatched++;
      continue;
    }
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    matched.push({ record, flag });
  }
  matched.sort((a, b) => a.record.timeMs - b.record.timeMs);
  return { matched, unmatched };
}

function cell(text: string, width: number): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** Renders the result as text lines. */
export function renderReport(input: {
  matched: readonly MatchedFlag[];
  records: readonly DemoRecord[];
  scenarios: readonly InjectedScenario[];
  score: DetectionScore;
  maxFalsePositiveRows?: number;
}): string {
  const out: string[] = [];
  const header = `${cell('#', 4)} ${cell('verdict', 7)} ${cell('injected', 15)} ${cell('session', 16)} ${cell('reasons', 44)} message`;
  out.push('Flagged records (TP = an injected anomalous record, FP = a normal record):', '', header, '-'.repeat(header.length + 40));
  const maxFp = input.maxFalsePositiveRows ?? 25;
  let fpShown = 0;
  let fpHidden = 0;
  input.matched.forEach((m, i) => {
    const tp = m.record.label !== undefined;
    if (!tp && fpShown >= maxFp) {
      fpHidden++;
      return;
    }
    if (!tp) fpShown++;
    out.push(
      `${cell(String(i + 1), 4)} ${cell(tp ? 'TP' : 'FP', 7)} ${cell(m.record.label?.kind ?? '-', 15)} ${cell(m.record.sessionId, 16)} ${cell(
        m.flag.reasons.join(', ') || '(none given)',
        44,
      )} ${cell(m.record.message, 90).trimEnd()}`,
    );
  });
  if (fpHidden > 0) out.push(`… and ${fpHidden} more false positives`);
  if (input.matched.length === 0) out.push('(nothing flagged)');
  const flaggedIds = new Set(input.matched.map((m) => m.record.id));
  const missed = input.records.filter((r) => r.label && !flaggedIds.has(r.id));
  out.push('', `Injected anomalous records not flagged: ${missed.length}`);
  for (const r of missed) out.push(`  ${cell(r.label!.kind, 15)} ${cell(r.label!.description, 40)} ${cell(r.message, 90).trimEnd()}`);
  const s = input.score;
  out.push(
    '',
    `Injected: ${input.scenarios.length} scenarios, ${s.records.tp + s.records.fn} anomalous records among ${input.records.length} records (${
      s.sessions.tp + s.sessions.fn
    } anomalous sessions among ${s.sessions.tp + s.sessions.fp + s.sessions.fn + s.sessions.tn}).`,
    `Record level:  precision ${pct(s.records.precision)}  recall ${pct(s.records.recall)}  F1 ${pct(s.records.f1)}  (TP ${s.records.tp}, FP ${s.records.fp}, FN ${s.records.fn})`,
    `Session level: precision ${pct(s.sessions.precision)}  recall ${pct(s.sessions.recall)}  F1 ${pct(s.sessions.f1)}  (TP ${s.sessions.tp}, FP ${s.sessions.fp}, FN ${s.sessions.fn})`,
    'Per kind (scenarios detected at the injected record / anywhere in their session):',
  );
  for (const [kind, k] of Object.entries(s.byKind)) {
    if (k.scenarios > 0) out.push(`  ${cell(kind, 15)} ${k.recordHits}/${k.scenarios} at the record, ${k.sessionHits}/${k.scenarios} in the session`);
  }
  return out.join('\n');
}
