/**
 * Runs the built `log-sentinel` CLI (`node apps/cli/dist/main.js …`) as a child process, as a
 * user would: stdout kept (or written by the CLI's own `--out`), stderr forwarded line by
 * line with a prefix, a non-zero exit turned into an error carrying the CLI's message.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** What one CLI run produced. */
export interface CliRun {
  /** Everything written to stdout. */
  stdout: string;
  /** Wall time, seconds. */
  seconds: number;
  /** The command line, for the report. */
  command: string;
}

const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Runs `log-sentinel ARGS` from the repository root; `label` prefixes its forwarded stderr. */
export function runCli(root: string, args: string[], label: string, log: (msg: string) => void): Promise<CliRun> {
  const main = path.join(root, 'apps/cli/dist/main.js');
  const command = ['log-sentinel', ...args].map(quote).join(' ');
  log(`${label}: ${command}`);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let errTail = '';
    let partial = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      const lines = text.split(/\r|\n/);
      partial = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) log(`${label}: ${l}`);
      errTail = (errTail + d.toString()).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (partial.trim()) log(`${label}: ${partial}`);
      if (code !== 0) return reject(new Error(`${command} exited with ${code}: ${errTail.trim()}`));
      resolve({ stdout: Buffer.concat(out).toString('utf8'), seconds: Number(((performance.now() - t0) / 1000).toFixed(2)), command });
    });
  });
}
