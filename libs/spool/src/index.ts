/**
 * spool: a durable, size-bounded disk FIFO of opaque records (segment files of
 * length-prefixed, CRC32-checked records; group-committed fsync; crash recovery).
 */
export { Spool, type SpoolBatch, type SpoolOptions, type SpoolStats } from './spool';
export { SpoolError, type SpoolErrorCode } from './errors';
export type { RecoveryReport } from './segment';
export { decodeFrames, encodeFrames, payloadBytes, FRAME_HEADER_BYTES, SEGMENT_MAGIC } from './frame';
export { encodeSpoolRecord, encodeSessionVerdict, decodeSpoolRecord, recordOfSpooled, spoolPayload, withIntakePosition, intakePositionOf, type SpoolMeta, type SpooledDoc } from './record-format';
export { decodeSpoolRecordBytes, type SpooledDocBytes } from './record-format';
export { type SpoolPosition } from './position';
export { createSpoolBudget, budgetUsedBytes, type SpoolBudgetSlot } from './budget';
