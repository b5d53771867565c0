/**
 * `log-sentinel train --input FILE --format keys|raw|ndjson [...] --out MODEL_DIR`: trains every
 * model that applies and writes a model registry (new version + `current`). `keys` is
 * handled here (DeepLog + Isolation Forest); raw/ndjson go to the detector pipeline (train-raw).
 */
import type { Command } from 'commander';
import * as fs from 'node:fs';
import { CliError, EXIT_CODES_HELP } from '../cli-error';
import { addInputFlags, checkKeysFlags, oneOf, positiveInt, probability, type CommonModelFlags } from './keys/options';
import { stderrProgress } from './keys/progress';
import { checkInputFile } from '@log-sentinel/cli-kit';
import { readKeySessions, readTemplatesFile, trainKeys } from '@log-sentinel/keys-workflow';
import { trainRaw } from './train-raw';
import { definedOnly } from '@log-sentinel/pipeline';
import { LOGANOMALY_ARCHITECTURES, type LogAnomalyArchitecture } from '@log-sentinel/loganomaly';
import { addDrainFlags, DRAIN_FLAG_KEYS, drainOptionsFromFlags, hasDrainFlags, type DrainFlags } from './drain-config/flags';
import { compileLogFormatFlag } from './log-format-flag';
import { deeplogFields, secondsOf, summaryLine } from './train-summary';
import { isS3Uri, trainOut, type TrainOut } from './model-store';

interface TrainFlags extends CommonModelFlags, DrainFlags {
  input: string;
  out: string;
  model?: string;
  window?: number;
  topG?: number;
  seed?: number;
  threads?: number;
  epochs?: number;
  maxTrainSeconds?: number;
  acceptProbability?: number;
  workflowThreshold?: number;
  invariantsSupport?: number;
  pca?: boolean;
  loganomaly?: boolean;
  countRange?: boolean;
  keyFloor?: number;
  valueConfidence?: number;
  loganomalyTemplates?: string;
  loganomalyArchitecture?: LogAnomalyArchitecture;
}

/** Creates the registry root up front, so an unwritable --out fails before training, not after. */
function ensureOutDir(out: string): void {
  try {
    fs.mkdirSync(out, { recursive: true });
  } catch (err) {
    throw new CliError(`train: cannot create --out '${out}': ${(err as Error).message}`, undefined, { cause: err });
  }
}

/** Registers the `train` command. */
export function registerTrain(program: Command): void {
  const cmd = addInputFlags(
    program
      .command('train')
      .addHelpText('after', `\n${EXIT_CODES_HELP}`)
      .description('train the models on normal data and write a model directory (registry: version + current)')
      .requiredOption('--input <file>', 'training data (normal behaviour)')
      .requiredOption('--out <dir>', 'model registry directory to write (created if missing), or s3://bucket/prefix'),
  )
    .option('--model <dir>', 'raw/ndjson: existing model directory to start from')
    .option('--window <n>', 'keys: DeepLog window h (default 10)', positiveInt('--window'))
    .option('--top-g <n>', 'keys: DeepLog top-g rule (default 9)', positiveInt('--top-g'))
    .option('--seed <n>', 'DeepLog training seed (default 1)', positiveInt('--seed'))
    .option('--threads <n>', 'keys: training threads, 1 or 2 (default 2)', positiveInt('--threads'))
    .option('--epochs <n>', 'keys: maximum DeepLog epochs (default 60; early stopping may end sooner)', positiveInt('--epochs'))
    .option('--accept-probability <p>', 'a key outside the top g is still normal when DeepLog gives it at least p (default 3e-4; 0 = pure top-g)', probability('--accept-probability'))
    .option('--key-floor <f>', 'a key DeepLog gives less than f × the 1% quantile of the probabilities of its training keys is flagged whatever its rank (default 0 = no key floor; 0.1 is what the cross-validation preferred, docs/deeplog.md)', probability('--key-floor'))
    .option('--invariants-support <s>', 'Invariants Mining: keep a count relation between templates when at least this share of the training sessions satisfies it; a closing session that breaks one is flagged invariants.violated (default 0.999, chosen on training data; Lou et al. and loglizer use 0.98; 0 = no invariants)', probability('--invariants-support'))
    .option('--pca', 'also fit PCA on the sessions\' template counts (Xu et al. 2009 as loglizer runs it: TF-IDF, zero-mean, 95 % variance, Q-statistic at alpha 0.001); a closing session far from the normal subspace is flagged pca.spe. A baseline, off by default')
    .option('--loganomaly', 'raw/ndjson: also train LogAnomaly (Meng et al. 2019) with Drain\'s templates as their meaning; the detector ranks each session\'s templates with it and flags a closing session loganomaly.unexpected_key or loganomaly.unseen_template (docs/loganomaly.md). Off by default')
    .option('--count-range', 'carry the count-range check: a closing session holding a template fewer or more times than any training session did is flagged counts.out_of_range (the default: the cross-validation on training data prefers it on once its synthetic anomalies include a count anomaly, docs/deeplog.md)')
    .option('--no-count-range', 'leave the count-range check out')
    .option('--workflow-threshold <p>', 'workflow check: a transition never seen in training is flagged when the chance of a new successor of the key before it is below a threshold calibrated on the training data, at most p (default 0.02; 0 = no workflow check)', probability('--workflow-threshold'))
    .option('--value-confidence <c>', 'raw/ndjson: parameter-value model, two-sided confidence of the interval its prediction errors may fall in (default: the lowest of 0.99 … 1 − 1e-10 that flags at most 0.1% of held-out training vectors; 0 = no value models)', probability('--value-confidence'))
    .option('--loganomaly-templates <file>', 'keys: also train LogAnomaly (Meng et al. 2019; semantics from the templates\' own words, top-g chosen on held-out training sessions); the file gives every key\'s template (CSV "EventId,EventTemplate", E<k> = key k, as loghub\'s HDFS_templates.csv)')
    .option('--loganomaly-architecture <a>', `with --loganomaly or --loganomaly-templates: LogAnomaly's network, one of ${LOGANOMALY_ARCHITECTURES.join(', ')}: one LSTM reading the semantic and count vectors together, or the paper's two LSTMs (one per pattern) joined before the softmax layer (default one: measured equal on HDFS and ahead on the training-data cross-validation, docs/loganomaly.md)`, oneOf('--loganomaly-architecture', LOGANOMALY_ARCHITECTURES))
    .option('--max-train-seconds <n>', 'keys: wall-time budget of DeepLog training; the best epoch so far is kept (default: none, early stopping decides)', positiveInt('--max-train-seconds'));
  addDrainFlags(cmd)
    .action(async (o: TrainFlags) => {
      checkKeysFlags(o);
      if (isS3Uri(o.out)) {
        // checks the flags and the store first, trains into a temp registry, then publishes
        const out = await trainOut(o.out);
        try {
          await train({ ...o, out: out.dir }, out);
        } finally {
          await out.cleanup();
        }
        return;
      }
      await train(o, undefined);
    });
}

