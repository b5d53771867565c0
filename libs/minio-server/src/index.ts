/**
 * minio-server: a real MinIO (S3-compatible) server on a loopback port for integration
 * tests of the model store, the detector and the CLI. Test support only: nothing shipped
 * imports it.
 */
export { MINIO_INSTALL, findMinio, minioMissing, startMinio, type Minio } from './minio-server';
