// Proves the nx module-boundary rule is on: a wrong import between projects fails lint.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

describe('module boundaries (lint)', () => {
  beforeAll(() => {
    // The rule reads nx's cached project graph; `npm run lint` creates it the same way.
    execFileSync(path.join(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, stdio: 'ignore' });
  });

  /** Writes `code` to `filePath` for a moment and lints it with the real eslint CLI and config. */
  async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    const abs = path.join(root, filePath.replace(/\.ts$/, `.${process.pid}.ts`));
    fs.writeFileSync(abs, code);
    let out: string;
    try {
      out = execFileSync(path.join(root, 'node_modules/.bin/eslint'), ['--format', 'json', abs], { cwd: root, encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout: string }).stdout; // eslint exits 1 when it reports errors
    } finally {
      fs.rmSync(abs, { force: true });
    }
    const [result] = JSON.parse(out) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it('fails when an algorithm lib imports an I/O-bound lib', async () => {
    const errors = await boundaryErrors(
      'libs/drain/src/wrong-import.ts',
      "import * as schema from '@log-sentinel/schema';\nexport const x = schema;\n",
    );
    expect(errors.join('\n')).toMatch(/type:algorithm.*can only depend on libs tagged with "type:algorithm"/);
  });

  it('fails when an algorithm lib imports an I/O package', async () => {
    const errors = await boundaryErrors('libs/iforest/src/wrong-import.ts', "import express from 'express';\nexport const x = express;\n");
    expect(errors.join('\n')).toMatch(/express/);
  });

  it('fails when the collector scope imports the detector pipeline', async () => {
    const errors = await boundaryErrors(
      'apps/collector/src/wrong-import.ts',
      "import * as p from '@log-sentinel/pipeline';\nexport const x = p;\n",
    );
    expect(errors.join('\n')).toMatch(/scope:collector/);
  });

  it('accepts an allowed import', async () => {
    const errors = await boundaryErrors('apps/detector/src/ok-import.ts', "import * as s from '@log-sentinel/schema';\nexport const x = s;\n");
    expect(errors).toEqual([]);
  });
});
