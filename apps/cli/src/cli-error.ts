/** Exit codes as `log-sentinel --help` documents them: 2 = bad usage or input, 3 = the model could not be loaded, 1 = a failure while running (0 = success). */
export const EXIT = { usage: 2, model: 3, failure: 1 } as const;

/** The exit-code section of `--help` (the program's and every command's), written from {@link EXIT}. */
export const EXIT_CODES_HELP = `Exit codes (every command):
  0  success
  ${EXIT.failure}  failure while running: an I/O error such as a full disk, or a bug
  ${EXIT.usage}  bad usage or input: unknown flag, missing, unreadable or binary file, bad --log-format (the message names it)
  ${EXIT.model}  the --model directory cannot be loaded: missing, corrupt, or trained on another --format`;

/** An error the CLI reports as one line naming the problem, then exits with `exitCode`. */
export class CliError extends Error {
  /** Process exit code for this error. */
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
