/**
 * The generated codec keeps to its own protobufjs root: other generated static modules in the
 * same process (winston-loki's `logproto`, OpenTelemetry's `opentelemetry`) share
 * `protobuf.roots.default`, and a codec that also defined `google.protobuf.Timestamp` there
 * replaced theirs (or they replaced its own), which broke their encoding (issue 19).
 */
import * as protobuf from 'protobufjs/minimal';
import { google, Long, timestampFromMs, timestampToMs, wire } from './wire-codec';

/** What generated static modules share: `protobuf.roots.default` (plain namespace objects). */
function defaultRoot(): Record<string, unknown> {
  const roots = protobuf.roots as unknown as Record<string, Record<string, unknown> | undefined>;
  return (roots['default'] ??= {});
}

describe('wire codec', () => {
  it('registers nothing in protobuf.roots.default (its namespaces live in their own root)', () => {
    const shared = defaultRoot();
    expect(Object.keys(shared)).not.toContain('google');
    expect(Object.keys(shared)).not.toContain('sentinel');
  });

  it('survives another static module redefining google.protobuf.Timestamp in the default root', () => {
    const shared = defaultRoot();
    const theirs = { protobuf: { Timestamp: { encode: () => { throw new Error('not ours'); } } } };
    shared.google = theirs;
    try {
      const sent = { records: [{ id: 'a', message: 'm', timestamp: timestampFromMs(Date.parse('2026-12-02T03:00:00.123Z')) }] };
      const got = wire.DetectRequest.decode(wire.DetectRequest.encode(sent).finish());
      expect(timestampToMs(got.records[0]!.timestamp!)).toBe(Date.parse('2026-12-02T03:00:00.123Z'));
      expect(got.records[0]!.timestamp).toBeInstanceOf(google.protobuf.Timestamp);
    } finally {
      delete shared.google;
    }
  });

  it('converts timestamps before 1970 with nanos in [0, 1e9)', () => {
    const ts = timestampFromMs(-1);
    expect(Long.isLong(ts.seconds)).toBe(true);
    expect(ts.nanos).toBe(999_000_000);
    expect(timestampToMs(ts)).toBe(-1);
  });
});
