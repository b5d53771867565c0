/**
 * Up-front checks of the files a command reads (`--input`, `--normal`, `--abnormal`): every
 * command refuses a missing, unreadable or binary file with one message style,
 * `<command>: cannot read <flag> '<file>': <reason>`, exit 2, before any work starts.
 */
import * as fs from 'node:fs';
import { CliError } from './cli-error';

/** Bytes examined for binary content at the start of an input file. */
export const SNIFF_BYTES = 1024;

/** Magic numbers of binary files people pass by mistake, with what to tell them. */
const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data (decompress it first, e.g. gunzip -k)' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data (decompress it first)' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data (decompress it first)' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data (decompress it first)' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (extract it first)' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
];

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a parent is not a directory)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
};

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined ? REASONS[code] : undefined) ?? (err as Error).message;
}

/** Why `head` (the first bytes of a file) is not text, or undefined when it looks like text. */
export function binaryReason(head: Uint8Array): string | undefined {
  for (const m of MAGIC) if (m.bytes.every((b, i) => head[i] === b)) return m.what;
  const nul = head.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) return `binary data (a NUL byte at offset ${nul}), not a text log`;
  return undefined;
}

/** Where an input file came from: the command and the flag that named it. */
export interface InputSource {
  /** Command name, e.g. `train`. */
  command: string;
  /** Flag, e.g. `--input`. */
  flag: string;
}

/** The one message for an input file that cannot be used: `train: cannot read --input 'x': no such file`. */
export function cannotRead(file: string, why: string, source?: InputSource, cause?: unknown): CliError {
  const what = source === undefined ? `'${file}'` : `${source.flag} '${file}'`;
  const prefix = source === undefined ? '' : `${source.command}: `;
  return new CliError(`${prefix}cannot read ${what}: ${why}`, undefined, cause === undefined ? undefined : { cause });
}

/**
 * Checks that `file` is a readable text file: it exists, is not a directory, can be opened,
 * and its first KiB has no NUL byte or compression/executable magic number. Throws a
 * CliError (exit 2) naming the command, flag, file and reason.
 */
export function checkInputFile(file: string, source?: InputSource): void {
  const fail = (why: string, cause?: unknown): never => {
    throw cannotRead(file, why, source, cause);
  };
  let fd: number | undefined;
  try {
    if (fs.statSync(file).isDirectory()) fail(REASONS.EISDIR!);
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, head, 0, SNIFF_BYTES, 0);
    const binary = binaryReason(head.subarray(0, n));
    if (binary !== undefined) fail(binary);
  } catch (err) {
    if (err instanceof CliError) throw err;
    fail(reason(err), err);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
