/**
 * `npm run fuzz [-- --seed N --inputs N --case N,M | --variant KIND/VARIANT --concurrency N --out FILE --keep]`:
 * seeded hostile inputs against a real collector, detector and Elasticsearch; prints the
 * report as JSON (stdout or --out), progress on stderr; exits 1 when a check failed.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { casesOfVariant } from './generate';
import { runFuzz } from './run';

const USAGE = 'usage: npm run fuzz -- [--seed N] [--inputs N] [--case N,M,… | --variant KIND/VARIANT] [--concurrency N] [--max-rss-mib N] [--work DIR] [--out FILE] [--keep]';

function int(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

async function main(): Promise<number> {
  let opts;
  try {
    const { values } = parseArgs({
      options: {
        seed: { type: 'string' },
        inputs: { type: 'string' },
        case: { type: 'string' },
        variant: { type: 'string' },
        concurrency: { type: 'string' },
        'max-rss-mib': { type: 'string' },
        work: { type: 'string' },
        out: { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.case !== undefined && values.variant !== undefined) throw new Error('--case and --variant cannot be combined');
    const seed = int('seed', values.seed, 1, 0);
    const inputs = int('inputs', values.inputs, 10_000, 1);
    // --variant: only the cases of that kind among the first --inputs (e.g. file/truncate, to hunt a race).
    const cases = values.variant !== undefined ? casesOfVariant(seed, inputs, values.variant) : values.case?.split(',').map((c) => int('case', c.trim(), 0, 0));
    if (cases?.length === 0) throw new Error(`no case of --variant ${values.variant} among the first ${inputs} inputs of seed ${seed}; raise --inputs`);
    opts = {
      seed,
      inputs,
      ...(cases ? { cases } : {}),
      concurrency: int('concurrency', values.concurrency, 4, 1),
      maxRssMiB: int('max-rss-mib', values['max-rss-mib'], 1024, 1),
      work: values.work,
      out: values.out,
      keep: values.keep ?? false,
    };
  } catch (err) {
    process.stderr.write(`fuzz: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const workDir = opts.work ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'log-sentinel-fuzz-')));
  await fs.mkdir(workDir, { recursive: true });
  process.stderr.write(`fuzz: seed ${opts.seed}, ${opts.cases?.length ?? opts.inputs} inputs; services' logs in ${workDir}\n`);
  let last = 0;
  const report = await runFuzz({
    seed: opts.seed,
    inputs: opts.inputs,
    ...(opts.cases ? { cases: opts.cases } : {}),
    concurrency: opts.concurrency,
    maxRssMiB: opts.maxRssMiB,
    workDir,
    esUrl: process.env.ELASTIC_ADDR ?? 'http://127.0.0.1:9200',
    keepIndices: opts.keep,
    progress: (done, total) => {
      if (done === total || Date.now() - last > 2000) {
        last = Date.now();
        process.stderr.write(`fuzz: ${done}/${total}\n`);
      }
    },
  });
  const json = JSON.stringify(report, null, 2) + '\n';
  if (opts.out) await fs.writeFile(opts.out, json);
  else process.stdout.write(json);
  process.stderr.write(`fuzz: ${report.passed ? 'passed' : 'FAILED'} — ${report.inputs} inputs, ${report.crashes.length} crashes, ${report.serverErrors} 5xx, ${report.stalls} stalls, ${report.delivery.lost} lost, ${report.delivery.deadLettered} dead-lettered after a 2xx, max RSS collector ${report.maxRssMiB.collector} MiB / detector ${report.maxRssMiB.detector} MiB, ${report.durationS} s\n`);
  return report.passed ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`fuzz: ${(err as Error).message}\n`);
    process.exitCode = 2;
  },
);
