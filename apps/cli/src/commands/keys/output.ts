/** Writes command output: to a file durably (temp file + fsync + rename) or to stdout. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../../cli-error';

/** Writes `text` to `out` (temp + fsync + rename), or to stdout when `out` is absent or `-`. */
export async function writeOutput(out: string | undefined, text: string): Promise<void> {
  if (out === undefined || out === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    return;
  }
  const dir = path.dirname(path.resolve(out));
  const tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, out);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`--out: cannot write ${out}: ${(err as Error).message}`, undefined, { cause: err });
  }
}
