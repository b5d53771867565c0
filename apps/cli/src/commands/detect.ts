/**
 * `log-sentinel detect --model MODEL_DIR --input FILE --format keys|raw|ndjson [...] [--out FILE]`
 * → JSONL. For keys: one object per input line (session = 1-based line number), in order:
 * `{"session","is_anomaly","score","reasons","models":{"deeplog":{…},"iforest":{…}}}`.
 * raw/ndjson go to the detector pipeline (detect-raw).
 */
import type { Command } from 'commander';
import { EXIT_CODES_HELP } from '../cli-error';
import { checkInputFile } from '@log-sentinel/cli-kit';
import { detectKeySessions, loadKeysModels, readKeySessions } from '@log-sentinel/keys-workflow';
import { addInputFlags, checkKeysFlags, type CommonModelFlags } from './keys/options';
import { writeOutput } from './keys/output';
import { stderrProgress } from './keys/progress';
import { detectRaw } from './detect-raw';
import { compileLogFormatFlag } from './log-format-flag';
import { localModel } from './model-store';

interface DetectFlags extends CommonModelFlags {
  input: string;
  model: string;
  out?: string;
}

/** Registers the `detect` command. */
export function registerDetect(program: Command): void {
  addInputFlags(
    program
      .command('detect')
      .addHelpText('after', `\n${EXIT_CODES_HELP}`)
      .description('flag anomalous sessions (keys: one JSONL object per input line) or records (raw/ndjson)')
      .requiredOption('--model <dir>', 'model registry (uses current) or one version directory; or s3://bucket/prefix[/version]')
      .requiredOption('--input <file>', 'data to score')
      .option('--out <file>', 'JSONL output file (default stdout)'),
  ).action(async (o: DetectFlags) => {
    checkKeysFlags(o);
    const model = await localModel(o.model);
    try {
      await detect({ ...o, model: model.dir });
    } finally {
      await model.cleanup();
    }
  });
}

/** Runs `detect` on a local model directory. */
async function detect(o: DetectFlags): Promise<void> {
  const source = { command: 'detect', flag: '--input' };
  if (o.format !== 'keys') {
    checkInputFile(o.input, source);
    compileLogFormatFlag('detect', o.logFormat);
    const raw: Parameters<typeof detectRaw>[0] = { input: o.input, out: o.out ?? '-', format: o.format, model: o.model };
    if (o.logFormat !== undefined) raw.logFormat = o.logFormat;
    if (o.sessionRegex !== undefined) raw.sessionRegex = o.sessionRegex;
    if (o.sessionField !== undefined) raw.sessionField = o.sessionField;
    if (o.keyField !== undefined) raw.keyField = o.keyField;
    await detectRaw(raw);
    return;
  }
  const sessions = readKeySessions(o.input, source);
  const models = await loadKeysModels(o.model);
  try {
    const results = await detectKeySessions(models, sessions, stderrProgress());
    await writeOutput(o.out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const flagged = results.filter((r) => r.is_anomaly).length;
    process.stderr.write(`detect: ${results.length} sessions, ${flagged} anomalous (model ${models.version})\n`);
  } finally {
    await models.release();
  }
}
