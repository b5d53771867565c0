/**
 * `log-sentinel bench NAME [args…]`: runs a benchmark from `../bench/NAME.ts`, which
 * exports `run(args: string[]): Promise<unknown>` and prints its result as JSON.
 */
import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, EXIT_CODES_HELP } from '../cli-error';

/** Available benchmarks: every module in ../bench. */
export function benchmarkNames(): string[] {
  const dir = path.join(__dirname, '..', 'bench');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(js|ts)$/.test(f) && !/\.(spec|d)\./.test(f) && !f.endsWith('.map'))
    .map((f) => f.replace(/\.(js|ts)$/, ''))
    .filter((n, i, all) => all.indexOf(n) === i)
    .sort();
}

/** Registers the `bench` command. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
    .description('run a benchmark and print its result as JSON (see docs/benchmarks.md)')
    .argument('[name]', 'benchmark to run; omit to run all')
    .argument('[args...]', 'arguments passed to the benchmark')
    .allowUnknownOption(true)
    .action(async (name: string | undefined, args: string[]) => {
      const names = benchmarkNames();
      const selected = name ? [name] : names;
      for (const n of selected) {
        if (!names.includes(n)) throw new CliError(`unknown benchmark "${n}" (have: ${names.join(', ') || 'none'})`);
        // A file URL with the extension: import() of a bare CommonJS path fails under Node's ESM loader.
        const file = pathToFileURL(path.join(__dirname, '..', 'bench', `${n}.js`)).href;
        type Bench = { run(args: string[]): Promise<unknown> };
        const mod = (await import(file)) as Partial<Bench> & { default?: Bench };
        await (mod.run ?? mod.default!.run)(args);
      }
    });
}
