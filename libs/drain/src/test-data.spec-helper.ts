/** Test helper: reads the repository's own `testdata/` (repo root = the dir with nx.json; provenance in testdata/README.md). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';

/** The repository root: the nearest directory at or above this file holding nx.json. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${__dirname}`);
  }
}

/** Absolute path of a file under the repository's `testdata/`. */
export function dataPath(...parts: string[]): string {
  return path.join(repoRoot(), 'testdata', ...parts);
}

/** Lines of a loghub_2k system's raw log (CR kept, trailing empty line dropped). */
export function loghubLines(system: string): string[] {
  const lines = fs.readFileSync(dataPath('loghub_2k', system, `${system}_2k.log`), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The logparser header format of a loghub_2k system. */
export function loghubFormat(system: string): string {
  const formats = JSON.parse(fs.readFileSync(dataPath('loghub_2k', 'log_formats.json'), 'utf8')) as Record<string, { log_format: string }>;
  return formats[system]!.log_format;
}

/** Rows of a loghub structured CSV as objects (RFC 4180 quoting). */
export function loghubStructured(system: string): Record<string, string>[] {
  const text = fs.readFileSync(dataPath('loghub_2k', system, `${system}_2k.log_structured.csv`), 'utf8');
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'] }) as string[][];
  const header = rows[0]!;
  return rows.slice(1).filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]!])));
}

/** The 12 loghub_2k systems. */
export const SYSTEMS = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'BGL', 'HPC', 'Windows', 'Linux', 'Android', 'Apache', 'Proxifier', 'OpenSSH'];
