/**
 * `log-sentinel eval --model MODEL_DIR --normal FILE --abnormal FILE --format keys
 * [--scale-normal N] [--out FILE]`: scores labelled sessions and prints precision, recall,
 * F1, TP/FP/FN as JSON on the last line. With `--scale-normal N` the false-positive rate
 * measured on the normal file is scaled to N normal sessions (e.g. 553366 for full HDFS).
 * Beside the combined verdict, each model alone: `deeplog` (the LSTM's rule and end check),
 * `invariants` (Invariants Mining, when the model has it), `pca` (with `train --pca`) and
 * `iforest` (the session forest) and `loganomaly` (with `train --loganomaly-templates`; its
 * rule is pure top-g, `loganomaly_top_g` says which g).
 */
import type { Command } from 'commander';
import { CliError, EXIT_CODES_HELP } from '../cli-error';
import { detectKeySessions, loadKeysModels, evalMetrics, readKeySessions } from '@log-sentinel/keys-workflow';
import { addInputFlags, checkKeysFlags, positiveInt, type CommonModelFlags } from './keys/options';
import { writeOutput } from './keys/output';
import { stderrProgress } from './keys/progress';
import { localModel } from './model-store';

interface EvalFlags extends CommonModelFlags {
  model: string;
  normal: string;
  abnormal: string;
  scaleNormal?: number;
  out?: string;
}

/** Registers the `eval` command. */
export function registerEval(program: Command): void {
  addInputFlags(
    program
      .command('eval')
      .addHelpText('after', `\n${EXIT_CODES_HELP}`)
      .description('precision / recall / F1 on labelled sessions; JSON on the last line')
      .requiredOption('--model <dir>', 'model registry (uses current) or one version directory; or s3://bucket/prefix[/version]')
      .requiredOption('--normal <file>', 'normal sessions (keys format)')
      .requiredOption('--abnormal <file>', 'abnormal sessions (keys format)')
      .option('--scale-normal <n>', 'scale the false-positive rate to this many normal sessions', positiveInt('--scale-normal'))
      .option('--out <file>', 'write the JSON result here as well as to stdout'),
  ).action(async (o: EvalFlags) => {
    checkKeysFlags(o);
    if (o.format !== 'keys') throw new CliError(`eval supports --format keys only (got ${o.format})`);
    const normal = readKeySessions(o.normal, { command: 'eval', flag: '--normal' });
    const abnormal = readKeySessions(o.abnormal, { command: 'eval', flag: '--abnormal' });
    const staged = await localModel(o.model);
    const models = await loadKeysModels(staged.dir).finally(() => staged.cleanup());
    try {
      const progress = stderrProgress();
      const a = await detectKeySessions(models, abnormal, progress);
      const n = await detectKeySessions(models, normal, progress);
      const scale = o.scaleNormal;
      const result: Record<string, unknown> = {
        ...evalMetrics(a.map((r) => r.is_anomaly), n.map((r) => r.is_anomaly), scale),
        normal_sessions: normal.length,
        abnormal_sessions: abnormal.length,
        measured_fp: n.filter((r) => r.is_anomaly).length,
        fp_rate: Number((n.filter((r) => r.is_anomaly).length / normal.length).toFixed(6)),
        scaled_to_normal: scale ?? null,
        model_version: models.version,
      };
      if (scale !== undefined) result.measured = evalMetrics(a.map((r) => r.is_anomaly), n.map((r) => r.is_anomaly));
      // each model alone, beside the combined verdict above
      result.deeplog = evalMetrics(a.map((r) => r.models.deeplog.is_anomaly), n.map((r) => r.models.deeplog.is_anomaly), scale);
      if (models.runtime.parts.invariants) {
        result.invariants = evalMetrics(a.map((r) => r.models.invariants?.is_anomaly ?? false), n.map((r) => r.models.invariants?.is_anomaly ?? false), scale);
      }
      if (models.runtime.parts.counts) {
        result.counts = evalMetrics(a.map((r) => r.models.counts?.is_anomaly ?? false), n.map((r) => r.models.counts?.is_anomaly ?? false), scale);
      }
      if (models.runtime.parts.pca) {
        result.pca = evalMetrics(a.map((r) => r.models.pca?.is_anomaly ?? false), n.map((r) => r.models.pca?.is_anomaly ?? false), scale);
      }
      if (models.iforest) {
        result.iforest = evalMetrics(a.map((r) => r.models.iforest?.is_anomaly ?? false), n.map((r) => r.models.iforest?.is_anomaly ?? false), scale);
      }
      if (models.loganomaly) {
        result.loganomaly = evalMetrics(a.map((r) => r.models.loganomaly?.is_anomaly ?? false), n.map((r) => r.models.loganomaly?.is_anomaly ?? false), scale);
        result.loganomaly_top_g = models.loganomaly.model.json.topG;
      }
      const line = JSON.stringify(result) + '\n';
      if (o.out !== undefined) await writeOutput(o.out, line);
      process.stdout.write(line);
    } finally {
      await models.release();
    }
  });
}
