import { collectorEnvironment, detectorEnvironment, type LocalStackOptions } from './local-stack';
import { parseStackEnv, StackConfigError, stackDirs } from './stack-config';

describe('local stack environment', () => {
  const dirs = stackDirs('.log-sentinel', '/repo');
  const opts = (baseEnv: NodeJS.ProcessEnv): LocalStackOptions => ({ dirs, detectorPort: 50051, collectorPort: 8080, baseEnv, stopGraceMs: 1000 });

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
    expect(d).toMatchObject({ PATH: '/bin', MODEL_DIR: dirs.models, DETECTOR_PORT: '50051', DETECTOR_HOST: '127.0.0.1' });
    const c = collectorEnvironment(opts({}));
    expect(c).toMatchObject({ SPOOL_DIR: dirs.spool, LOG_SENTINEL_DIR: dirs.watch, COLLECTOR_PORT: '8080', COLLECTOR_HOST: '127.0.0.1', DETECTOR_ADDR: '127.0.0.1:50051' });
  });

  it("keeps the user's own settings, except the ports the stack chose", () => {
    const base = { MODEL_DIR: '/models', LOG_SENTINEL_DIR: '/var/log/app', ELASTIC_ADDR: 'http://es:9200', DETECTOR_ADDR: 'elsewhere:1' };
    expect(detectorEnvironment(opts(base)).MODEL_DIR).toBe('/models');
    const c = collectorEnvironment({ ...opts(base), collectorEnv: { LOG_LEVEL: 'warn' } });
    expect(c).toMatchObject({ LOG_SENTINEL_DIR: '/var/log/app', ELASTIC_ADDR: 'http://es:9200', DETECTOR_ADDR: '127.0.0.1:50051', LOG_LEVEL: 'warn' });
  });
});

describe('stack settings', () => {
  it('has defaults for everything', () => {
    expect(parseStackEnv({})).toMatchObject({ LOG_SENTINEL_HOME: '.log-sentinel', COLLECTOR_PORT: 8080, DETECTOR_PORT: 50051, DEMO_SEED: 1 });
  });

  it('names the bad variable', () => {
    expect(() => parseStackEnv({ COLLECTOR_PORT: 'eighty' })).toThrow(StackConfigError);
    expect(() => parseStackEnv({ COLLECTOR_PORT: '70000' })).toThrow(/COLLECTOR_PORT/);
    expect(() => parseStackEnv({ COLLECTOR_URL: 'not a url' })).toThrow(/COLLECTOR_URL/);
  });
});
