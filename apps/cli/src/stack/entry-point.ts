/** How `npm start` and `npm run demo` end: one exit path for both entry points. */
import { StackConfigError } from './stack-config';

/**
 * Runs an entry point: the code `main` resolves to is the exit code. An error of one of the
 * `known` classes is one line naming the problem (exit 2 for bad settings, else 1); anything
 * else is printed with its stack (exit 1).
 */
export function runEntryPoint(command: string, main: () => Promise<number>, known: readonly (abstract new (...args: never[]) => Error)[]): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const isKnown = err instanceof StackConfigError || known.some((k) => err instanceof k);
      process.stderr.write(`log-sentinel ${command}: ${isKnown ? (err as Error).message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = err instanceof StackConfigError ? 2 : 1;
    },
  );
}
