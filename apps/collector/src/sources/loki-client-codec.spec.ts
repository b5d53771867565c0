/**
 * A Loki client's generated protobuf code (winston-loki, a static protobufjs module like the
 * detector codec) still encodes a push in a process that loaded the detector codec (through
 * `@log-sentinel/proto`), and the receiver decodes it. Before the codec got its own protobufjs
 * root, its `google.protobuf.Timestamp` (encode/decode only) replaced winston-loki's in the
 * shared default root, `PushRequest.verify` threw, and winston-loki sent nothing (issue 19).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import snappy from 'snappyjs';

/** The part of winston-loki's generated `logproto` (untyped JavaScript) this test calls. */
interface LokiClientProto {
  logproto: { PushRequest: { verify(m: unknown): string | null; create(m: unknown): unknown; encode(m: unknown): { finish(): Uint8Array } } };
}

describe('Loki client codec beside the detector codec', () => {
  it('winston-loki encodes a protobuf push after the detector codec is loaded, and the receiver reads it', () => {
    // The order of loki.int.spec.ts: the client library first, then the collector code.
    const { logproto } = require('winston-loki/src/proto') as LokiClientProto;
    const { decodeLokiPush } = require('./loki') as typeof import('./loki');
    const push = { streams: [{ labels: '{app="a"}', entries: [{ timestamp: { seconds: 1764583200, nanos: 5_000_000 }, line: 'hello' }] }] };
    expect(logproto.PushRequest.verify(push)).toBeNull();
    const body = Buffer.from(snappy.compress(logproto.PushRequest.encode(logproto.PushRequest.create(push)).finish()));
    const streams = decodeLokiPush(body, 'application/x-protobuf', 1 << 20);
    expect(streams).toEqual([expect.objectContaining({ entries: [expect.objectContaining({ line: 'hello', tsNanos: '1764583200005000000' })] })]);
  });
});
