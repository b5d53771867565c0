/**
 * file-tail: tails the files of a directory from durable checkpoints, following rename and
 * copytruncate rotation and truncation, with optional multi-line records.
 */
export { FileTailer, type FileTailerOptions, type FileTailStats, type TailLogger, type TailRecord } from './tailer';
export { FileTailError, type FileTailErrorCode } from './errors';
export { CHECKPOINT_VERSION, loadCheckpoints, saveCheckpoints, type Checkpoint, type LegacyCheckpoint, type LoadedCheckpoints } from './checkpoints';
export { fingerprintOf, hashRange, type Fingerprint } from './fingerprint';
export { identify, type IdentityResult } from './identity';
export { splitRecords, type RawRecord, type SplitResult } from './lines';
