/** Exit codes as `log-sentinel --help` documents them: 2 = bad usage or input, 3 = the model could not be loaded, 1 = a failure while running (0 = success). */
export const EXIT = { usage: 2, model: 3, failure: 1 } as const;

/** An error the CLI reports as one line naming the problem, then exits with `exitCode`. */
// Deliberately not a CodedError: what a program reads from the CLI is its exit code, which this carries instead.
export class CliError extends Error {
  /** Process exit code for this error. */
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
