import { CodedError } from '@log-sentinel/coded-error';

/** Stable codes of {@link FileTailError}. */
export type FileTailErrorCode = 'CHECKPOINT_UNREADABLE' | 'CHECKPOINT_VERSION' | 'TAIL_IO' | 'INVALID_OPTION';

/** An error of the file tailer, with a stable `code` and the underlying `cause`. */
export class FileTailError extends CodedError<FileTailErrorCode> {
  /** Creates a tailer error. */
  constructor(code: FileTailErrorCode, message: string, cause?: unknown) {
    super(code, message, cause === undefined ? undefined : { cause });
  }
}
