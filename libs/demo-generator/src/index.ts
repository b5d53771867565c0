/**
 * demo-generator: deterministic, seeded logs of a small web shop (logins, page requests,
 * payments, background jobs) with labelled injected anomalies, for `npm run demo`.
 * Pure: no I/O; the caller supplies the seed and the clock.
 */
export { DemoLogGenerator, type AnomalyPhaseOptions } from './generator';
export { SeededRandom } from '@log-sentinel/seeded-random';
export { toRawLine, RAW_LINE_FORMAT, RAW_LINE_SESSION_REGEX } from './raw-line';
export { scoreDetections, type DetectionScore, type ScoreCounts } from './score';
export {
  ANOMALY_KINDS,
  type AnomalyKind,
  type AnomalyLabel,
  type AnomalyPhase,
  type DemoGeneratorOptions,
  type DemoLevel,
  type DemoRecord,
  type InjectedScenario,
} from './types';
