/** `--log-format` as every command checks it: compiled up front, a bad format is a usage error naming the flag. */
import { DrainError, LogFormat } from '@log-sentinel/drain';
import { CliError } from '../cli-error';

/** Compiles `--log-format` (undefined when absent); a bad format throws a CliError (exit 2) `<command>: --log-format: …`. */
export function compileLogFormatFlag(command: string, format: string | undefined): LogFormat | undefined {
  if (format === undefined) return undefined;
  try {
    return LogFormat.compile(format);
  } catch (err) {
    if (err instanceof DrainError) throw new CliError(`${command}: --log-format: ${err.message}`, undefined, { cause: err });
    throw err;
  }
}
