/**
 * detector-client: the collector's gRPC client of the detectors — session-key routing on a
 * consistent-hash ring, batching, deadline, per-detector concurrency and circuit breaker;
 * records it cannot score get `pending`.
 */
export { DetectorClient, type DetectorClientOptions, type DetectorClientHooks, type DetectorFeedback } from './client';
export { DetectorChannel, channelOptions, FLOW_CONTROL_WINDOW_BYTES, type DetectorChannelOptions, type CallHook, type SessionVerdictHook } from './channel';
export { toWireRecord, fromWireResult, fromWireSessionVerdict, fromWireFeedback, fromWireModelInfo, type ScoreOutcome, type FeedbackOutcome, type DetectorModelInfo } from './wire';
export { FeedbackError, type FeedbackErrorCode } from './errors';
export { CircuitBreaker, type BreakerState } from './breaker';
export { HashRing, HashRingError, hash32, DEFAULT_VIRTUAL_NODES } from './hash-ring';
export { routingKey } from './routing-key';
export { DetectCallMerger, type ChunkScorer, type DetectCallMergerStats } from './detect-call-merger';
export { bearerKeyInterceptor, withBearerKey, channelCredentials, type ChannelTls } from './bearer-key';
