/** Writes command output: to a file durably (libs/durable-fs atomic replace) or to stdout. */
import { replaceFileAtomicSync } from '@log-sentinel/durable-fs';
import { CliError } from '../../cli-error';

/** Writes `text` to `out` (temp + fsync + rename), or to stdout when `out` is absent or `-`. */
export async function writeOutput(out: string | undefined, text: string): Promise<void> {
  if (out === undefined || out === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    return;
  }
  try {
    replaceFileAtomicSync(out, text);
  } catch (err) {
    throw new CliError(`--out: cannot write ${out}: ${(err as Error).message}`, undefined, { cause: err });
  }
}
