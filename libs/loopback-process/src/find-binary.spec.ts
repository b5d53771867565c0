import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findGoBinary } from './find-binary';

describe('findGoBinary', () => {
  const saved = { PATH: process.env['PATH'], GOBIN: process.env['GOBIN'], FIND_TEST_BIN: process.env['FIND_TEST_BIN'] };
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'find-binary-'));
    delete process.env['FIND_TEST_BIN'];
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the binary on PATH or in $GOBIN, and says undefined when it is nowhere', () => {
    const bin = path.join(dir, 'sentinel-test-tool');
    fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
    process.env['PATH'] = dir;
    delete process.env['GOBIN'];
    expect(findGoBinary('sentinel-test-tool', 'FIND_TEST_BIN')).toBe(bin);
    process.env['PATH'] = '/nonexistent';
    process.env['GOBIN'] = dir;
    expect(findGoBinary('sentinel-test-tool', 'FIND_TEST_BIN')).toBe(bin);
    expect(findGoBinary('sentinel-test-tool-missing', 'FIND_TEST_BIN')).toBeUndefined();
  });

  it('takes the variable when set, and refuses one that names no file', () => {
    const bin = path.join(dir, 'elsewhere');
    fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
    process.env['FIND_TEST_BIN'] = bin;
    expect(findGoBinary('sentinel-test-tool', 'FIND_TEST_BIN')).toBe(bin);
    process.env['FIND_TEST_BIN'] = path.join(dir, 'nope');
    expect(() => findGoBinary('sentinel-test-tool', 'FIND_TEST_BIN')).toThrow(`FIND_TEST_BIN=${path.join(dir, 'nope')} does not exist`);
  });
});
