/**
 * The Drain3 baseline of `bench drain` (speed part): `python3 drain3_parse.py` — Drain3
 * (`pip install drain3`) doing parse's work on the first N lines of the same input, as a whole
 * process, in the same run. Skipped with a note when python3 or drain3 is missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../bench-data';

/** What the Drain3 run measured, or why it did not run. */
export type Drain3Result =
  | { ran: true; lines: number; seconds: number; linesPerSecond: number; peakRssMiB: number; script: string; masks: string }
  | { ran: false; reason: string };

/** Runs Drain3 on the first `lines` lines of `input` (whole process, wall clock). */
export function runDrain3(input: string, lines: number, logFormat: string, workDir: string): Drain3Result {
  const script = path.join(repoRoot(), 'apps', 'bench', 'src', 'benchmarks', 'drain3_parse.py');
  const probe = spawnSync('python3', ['-c', 'import drain3'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return { ran: false, reason: 'python3 with drain3 is not installed (pip install drain3)' };
  const head = path.join(workDir, 'drain3-input.log');
  const all = fs.readFileSync(input, 'utf8');
  let end = 0;
  for (let k = 0; k < lines && end >= 0; k++) end = all.indexOf('\n', end) + 1 || -1;
  fs.writeFileSync(head, end > 0 ? all.slice(0, end) : all);
  const t0 = process.hrtime.bigint();
  const r = spawnSync('python3', [script, head, logFormat, path.join(workDir, 'drain3-out.jsonl')], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) return { ran: false, reason: `drain3 run failed (${r.status}): ${r.stderr.trim().split('\n').pop() ?? ''}` };
  const [n, , rssKiB] = r.stdout.trim().split(' ').map(Number);
  return {
    ran: true,
    lines: n!,
    seconds,
    linesPerSecond: Math.round(n! / seconds),
    peakRssMiB: Math.round(rssKiB! / 1024),
    script: 'apps/bench/src/benchmarks/drain3_parse.py',
    masks: "Drain3's examples/drain3.ini masks (ID, IP, SEQ, HEX, NUM, CMD), its defaults otherwise",
  };
}
