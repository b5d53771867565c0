import * as path from 'node:path';
import { ConfigError, envSchema, parseConfig } from './config';

describe('collector config', () => {
  it('has working defaults for every setting, each described', () => {
    const cfg = parseConfig({});
    expect(cfg.http).toMatchObject({ port: 8080, apiKeys: [] });
    expect(cfg.elastic).toMatchObject({ node: 'http://127.0.0.1:9200', indexPrefix: 'logs-sentinel' });
    expect(cfg.detector).toMatchObject({ addrs: ['127.0.0.1:50051'] });
    expect(cfg.files?.dir).toBe('/var/log/log_sentinel');
    for (const [name, field] of Object.entries(envSchema.shape)) expect([name, field.description]).toEqual([name, expect.any(String)]);
  });

  it('turns Elasticsearch, the detector and file input off with "off"', () => {
    const cfg = parseConfig({ ELASTIC_ADDR: 'off', DETECTOR_ADDR: 'off', LOG_SENTINEL_DIR: 'off', API_KEYS: ' a, b ,' });
    expect(cfg.elastic).toBeUndefined();
    expect(cfg.detector).toBeUndefined();
    expect(cfg.files).toBeUndefined();
    expect(cfg.http.apiKeys).toEqual(['a', 'b']);
  });

  it('takes a comma-separated list of detectors in DETECTOR_ADDR', () => {
    expect(parseConfig({ DETECTOR_ADDR: 'd1:50051, d2:50051,10.0.0.3:50052' }).detector?.addrs).toEqual(['d1:50051', 'd2:50051', '10.0.0.3:50052']);
  });

  it('names the bad variable', () => {
    expect(() => parseConfig({ COLLECTOR_PORT: 'eighty' })).toThrow(/COLLECTOR_PORT/);
    expect(() => parseConfig({ ELASTIC_ADDR: 'ftp://x' })).toThrow(/ELASTIC_ADDR/);
    expect(() => parseConfig({ LOG_SENTINEL_MULTILINE_START: '([' })).toThrow(/LOG_SENTINEL_MULTILINE_START/);
    expect(() => parseConfig({ DETECTOR_ADDR: 'nohost' })).toThrow(/DETECTOR_ADDR/);
    expect(() => parseConfig({ DETECTOR_ADDR: 'a:1,,b:2' })).toThrow(/DETECTOR_ADDR/);
    expect(() => parseConfig({ DETECTOR_ADDR: 'a:1, a:1' })).toThrow(/DETECTOR_ADDR: lists a detector twice/);
    expect(() => parseConfig({ ELASTIC_INDEX: 'Bad*Name' })).toThrow(ConfigError);
    expect(() => parseConfig({ SPOOL_MAX_BYTES: '10' })).toThrow(/SPOOL_MAX_BYTES/);
  });

  it('reads MAX_EVENT_AGE (default 30d) and the file identity settings, naming a bad value', () => {
    expect(parseConfig({}).maxEventAgeMs).toBe(30 * 86_400_000);
    expect(parseConfig({ MAX_EVENT_AGE: '12h' }).maxEventAgeMs).toBe(12 * 3_600_000);
    expect(() => parseConfig({ MAX_EVENT_AGE: '30 days' })).toThrow(/MAX_EVENT_AGE/);
    expect(parseConfig({ LOG_SENTINEL_DIR: '/tmp/x' }).files).toMatchObject({ fingerprintBytes: 1024, shortFileIdleMs: 2000, followSymlinks: false });
    expect(() => parseConfig({ FILE_FINGERPRINT_BYTES: '8' })).toThrow(/FILE_FINGERPRINT_BYTES/);
    expect(() => parseConfig({ FILE_FOLLOW_SYMLINKS: 'yes' })).toThrow(/FILE_FOLLOW_SYMLINKS/);
  });

  it('defect 6 (spool wedge): SPOOL_MAX_BYTES below 2 × SPOOL_SEGMENT_BYTES MUST stop the collector with a message naming both', () => {
    expect(() => parseConfig({ SPOOL_MAX_BYTES: String(8 * 1024 * 1024), SPOOL_SEGMENT_BYTES: String(16 * 1024 * 1024) })).toThrow(/SPOOL_MAX_BYTES .* at least 2 × SPOOL_SEGMENT_BYTES/);
    expect(parseConfig({ SPOOL_MAX_BYTES: String(32 * 1024 * 1024), SPOOL_SEGMENT_BYTES: String(16 * 1024 * 1024) }).spool.maxBytes).toBe(32 * 1024 * 1024);
    // SCORING_THREAD=auto (default): a worker thread with a detector, the main thread without.
    expect(parseConfig({}).scoring.thread).toBe('worker');
    expect(parseConfig({ DETECTOR_ADDR: 'off' }).scoring.thread).toBe('main');
    expect(parseConfig({ DETECTOR_ADDR: 'off', SCORING_THREAD: 'worker' }).scoring.thread).toBe('worker');
    expect(() => parseConfig({ SCORING_THREAD: 'thread' })).toThrow(/SCORING_THREAD/);
    // One budget for the three spools: sealed by size only, the intake spool's active segment must fit below the scored spool's reserve.
    expect(() => parseConfig({ SPOOL_MAX_BYTES: String(32 * 1024 * 1024), SPOOL_SEGMENT_BYTES: String(16 * 1024 * 1024), SPOOL_SEGMENT_MAX_AGE_MS: '0' })).toThrow(/SPOOL_SEGMENT_MAX_AGE_MS=0 .*SPOOL_MAX_BYTES .*SPOOL_SEGMENT_BYTES/);
    expect(parseConfig({ SPOOL_MAX_BYTES: String(64 * 1024 * 1024), SPOOL_SEGMENT_BYTES: String(16 * 1024 * 1024), SPOOL_SEGMENT_MAX_AGE_MS: '0' }).spool.maxBytes).toBe(64 * 1024 * 1024);
  });

  it('defect 6 (spool wedge): SPOOL_SEGMENT_MAX_AGE_MS (default 10 s, 0 = size only) seals segments by age; a bad value names the variable', () => {
    expect(parseConfig({}).spool.segmentMaxAgeMs).toBe(10_000);
    expect(parseConfig({ SPOOL_SEGMENT_MAX_AGE_MS: '0' }).spool.segmentMaxAgeMs).toBe(0);
    expect(() => parseConfig({ SPOOL_SEGMENT_MAX_AGE_MS: '-5' })).toThrow(/SPOOL_SEGMENT_MAX_AGE_MS/);
    expect(() => parseConfig({ SPOOL_SEGMENT_MAX_AGE_MS: 'soon' })).toThrow(/SPOOL_SEGMENT_MAX_AGE_MS/);
  });

  it('reads COLLECTOR_TLS_CERT/_KEY (HTTPS) and _CA (mTLS), and names the variables when they do not go together or a file is unusable', () => {
    const tls = path.resolve(__dirname, '..', '..', '..', 'testdata', 'tls');
    expect(parseConfig({}).http.tls).toBeUndefined();
    const https = parseConfig({ COLLECTOR_TLS_CERT: path.join(tls, 'server.pem'), COLLECTOR_TLS_KEY: path.join(tls, 'server.key') }).http.tls;
    expect(https?.cert.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(https?.ca).toBeUndefined();
    expect(parseConfig({ COLLECTOR_TLS_CERT: path.join(tls, 'server.pem'), COLLECTOR_TLS_KEY: path.join(tls, 'server.key'), COLLECTOR_TLS_CA: path.join(tls, 'ca.pem') }).http.tls?.ca).toBeInstanceOf(Buffer);
    expect(() => parseConfig({ COLLECTOR_TLS_CERT: path.join(tls, 'server.pem') })).toThrow(/COLLECTOR_TLS_CERT and COLLECTOR_TLS_KEY go together/);
    expect(() => parseConfig({ COLLECTOR_TLS_CA: path.join(tls, 'ca.pem') })).toThrow(/COLLECTOR_TLS_CA .*needs COLLECTOR_TLS_CERT/);
    expect(() => parseConfig({ COLLECTOR_TLS_CERT: path.join(tls, 'missing.pem'), COLLECTOR_TLS_KEY: path.join(tls, 'server.key') })).toThrow(/COLLECTOR_TLS_CERT/);
  });
});
