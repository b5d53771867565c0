/**
 * pem-file: reads the PEM files (certificates, keys, CAs) that a service's settings name,
 * once at start, so a bad path or a file that is not PEM stops the process with a message
 * naming the setting, the path and what is wrong.
 */
import * as fs from 'node:fs';

/**
 * Reads the PEM file `file` that setting `setting` names. Throws `fail(problem)` — the caller's
 * configuration error — when the file cannot be read or holds no `-----BEGIN ` block; the
 * problem reads `SETTING: cannot use "path": reason`.
 */
export function readPemFile(setting: string, file: string, fail: (problem: string) => Error): Buffer {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    throw fail(`${setting}: cannot use ${JSON.stringify(file)}: ${(err as Error).message}`);
  }
  if (!buf.toString('latin1').includes('-----BEGIN ')) throw fail(`${setting}: cannot use ${JSON.stringify(file)}: not a PEM file`);
  return buf;
}
