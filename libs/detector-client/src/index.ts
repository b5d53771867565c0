/**
 * detector-client: the collector's gRPC client of the detector — batching, deadline,
 * bounded concurrency and a circuit breaker; records it cannot score get `pending`.
 */
export { DetectorClient, toWireRecord, fromWireResult, type DetectorClientOptions, type DetectorClientHooks, type ScoreOutcome } from './client';
export { CircuitBreaker, type BreakerState } from './breaker';
