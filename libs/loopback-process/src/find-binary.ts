/** Finding a helper binary the tests run (MinIO, grpcurl: built with `go install`). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The binary `name`, or undefined: the path in `$variable` when set (which must exist), else
 * the first found on PATH, in $GOBIN or in ~/go/bin (where `go install` puts it).
 */
export function findGoBinary(name: string, variable: string): string | undefined {
  const explicit = process.env[variable];
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`${variable}=${explicit} does not exist`);
    return explicit;
  }
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), process.env['GOBIN'] ?? '', path.join(os.homedir(), 'go', 'bin')];
  return dirs.filter(Boolean).map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
}
