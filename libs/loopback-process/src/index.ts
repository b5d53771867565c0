/**
 * loopback-process: real child processes on loopback ports, for integration tests and
 * benchmarks: a free port, a child whose output is kept, and waits on a positive signal
 * (a JSON log line, an HTTP endpoint answering) that fail at once when the child exits; the
 * helper binaries they run found where `go install` puts them.
 */
export { findGoBinary } from './find-binary';
export { freePort } from './free-port';
export { spawnWatched, waitUntil, waitForHttpOk, waitForLogLine, type WatchedProcess } from './watched-process';
export { DETECTOR_LISTENING, startDetectorProcess, type DetectorProcess, type StartDetectorOptions } from './detector-process';
