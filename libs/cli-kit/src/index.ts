/**
 * cli-kit: the `log-sentinel` CLI's error type and exit codes, and the input-file checks
 * every command makes; shared by the CLI, libs/keys-workflow and the benchmarks. Light on
 * purpose: the CLI loads it for every command (see apps/cli/src/lazy-commands.int.spec.ts).
 */
export { CliError, EXIT } from './cli-error';
export { binaryReason, cannotRead, checkInputFile, SNIFF_BYTES, type InputSource } from './input-file';
