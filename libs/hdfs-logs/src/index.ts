/**
 * hdfs-logs: renders HDFS-format raw log lines from DeepLog key sessions (the served
 * benchmark's input and the stack tests' traffic); pure, seeded.
 */
export * from './hdfs-render';
export * from './hdfs-templates';
