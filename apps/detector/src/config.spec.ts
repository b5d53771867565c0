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
});
