/**
 * `log-sentinel` command line: parse, train, detect, eval, models (benchmarks: apps/bench, `npm run bench`).
 * Each command lives in `./commands/<name>.ts` and exports `register(program)`.
 */
import { Command, CommanderError } from 'commander';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, EXIT_CODES_HELP } from './cli-error';

/**
 * The commands, loaded on demand: a run loads only the module of the command it names (so
 * `parse` does not pay for onnxruntime), help and unknown commands load them all.
 */
const COMMANDS: Record<string, string> = {
  parse: 'registerParse',
  train: 'registerTrain',
  detect: 'registerDetect',
  feedback: 'registerFeedback',
  eval: 'registerEval',
  models: 'registerModels',
};

/** Loads `./commands/<name>.js` and returns its register function. */
async function loadCommand(name: string): Promise<(program: Command) => void> {
  // A file URL with the extension: import() of a bare CommonJS path fails under Node's ESM loader.
  const file = pathToFileURL(path.join(__dirname, 'commands', `${name}.js`)).href;
  const mod = (await import(file)) as Record<string, (program: Command) => void>;
  return mod[COMMANDS[name]!]!;
}

const program = new Command('log-sentinel')
  .description('Flags anomalous logs with Drain, DeepLog (ONNX) and an Isolation Forest.')
  .showHelpAfterError()
  .exitOverride();

program.addHelpText(
  'after',
  `
Examples (from the repository root; testdata/ holds real public logs):
  $ log-sentinel parse --input testdata/loghub_2k/HDFS/HDFS_2k.log --log-format '<Date> <Time> <Pid> <Level> <Component>: <Content>' --out parsed.jsonl
  $ log-sentinel train --input testdata/hdfs_deeplog/hdfs_train --format keys --out models/hdfs
  $ log-sentinel detect --model models/hdfs --input testdata/hdfs_deeplog/hdfs_test_abnormal --format keys --out verdicts.jsonl
  $ log-sentinel train --input app.log --format raw --session-regex 'session=(\\S+)' --out models/app
  $ log-sentinel detect --model models/app --input app.ndjson --format ndjson --session-field session.id
  $ log-sentinel train --input app.log --format raw --out s3://models/app   # S3 settings: MODEL_STORE_* (docs/detector.md)
  $ log-sentinel models list --store s3://models/app
  $ log-sentinel models promote v20260101T000000000Z-ab12 --store s3://models/app

Services (from the repository root):
  npm start       detector (gRPC :50051) + collector (HTTP :8080), no set-up, no Elasticsearch needed
  npm run demo    generated web-shop logs with injected anomalies; prints flagged records, precision, recall

${EXIT_CODES_HELP}
Docs: docs/architecture.md, docs/api.md, docs/operations.md`,
);

async function run(): Promise<void> {
  try {
    const named = process.argv[2];
    const names = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
    for (const name of names) (await loadCommand(name))(program);
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
