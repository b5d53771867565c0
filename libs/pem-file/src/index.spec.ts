import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPemFile } from './index';

// The repository's throwaway test certificates (testdata/tls/README.md).
const TLS = path.resolve(__dirname, '../../../testdata/tls');

class SettingError extends Error {}
const fail = (problem: string): Error => new SettingError(`invalid test configuration: ${problem}`);

describe('readPemFile', () => {
  it('returns the bytes of a PEM certificate and of a PEM key', () => {
    for (const name of ['ca.pem', 'server.key']) {
      const file = path.join(TLS, name);
      expect(readPemFile('TEST_TLS', file, fail).equals(fs.readFileSync(file))).toBe(true);
    }
  });

  it("throws the caller's error naming the setting, the path and the system's reason for a missing file", () => {
    const file = path.join(TLS, 'nope.pem');
    expect(() => readPemFile('TEST_TLS_CERT', file, fail)).toThrow(SettingError);
    expect(() => readPemFile('TEST_TLS_CERT', file, fail)).toThrow(`invalid test configuration: TEST_TLS_CERT: cannot use ${JSON.stringify(file)}: ENOENT`);
  });

  it('refuses a readable file that is not PEM (here the OpenSSL config beside the certificates)', () => {
    const file = path.join(TLS, 'openssl.cnf');
    expect(() => readPemFile('TEST_TLS_CA', file, fail)).toThrow(`invalid test configuration: TEST_TLS_CA: cannot use ${JSON.stringify(file)}: not a PEM file`);
  });

  it('refuses a directory with the reason the system gives', () => {
    expect(() => readPemFile('TEST_TLS_KEY', TLS, fail)).toThrow(/TEST_TLS_KEY: cannot use .*: EISDIR/);
  });
});
