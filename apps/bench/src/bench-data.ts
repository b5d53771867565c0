/**
 * Where the benchmarks find their data: `--data DIR`, by default the repository's own
 * `testdata/`. A missing directory or file is a CliError that names the path and, for the
 * sets testdata/ does not carry, where to get them (docs/benchmarks.md "Data").
 * Lives outside `benchmarks/` because every module there is listed as a benchmark.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '@log-sentinel/cli-kit';
import { parse } from 'csv-parse/sync';

/** The public source of each data subdirectory a benchmark may read. */
export const DATA_SOURCES: Readonly<Record<string, string>> = {
  loghub_2k: 'testdata/loghub_2k, or logpai/logparser data/loghub_2k',
  loghub_2k_corrected: 'logpai/logparser data/loghub_2k_corrected (not in testdata/)',
  hdfs_deeplog: 'testdata/hdfs_deeplog, or wuyifan18/DeepLog data/ (the normal subset: dherath/Log_Anomaly_Mask data/hdfs_train_increased)',
  labeled_raw: 'testdata/labeled_raw (derived from logpai/loghub, see testdata/README.md)',
};

/** The repository root: the nearest directory at or above `from` holding nx.json. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${from}`);
  }
}

/** The value after flag `name` in a benchmark's `args` (undefined when the flag is absent). */
export function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The data directory of a benchmark run: `--data DIR` from `args`, else `<repo root>/testdata`. */
export function benchDataDir(args: readonly string[]): string {
  const k = args.indexOf('--data');
  const given = k >= 0 ? args[k + 1] : undefined;
  if (k >= 0 && (given === undefined || given === '' || given.startsWith('--'))) {
    throw new CliError('--data needs a directory (laid out like testdata/, see docs/benchmarks.md)');
  }
  const dir = path.resolve(given ?? path.join(repoRoot(), 'testdata'));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new CliError(`data directory ${dir} does not exist or is not a directory (--data DIR: laid out like testdata/, see docs/benchmarks.md)`);
  }
  return dir;
}

/**
 * Absolute path of `parts` under `dataDir`, checked before a benchmark starts its work; a
 * missing file is a CliError naming it, the public source of its subdirectory and `hint`.
 */
export function benchDataFile(bench: string, dataDir: string, parts: readonly string[], hint?: string): string {
  const file = path.join(dataDir, ...parts);
  if (fs.existsSync(file)) return file;
  const source = DATA_SOURCES[parts[0] ?? ''];
  const where = source ? `; get ${parts[0]}/ from ${source} and pass the directory holding it as --data DIR` : '';
  throw new CliError(`bench ${bench}: missing ${file}${where}${hint ? ` (${hint})` : ''}; see docs/benchmarks.md "Data"`);
}

/** Rows of a CSV file (RFC 4180 quoting; loghub's structured files), by csv-parse. */
export function readCsv(file: string): string[][] {
  return parse(fs.readFileSync(file, 'utf8'), { relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'] }) as string[][];
}
