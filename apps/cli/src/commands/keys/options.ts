/** Flags shared by `train`, `detect` and `eval` (DESIGN.md "CLI"), and their checks. */
import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error';

/** Input formats of the model commands. */
export type InputFormat = 'keys' | 'raw' | 'ndjson';

/** Flags every model command accepts. */
export interface CommonModelFlags {
  format: InputFormat;
  logFormat?: string;
  sessionRegex?: string;
  sessionField?: string;
  keyField?: string;
}

/** Adds `--format`, `--log-format`, `--session-regex`, `--session-field`, `--key-field` to a command. */
export function addInputFlags(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'input format: keys (one session per line of integer log keys), raw (log lines), ndjson').choices(['keys', 'raw', 'ndjson']).makeOptionMandatory())
    .option('--log-format <format>', "raw/ndjson: header format, e.g. '<Date> <Time> <Level> <Component>: <Content>'")
    .option('--session-regex <re>', 'raw/ndjson: regex whose first group is the session id')
    .option('--session-field <field>', 'ndjson: field holding the session id')
    .option('--key-field <field>', 'ndjson: field holding a pre-parsed event id (e.g. EVENTID): those ids are the log keys and Drain is skipped');
}

/** Rejects flags that only apply to raw/ndjson input when the format is keys. */
export function checkKeysFlags(o: CommonModelFlags): void {
  if (o.sessionRegex !== undefined && o.sessionField !== undefined) throw new CliError('use either --session-regex or --session-field, not both');
  if (o.keyField !== undefined && o.format === 'raw') throw new CliError('--key-field applies to --format ndjson (records whose field carries the event id)');
  if (o.format !== 'keys') return;
  for (const [flag, v] of [['--log-format', o.logFormat], ['--session-regex', o.sessionRegex], ['--session-field', o.sessionField], ['--key-field', o.keyField]] as const) {
    if (v !== undefined) throw new CliError(`${flag} does not apply to --format keys (each line is one session of integer keys)`);
  }
}

/** Parses a positive integer flag value (commander argParser). */
export function positiveInt(flag: string): (v: string) => number {
  return (v: string) => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`${flag} must be a positive integer, got "${v}"`);
    return Number(v);
  };
}

/** Parses a probability flag value in [0, 1] (commander argParser). */
export function probability(flag: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new CliError(`${flag} must be a number from 0 to 1, got "${v}"`);
    return n;
  };
}

/** Parses a flag whose value is one of a fixed list (commander argParser); the error names the flag and the allowed values. */
export function oneOf<T extends string>(flag: string, allowed: readonly T[]): (v: string) => T {
  return (v: string) => {
    if (!(allowed as readonly string[]).includes(v)) throw new CliError(`${flag} must be one of: ${allowed.join(', ')} (got "${v}")`);
    return v as T;
  };
}
