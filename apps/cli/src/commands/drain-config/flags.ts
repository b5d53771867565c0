/**
 * Drain flags of `parse` and `train` (Drain3's settings): a configuration file, then flags that
 * override it. `--mask NAME=REGEX` adds typed masks after the file's; the result is validated by
 * the library, and any problem is a usage error naming the flag or file.
 */
import type { Command } from 'commander';
import { DrainError, GENERIC_RULES, OPT_IN_RULES, resolveDrainOptions, type DrainOptions, type ExtraMask } from '@log-sentinel/drain';
import { CliError } from '../../cli-error';
import { readDrainConfig } from './config-file';

/** The Drain flags as commander parses them. */
export interface DrainFlags {
  drainConfig?: string;
  simTh?: number;
  depth?: number;
  maxChildren?: number;
  maxClusters?: number;
  parametrizeNumericTokens?: boolean;
  defaultMasks?: boolean;
  extraDelimiter?: string[];
  mask?: string[];
  disableRule?: string[];
  enableRule?: string[];
}

/** Names of the Drain flags (for commands that reject them in some modes). */
export const DRAIN_FLAG_KEYS: readonly (keyof DrainFlags)[] = [
  'drainConfig', 'simTh', 'depth', 'maxChildren', 'maxClusters', 'parametrizeNumericTokens', 'defaultMasks', 'extraDelimiter', 'mask', 'disableRule', 'enableRule',
];

function int(flag: string, min: number): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v) || Number(v) < min) throw new CliError(`${flag} must be an integer >= ${min}, got "${v}"`);
    return Number(v);
  };
}

function collect(v: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), v];
}

/** Adds the Drain flags to a command. */
export function addDrainFlags(cmd: Command): Command {
  return cmd
    .option('--drain-config <file>', 'Drain settings: JSON with the library option names, or a Drain3 .ini ([DRAIN], [MASKING])')
    .option('--sim-th <x>', 'similarity threshold in (0, 1] (default 0.8)', (v: string) => {
      const n = Number(v);
      if (v.trim() === '' || !(n > 0 && n <= 1)) throw new CliError(`--sim-th must be a number in (0, 1], got "${v}"`);
      return n;
    })
    .option('--depth <n>', 'prefix tree depth, >= 3 (default 5)', int('--depth', 3))
    .option('--max-children <n>', 'children per tree node, >= 2 (default 100)', int('--max-children', 2))
    .option('--max-clusters <n>', 'clusters kept, least recently used evicted beyond (default 100000)', int('--max-clusters', 1))
    .option('--parametrize-numeric-tokens', 'tokens with digits share the <*> tree branch (default)')
    .option('--no-parametrize-numeric-tokens', 'route tokens with digits by their value')
    .option('--default-masks', 'apply the generic masks (default)')
    .option('--no-default-masks', 'only the --mask / config masks: masks replace the defaults')
    .option('--extra-delimiter <s>', 'string replaced by a space before tokenising (repeatable)', collect)
    .option('--mask <NAME=REGEX>', 'typed mask: matches become <NAME> (NAME * = <*>), before the generic masks (repeatable)', collect)
    .option('--disable-rule <rule>', `switch off one generic rule (repeatable): ${GENERIC_RULES.join(', ')}`, collect)
    .option('--enable-rule <rule>', `switch on an opt-in generic rule (repeatable): ${OPT_IN_RULES.join(', ')}`, collect);
}

/** True when any Drain flag was given. */
export function hasDrainFlags(flags: DrainFlags): boolean {
  return DRAIN_FLAG_KEYS.some((k) => flags[k] !== undefined);
}

function parseMask(spec: string): ExtraMask {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) throw new CliError(`--mask must be NAME=REGEX (e.g. IP=\\d+\\.\\d+\\.\\d+\\.\\d+), got "${spec}"`);
  return { pattern: spec.slice(eq + 1), maskWith: spec.slice(0, eq) };
}

/**
 * The miner options the flags (and their config file) ask for, validated; a problem is a
 * CliError naming it. zod loads only when a config file is given.
 */
export async function drainOptionsFromFlags(command: string, flags: DrainFlags): Promise<Partial<DrainOptions>> {
  const o: Partial<DrainOptions> = flags.drainConfig === undefined ? {} : await readDrainConfig(flags.drainConfig);
  if (flags.simTh !== undefined) o.simThreshold = flags.simTh;
  if (flags.depth !== undefined) o.depth = flags.depth;
  if (flags.maxChildren !== undefined) o.maxChildren = flags.maxChildren;
  if (flags.maxClusters !== undefined) o.maxClusters = flags.maxClusters;
  if (flags.parametrizeNumericTokens !== undefined) o.parametrizeNumericTokens = flags.parametrizeNumericTokens;
  if (flags.defaultMasks !== undefined) o.genericMasks = flags.defaultMasks;
  if (flags.extraDelimiter !== undefined) o.extraDelimiters = [...(o.extraDelimiters ?? []), ...flags.extraDelimiter];
  if (flags.mask !== undefined) o.extraMasks = [...(o.extraMasks ?? []), ...flags.mask.map(parseMask)];
  if (flags.disableRule !== undefined) o.disabledRules = [...(o.disabledRules ?? []), ...(flags.disableRule as DrainOptions['disabledRules'])];
  if (flags.enableRule !== undefined) o.enabledRules = [...(o.enabledRules ?? []), ...(flags.enableRule as DrainOptions['enabledRules'])];
  try {
    resolveDrainOptions(o);
  } catch (err) {
    if (err instanceof DrainError) {
      const where = flags.drainConfig === undefined ? 'Drain flags' : `Drain flags / --drain-config '${flags.drainConfig}'`;
      throw new CliError(`${command}: ${where}: ${err.message}`, undefined, { cause: err });
    }
    throw err;
  }
  return o;
}
