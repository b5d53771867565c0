/**
 * coded-error: the one error shape of the libraries — a message for people, a stable `code`
 * for programs (CLI exit codes, gRPC statuses, HTTP answers are chosen from it) and the
 * underlying `cause`. A library declares its codes and names its class:
 * `export class DrainError extends CodedError<DrainErrorCode> {}`.
 */
export class CodedError<C extends string> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    // the subclass's own name (DrainError, …), as `instanceof` and logs see it
    this.name = new.target.name;
    this.code = code;
  }
}
