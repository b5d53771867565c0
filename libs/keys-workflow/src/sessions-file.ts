/** Reads `--format keys` files: one session per line, space-separated integer log keys. */
import * as fs from 'node:fs';
import { CliError, cannotRead, checkInputFile, type InputSource } from '@log-sentinel/cli-kit';

/** Largest accepted log key (keys are small non-negative integers in the DeepLog format). */
export const MAX_KEY = 2 ** 31 - 1;

/**
 * Parses a keys file. Session ids are 1-based line numbers. A final newline is allowed;
 * any other empty line, or a token that is not a non-negative integer, is an error naming
 * the line.
 */
export function parseKeySessions(text: string, name: string): number[][] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new CliError(`${name}: no sessions (the file is empty)`);
  return lines.map((raw, i) => {
    const line = raw.trim();
    if (line === '') throw new CliError(`${name}: line ${i + 1}: empty session (every line must hold at least one log key)`);
    return line.split(/\s+/).map((tok) => {
      if (!/^\d+$/.test(tok) || Number(tok) > MAX_KEY) {
        throw new CliError(`${name}: line ${i + 1}: "${tok.slice(0, 40)}" is not a log key (expected non-negative integers separated by spaces)`);
      }
      return Number(tok);
    });
  });
}

/** Reads and parses a keys file (named by `source` in messages); a missing, unreadable or binary file is a CliError naming it. */
export function readKeySessions(file: string, source?: InputSource): number[][] {
  checkInputFile(file, source);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw cannotRead(file, (err as Error).message, source, err);
  }
  return parseKeySessions(text, file);
}
