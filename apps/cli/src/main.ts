/**
 * `log-sentinel` command line: parse, train, detect, eval, bench.
 * Each command lives in `./commands/<name>.ts` and exports `register(program)`.
 */
import { Command, CommanderError } from 'commander';
import { registerBench } from './commands/bench';
import { registerParse } from './commands/parse';
import { CliError } from './cli-error';

const program = new Command('log-sentinel')
  .description('Flags anomalous logs with Drain, DeepLog (ONNX) and an Isolation Forest.')
  .showHelpAfterError()
  .exitOverride();

registerBench(program);
registerParse(program);

async function run(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof CliError) {
      process.stderr.write(`log-sentinel: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`log-sentinel: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}

void run();
