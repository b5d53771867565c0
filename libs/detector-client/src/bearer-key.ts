/**
 * The detector's bearer key on every call: `authorization: Bearer <key>` call metadata, the
 * credential the detector checks against DETECTOR_API_KEYS / DETECTOR_ADMIN_KEYS.
 */
import * as grpc from '@grpc/grpc-js';

/** A client interceptor that sends `key` with every call (pass in the client's `interceptors` option). */
export function bearerKeyInterceptor(key: string): grpc.Interceptor {
  if (!key || /[\r\n]/.test(key)) throw new Error('a detector key must be a non-empty single-line string');
  const value = `Bearer ${key}`;
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', value);
        next(metadata, listener);
      },
    });
}

/** Client options that send `key` when it is set (empty or undefined = no key). */
export function withBearerKey(options: grpc.ChannelOptions, key: string | undefined): grpc.ClientOptions {
  return key ? { ...options, interceptors: [bearerKeyInterceptor(key)] } : options;
}
