/**
 * `log-sentinel-bench NAME [args…]` (`npm run bench NAME -- args`): runs a benchmark from
 * `./benchmarks/NAME.ts`, which exports `run(args: string[]): Promise<unknown>` and prints its
 * result as JSON. Benchmarks are kept out of the shipped `log-sentinel` CLI; where they need
 * it they run the built CLI as a child process or use the libraries it is made of.
 */
import { CliError, EXIT } from '@log-sentinel/cli-kit';
import { Command, CommanderError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Exit codes of `log-sentinel-bench`, as its `--help` lists them. */
const EXIT_CODES_HELP = `Exit codes:
  0  success
  ${EXIT.failure}  failure while running: an I/O error, a process that did not start, or a bug
  ${EXIT.usage}  bad usage or input: unknown benchmark or flag, missing data (the message names it)`;

const BENCH_DIR = path.join(__dirname, 'benchmarks');

/** Available benchmarks: every module in ./benchmarks. */
export function benchmarkNames(): string[] {
  if (!fs.existsSync(BENCH_DIR)) return [];
  return fs
    .readdirSync(BENCH_DIR)
    .filter((f) => /\.(js|ts)$/.test(f) && !/\.(spec|d)\./.test(f) && !f.endsWith('.map'))
    .map((f) => f.replace(/\.(js|ts)$/, ''))
    .filter((n, i, all) => all.indexOf(n) === i)
    .sort();
}

const program = new Command('log-sentinel-bench')
  .description('run a benchmark and print its result as JSON (see docs/benchmarks.md)')
  .argument('[name]', 'benchmark to run; omit to run all')
  .argument('[args...]', 'arguments passed to the benchmark')
  .allowUnknownOption(true)
  .showHelpAfterError()
  .exitOverride()
  .addHelpText('after', `\nExample (from the repository root): npm run bench drain -- --skip-accuracy\n\n${EXIT_CODES_HELP}`)
  .action(async (name: string | undefined, args: string[]) => {
    const names = benchmarkNames();
    const selected = name ? [name] : names;
    for (const n of selected) {
      if (!names.includes(n)) throw new CliError(`unknown benchmark "${n}" (have: ${names.join(', ') || 'none'})`);
      // A file URL with the extension: import() of a bare CommonJS path fails under Node's ESM loader.
      const file = pathToFileURL(path.join(BENCH_DIR, `${n}.js`)).href;
      type Bench = { run(args: string[]): Promise<unknown> };
      const mod = (await import(file)) as Partial<Bench> & { default?: Bench };
      await (mod.run ?? mod.default!.run)(args);
    }
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    if (err instanceof CliError) {
      process.stderr.write(`log-sentinel-bench: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`log-sentinel-bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.failure;
  }
}

if (require.main === module) void main();
