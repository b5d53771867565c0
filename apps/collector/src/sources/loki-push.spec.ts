import { lokiItems, lokiJsonStreams, lokiProtoStreams, LokiPushError, parseLabelSet } from './loki-push';

describe('loki-push', () => {
  it('parses Prometheus label sets with escapes', () => {
    expect(parseLabelSet('{app="api", level="info",q="a\\"b"}')).toEqual({ app: 'api', level: 'info', q: 'a"b' });
    expect(parseLabelSet('{}')).toEqual({});
    expect(() => parseLabelSet('app=api')).toThrow(LokiPushError);
    expect(() => parseLabelSet('{app=api}')).toThrow(/label set/);
  });
  it('reads JSON pairs and triples, and refuses malformed values naming them', () => {
    const streams = lokiJsonStreams({ streams: [{ stream: { app: 'a' }, values: [['1', 'x'], ['2', 'y', { trace_id: 't' }]] }] });
    expect(streams[0].entries).toEqual([{ tsNanos: '1', line: 'x' }, { tsNanos: '2', line: 'y', metadata: { trace_id: 't' } }]);
    expect(() => lokiJsonStreams({ streams: [{ values: [['1']] }] })).toThrow(/values\[0\]/);
    expect(() => lokiJsonStreams({})).toThrow(/streams/);
  });
  it('reads decoded protobuf streams with timestamps and structured metadata', () => {
    const s = lokiProtoStreams({ streams: [{ labels: '{job="j"}', entries: [{ timestamp: { seconds: '1764583200', nanos: 5_000_000 }, line: 'l', structuredMetadata: [{ name: 'k', value: 'v' }] }] }] });
    expect(s).toEqual([{ labels: { job: 'j' }, entries: [{ tsNanos: '1764583200005000000', line: 'l', metadata: { k: 'v' } }] }]);
  });
  it('maps labels to service, host, level, session; keeps the rest; reads JSON lines with msg as the record', () => {
    const [plain, json] = lokiItems([
      { labels: { app: 'web', host: 'h1', level: 'warn', session_id: 's', env: 'prod' }, entries: [{ tsNanos: '1764583200000000000', line: 'plain line' }, { line: '{"msg":"json line","level":30,"hostname":"own"}' }] },
    ]);
    expect(plain.fields).toEqual({ message: 'plain line', '@timestamp': '2025-12-01T10:00:00.000Z', 'service.name': 'web', 'host.name': 'h1', 'log.level': 'warn', 'session.id': 's', labels: { env: 'prod' } });
    expect(json.fields).toEqual({ msg: 'json line', level: 30, hostname: 'own', 'service.name': 'web', 'session.id': 's', labels: { env: 'prod' } });
  });
});
