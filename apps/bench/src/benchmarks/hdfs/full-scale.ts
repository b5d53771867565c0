/**
 * The HDFS full-scale estimate every HDFS session benchmark reports: the false-positive
 * rate measured on the normal test subset, scaled to the 553,366 normal sessions of the
 * full HDFS test set (testdata/README.md, "hdfs_deeplog"); true positives and misses are counted on
 * all 16,838 abnormal sessions as they are.
 */
import { evalMetrics, type EvalMetrics } from '@log-sentinel/keys-workflow';

/** Normal sessions of the full HDFS test set. */
export const FULL_HDFS_NORMAL_SESSIONS = 553_366;

/** P/R/F1 with the normal side scaled to the full HDFS test set. */
export function estimateFullScale(abnormalFlags: readonly boolean[], normalFlags: readonly boolean[]): EvalMetrics {
  return evalMetrics(abnormalFlags, normalFlags, FULL_HDFS_NORMAL_SESSIONS);
}
