import { collectorEnvironment, detectorEnvironment, stackPortClaims, type LocalStackOptions } from './local-stack';
import { parseStackEnv, StackConfigError, stackDirs } from './stack-config';

describe('local stack environment', () => {
  const dirs = stackDirs('.log-sentinel', '/repo');
  const opts = (baseEnv: NodeJS.ProcessEnv): LocalStackOptions => ({ dirs, detectorPort: 50051, detectorMetricsPort: 9464, collectorPort: 8080, baseEnv, stopGraceMs: 1000 });

  it('fills in the local data dirs and wires the collector to the detector', () => {
    expect(dirs).toEqual({
      home: '/repo/.log-sentinel',
      models: '/repo/.log-sentinel/models',
      spool: '/repo/.log-sentinel/spool',
      watch: '/repo/.log-sentinel/watch',
      logs: '/repo/.log-sentinel/logs',
      state: '/repo/.log-sentinel/state',
    });
    const d = detectorEnvironment(opts({ PATH: '/bin' }));
    expect(d).toMatchObject({ PATH: '/bin', MODEL_DIR: dirs.models, DETECTOR_PORT: '50051', DETECTOR_METRICS_PORT: '9464', DETECTOR_HOST: '127.0.0.1', LOG_SENTINEL_SUPERVISED: 'on' });
    const c = collectorEnvironment(opts({}));
    expect(c).toMatchObject({ SPOOL_DIR: dirs.spool, LOG_SENTINEL_DIR: dirs.watch, COLLECTOR_PORT: '8080', COLLECTOR_HOST: '127.0.0.1', DETECTOR_ADDR: '127.0.0.1:50051', LOG_SENTINEL_SUPERVISED: 'on' });
  });

  it('runs the collector without Elasticsearch unless ELASTIC_ADDR is set (an empty value counts as unset)', () => {
    expect(collectorEnvironment(opts({})).ELASTIC_ADDR).toBe('off');
    expect(collectorEnvironment(opts({ ELASTIC_ADDR: '' })).ELASTIC_ADDR).toBe('off');
    expect(collectorEnvironment(opts({ ELASTIC_ADDR: 'http://127.0.0.1:9200' })).ELASTIC_ADDR).toBe('http://127.0.0.1:9200');
  });

  it('claims the ports each service binds, on the host it binds', () => {
    expect(stackPortClaims(opts({ COLLECTOR_HOST: '0.0.0.0' }))).toEqual([
      { what: 'detector gRPC', variable: 'DETECTOR_PORT', host: '127.0.0.1', port: 50051 },
      { what: 'detector metrics', variable: 'DETECTOR_METRICS_PORT', host: '127.0.0.1', port: 9464 },
      { what: 'collector HTTP', variable: 'COLLECTOR_PORT', host: '0.0.0.0', port: 8080 },
    ]);
  });

  it("keeps the user's own settings, except the ports the stack chose", () => {
    const base = { MODEL_DIR: '/models', LOG_SENTINEL_DIR: '/var/log/app', ELASTIC_ADDR: 'http://es:9200', DETECTOR_ADDR: 'elsewhere:1' };
    expect(detectorEnvironment(opts(base)).MODEL_DIR).toBe('/models');
    const c = collectorEnvironment({ ...opts(base), collectorEnv: { LOG_LEVEL: 'warn', LOG_SENTINEL_SUPERVISED: 'off' } });
    expect(c.LOG_SENTINEL_SUPERVISED).toBe('on');
    expect(c).toMatchObject({ LOG_SENTINEL_DIR: '/var/log/app', ELASTIC_ADDR: 'http://es:9200', DETECTOR_ADDR: '127.0.0.1:50051', LOG_LEVEL: 'warn' });
  });
});

describe('stack settings', () => {
  it('has defaults for everything', () => {
    expect(parseStackEnv({})).toMatchObject({ LOG_SENTINEL_HOME: '.log-sentinel', COLLECTOR_PORT: 8080, DETECTOR_PORT: 50051, DETECTOR_METRICS_PORT: 9464, DEMO_SEED: 1 });
    expect(parseStackEnv({ ELASTIC_ADDR: '' }).ELASTIC_ADDR).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(() => parseStackEnv({ COLLECTOR_PORT: 'eighty' })).toThrow(StackConfigError);
    expect(() => parseStackEnv({ COLLECTOR_PORT: '70000' })).toThrow(/COLLECTOR_PORT/);
    expect(() => parseStackEnv({ COLLECTOR_URL: 'not a url' })).toThrow(/COLLECTOR_URL/);
  });
});
