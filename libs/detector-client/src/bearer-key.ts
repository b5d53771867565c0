/**
 * Credentials of a detector channel: the bearer key on every call (`authorization: Bearer
 * <key>` call metadata, checked against DETECTOR_API_KEYS / DETECTOR_ADMIN_KEYS) and
 * optional TLS / mTLS.
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

/** PEM contents for a TLS channel: `ca` to trust the detector; `cert` + `key` for mTLS. */
export interface ChannelTls {
  /** CA (or self-signed certificate) the detector's certificate must chain to. */
  ca: Buffer;
  /** Client certificate chain (mTLS). */
  cert?: Buffer;
  /** Client private key (mTLS). */
  key?: Buffer;
}

/** Channel credentials: TLS when `tls` is given, else plaintext. */
export function channelCredentials(tls: ChannelTls | undefined): grpc.ChannelCredentials {
  return tls ? grpc.credentials.createSsl(tls.ca, tls.key ?? null, tls.cert ?? null) : grpc.credentials.createInsecure();
}
