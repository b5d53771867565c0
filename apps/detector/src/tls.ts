/** TLS files of the gRPC server (DETECTOR_TLS_CERT, _KEY, _CA), read once at start. */
import { readPemFile } from '@log-sentinel/pem-file';

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
  const read = (variable: string, file: string): Buffer => readPemFile(variable, file, (problem) => new Error(`invalid detector configuration: ${problem}`));
  const cert = read('DETECTOR_TLS_CERT', paths.certPath);
  const key = read('DETECTOR_TLS_KEY', paths.keyPath);
  return { cert, key, ...(paths.caPath ? { ca: read('DETECTOR_TLS_CA', paths.caPath) } : {}) };
}
