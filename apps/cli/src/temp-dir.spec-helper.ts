/** Test helper: a fresh temporary directory for each test of the calling describe block. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The current test's directory and paths inside it. */
export interface TestDir {
  /** The directory (set before each test). */
  readonly dir: string;
  /** A path inside it. */
  path(...parts: string[]): string;
}

/** Makes a directory named `${prefix}XXXXXX` under the OS temp dir before each test and removes it after. */
export function tempDirPerTest(prefix: string): TestDir {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    path: (...parts) => path.join(dir, ...parts),
  };
}
