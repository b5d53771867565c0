import { parseConfig } from './config';

describe('parseConfig', () => {
  it('applies documented defaults', () => {
    const c = parseConfig({});
    expect(c.server.port).toBe(50051);
    expect(c.learningTarget).toBe(10_000);
    expect(c.modelDir).toBe('./var/models');
    expect(c.metricsPort).toBe(9464);
    expect(c.supervised).toBe(false);
  });
  it('defect 5 (unauthenticated control): binds loopback by default and splits the key lists', () => {
    expect(parseConfig({}).server.host).toBe('127.0.0.1');
    expect(parseConfig({}).keys).toEqual({ apiKeys: [], adminKeys: [] });
    expect(parseConfig({ DETECTOR_API_KEYS: ' a, b ,,', DETECTOR_ADMIN_KEYS: 'c' }).keys).toEqual({ apiKeys: ['a', 'b'], adminKeys: ['c'] });
  });
  it('defect 5 (unauthenticated control): TLS files go together; a client CA needs the server pair', () => {
    expect(parseConfig({}).tls).toBeUndefined();
    expect(parseConfig({ DETECTOR_TLS_CERT: '/c', DETECTOR_TLS_KEY: '/k', DETECTOR_TLS_CA: '/a' }).tls).toEqual({ certPath: '/c', keyPath: '/k', caPath: '/a' });
    expect(() => parseConfig({ DETECTOR_TLS_CERT: '/c' })).toThrow(/DETECTOR_TLS_CERT and DETECTOR_TLS_KEY go together/);
    expect(() => parseConfig({ DETECTOR_TLS_CA: '/a' })).toThrow(/DETECTOR_TLS_CA/);
  });
  it('turns /metrics off with port 0 and links to the supervisor only when told', () => {
    expect(parseConfig({ DETECTOR_METRICS_PORT: '0', LOG_SENTINEL_SUPERVISED: 'on' })).toMatchObject({ metricsPort: 0, supervised: true });
    expect(() => parseConfig({ DETECTOR_METRICS_PORT: '70000' })).toThrow(/DETECTOR_METRICS_PORT/);
    expect(() => parseConfig({ LOG_SENTINEL_SUPERVISED: 'yes' })).toThrow(/LOG_SENTINEL_SUPERVISED/);
  });
  it('reads variables and ignores unrelated ones', () => {
    const c = parseConfig({ DETECTOR_PORT: '6000', MODEL_DIR: '/m', DETECTOR_LEARNING_RECORDS: '500', PATH: '/bin' });
    expect(c).toMatchObject({ server: { port: 6000 }, modelDir: '/m', learningTarget: 500 });
  });
  it('names the bad variable', () => {
    expect(() => parseConfig({ DETECTOR_PORT: 'abc' })).toThrow(/DETECTOR_PORT/);
    expect(() => parseConfig({ DETECTOR_SESSION_MAX: '-1' })).toThrow(/DETECTOR_SESSION_MAX/);
    expect(() => parseConfig({ DETECTOR_SESSION_REGEX: '(' })).toThrow(/DETECTOR_SESSION_REGEX/);
  });
  it('MODEL_STORE: an s3:// store with its client settings, validated (docs: "Models on object storage")', () => {
    expect(parseConfig({}).store).toBeUndefined();
    const c = parseConfig({
      MODEL_STORE: 's3://models/fleet',
      MODEL_STORE_ENDPOINT: 'http://127.0.0.1:9000',
      MODEL_STORE_PATH_STYLE: 'on',
      MODEL_STORE_ACCESS_KEY_ID: 'k',
      MODEL_STORE_SECRET_ACCESS_KEY: 's',
      DETECTOR_ID: 'det-a',
    });
    expect(c.store).toEqual({
      uri: 's3://models/fleet',
      s3: { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' }, timeoutMs: 10_000 },
      leaseTtlMs: 60_000,
      leaseRetryMs: 5000,
      export: { training: false, detections: false, flushMs: 60_000, maxRows: 10_000 },
    });
    expect(parseConfig({ MODEL_STORE: 's3://models/x', MODEL_STORE_EXPORT: 'all' }).store?.export).toMatchObject({ training: true, detections: true });
    expect(() => parseConfig({ MODEL_STORE_EXPORT: 'all' })).toThrow(/MODEL_STORE_EXPORT: exports go to the S3 model store; set MODEL_STORE too/);
    expect(() => parseConfig({ MODEL_STORE: 's3://models/x', MODEL_STORE_EXPORT: 'yes' })).toThrow(/MODEL_STORE_EXPORT/);
    expect(c.detectorId).toBe('det-a');
    expect(() => parseConfig({ MODEL_STORE: '/var/models' })).toThrow(/MODEL_STORE: must be an s3:\/\/bucket\/prefix URI/);
    expect(() => parseConfig({ MODEL_STORE: 's3://B/x' })).toThrow(/MODEL_STORE: .*bucket name "B" is not valid/);
    expect(() => parseConfig({ MODEL_STORE_ENDPOINT: 'ftp://x' })).toThrow(/MODEL_STORE_ENDPOINT/);
    expect(() => parseConfig({ MODEL_STORE_PATH_STYLE: 'yes' })).toThrow(/MODEL_STORE_PATH_STYLE/);
    expect(() => parseConfig({ MODEL_STORE_ACCESS_KEY_ID: 'k' })).toThrow(/MODEL_STORE_ACCESS_KEY_ID and MODEL_STORE_SECRET_ACCESS_KEY go together/);
    expect(() => parseConfig({ MODEL_STORE_LEASE_TTL_MS: '10' })).toThrow(/MODEL_STORE_LEASE_TTL_MS/);
  });
});
