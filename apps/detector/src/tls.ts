/** TLS files of the gRPC server (DETECTOR_TLS_CERT, _KEY, _CA), read once at start. */
import * as fs from 'node:fs';

/** PEM contents for the server credentials. */
export interface TlsFiles {
  /** Certificate chain. */
  cert: Buffer;
  /** Private key. */
  key: Buffer;
  /** CA of accepted client certificates (mTLS). */
  ca?: Buffer;
}

/** Reads the configured files; throws an Error naming the variable and the path that cannot be read. */
export function readTlsFiles(paths: { certPath: string; keyPath: string; caPath?: string }): TlsFiles {
  const read = (variable: string, file: string): Buffer => {
    try {
      const buf = fs.readFileSync(file);
      if (!buf.toString('latin1').includes('-----BEGIN ')) throw new Error('not a PEM file');
      return buf;
    } catch (err) {
      throw new Error(`invalid detector configuration: ${variable}: cannot use ${JSON.stringify(file)}: ${(err as Error).message}`);
    }
  };
  const cert = read('DETECTOR_TLS_CERT', paths.certPath);
  const key = read('DETECTOR_TLS_KEY', paths.keyPath);
  return { cert, key, ...(paths.caPath ? { ca: read('DETECTOR_TLS_CA', paths.caPath) } : {}) };
}
