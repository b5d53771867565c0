import { EXIT } from '@log-sentinel/cli-kit';

// One definition, shared with the benchmarks (apps/bench) through libs/cli-kit.
export { CliError, EXIT } from '@log-sentinel/cli-kit';

/** The exit-code section of `--help` (the program's and every command's), written from {@link EXIT}. */
export const EXIT_CODES_HELP = `Exit codes (every command):
  0  success
  ${EXIT.failure}  failure while running: an I/O error such as a full disk, or a bug
  ${EXIT.usage}  bad usage or input: unknown flag, missing, unreadable or binary file, bad --log-format (the message names it)
  ${EXIT.model}  the --model directory cannot be loaded: missing, corrupt, or trained on another --format`;
