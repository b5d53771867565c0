/**
 * Progress on stderr: a cli-progress bar on a TTY; otherwise nothing (summaries are printed by
 * the commands), or with `plainLines` one line per update (train's epochs, for logs and CI).
 */
import { SingleBar, Presets } from 'cli-progress';

import type { Progress } from '@log-sentinel/keys-workflow';

export { EPOCH_LABEL, epochNote, type Progress } from '@log-sentinel/keys-workflow';

/** Creates a progress reporter for stderr; `plainLines` writes `<label> <value>/<total> <note>` lines when stderr is not a TTY. */
export function stderrProgress(opts: { plainLines?: boolean } = {}): Progress {
  if (!process.stderr.isTTY && opts.plainLines === true) {
    let label = '';
    let total = 0;
    return {
      start(l, t) {
        label = l;
        total = t;
      },
      update(value, note = '') {
        process.stderr.write(`${label} ${value}/${total}${note === '' ? '' : ` ${note}`}\n`);
      },
      stop: () => undefined,
    };
  }
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