/** Runs `train` into a local registry directory (`s3`: then published there). */
async function train(o: TrainFlags, s3: TrainOut | undefined): Promise<void> {
  const started = performance.now();
  // Every check of the flags and the input comes before training (and before --out is created).
  if (o.valueConfidence !== undefined && o.valueConfidence >= 1) throw new CliError('--value-confidence must be below 1 (e.g. 0.9999), or 0 for no value models');
  if (o.loganomalyArchitecture !== undefined && !o.loganomaly && o.loganomalyTemplates === undefined) {
    throw new CliError(`--loganomaly-architecture needs LogAnomaly: add ${o.format === 'keys' ? '--loganomaly-templates FILE' : '--loganomaly'} (--format ${o.format})`);
  }
  if (o.format !== 'keys') {
    if (o.loganomalyTemplates !== undefined) throw new CliError(`--loganomaly-templates applies to --format keys only (got ${o.format}); use --loganomaly`);
    checkInputFile(o.input, { command: 'train', flag: '--input' });
    compileLogFormatFlag('train', o.logFormat);
    const drain = hasDrainFlags(o) ? await drainOptionsFromFlags('train', o) : undefined;
    ensureOutDir(o.out);
    await trainRaw({
      input: o.input,
      out: o.out,
      format: o.format,
      ...definedOnly({
        logFormat: o.logFormat,
        sessionRegex: o.sessionRegex,
        sessionField: o.sessionField,
        keyField: o.keyField,
        workflowThreshold: o.workflowThreshold,
        invariantsSupport: o.invariantsSupport,
        pca: o.pca || undefined,
        loganomaly: o.loganomaly || undefined,
        loganomalyArchitecture: o.loganomalyArchitecture,
        countRange: o.countRange,
        keyFloorFactor: o.keyFloor,
        acceptProbability: o.acceptProbability,
        valueConfidence: o.valueConfidence,
        seed: o.seed,
        publish: s3 ? (v: string, dir: string) => s3.publish(v, dir) : undefined,
        model: o.model,
        drain,
      }),
    });
    return;
  }
  if (o.loganomaly) throw new CliError('--loganomaly applies to --format raw and ndjson; for --format keys give --loganomaly-templates FILE (keys have no template text)');
  const drainFlag = DRAIN_FLAG_KEYS.find((k) => o[k] !== undefined);
  if (drainFlag !== undefined) throw new CliError(`--${drainFlag.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} does not apply to --format keys (no Drain: the keys are the templates)`);
  const sessions = readKeySessions(o.input, { command: 'train', flag: '--input' });
  const loganomalyTemplates = o.loganomalyTemplates === undefined ? undefined : readTemplatesFile(o.loganomalyTemplates);
  ensureOutDir(o.out);
  process.stderr.write('train: training deeplog\n');
  const r = await trainKeys(sessions, { out: o.out, inputName: o.input, window: o.window, topG: o.topG, seed: o.seed, threads: o.threads, epochs: o.epochs, maxTrainSeconds: o.maxTrainSeconds, acceptProbability: o.acceptProbability, workflowThreshold: o.workflowThreshold, invariantsSupport: o.invariantsSupport, pca: o.pca, countRange: o.countRange, keyFloorFactor: o.keyFloor, ...(loganomalyTemplates ? { loganomalyTemplates } : {}), ...definedOnly({ loganomalyArchitecture: o.loganomalyArchitecture }) }, stderrProgress({ plainLines: true }));
  const where = s3 ? await s3.publish(r.version, r.dir) : { model_dir: o.out, dir: r.dir };
  process.stdout.write(
    summaryLine({
      format: 'keys', model_dir: where.model_dir, version: r.version, dir: where.dir, records: sessions.reduce((n, s) => n + s.length, 0), sessions: sessions.length, templates: null,
      ...deeplogFields(r.model.training, r.model.vocabulary.size),
      deeplog_train_s: secondsOf(r.deeplogTrainMs), iforest_train_s: secondsOf(r.iforestTrainMs),
      loganomaly_train_s: r.loganomaly ? secondsOf(r.loganomalyTrainMs) : null, loganomaly_top_g: r.loganomaly?.json.topG ?? null, seconds: secondsOf(performance.now() - started),
    }),
  );
}
