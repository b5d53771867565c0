/** Progress on stderr: a cli-progress bar on a TTY, otherwise nothing (summaries are printed by the commands). */
import { SingleBar, Presets } from 'cli-progress';

/** A progress reporter that is silent when stderr is not a terminal. */
export interface Progress {
  /** Starts (or restarts) a bar for `total` steps labelled `label`. */
  start(label: string, total: number): void;
  /** Sets the current value. */
  update(value: number, note?: string): void;
  /** Stops the bar. */
  stop(): void;
}

/** Creates a progress reporter for stderr. */
export function stderrProgress(): Progress {
  if (!process.stderr.isTTY) return { start: () => undefined, update: () => undefined, stop: () => undefined };
  let bar: SingleBar | undefined;
  return {
    start(label, total) {
      bar?.stop();
      bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {value}/{total} {note}`, hideCursor: true }, Presets.shades_classic);
      bar.start(total, 0, { note: '' });
    },
    update(value, note = '') {
      bar?.update(value, { note });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
