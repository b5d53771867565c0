/**
 * The shell commands of the user-facing docs, and who runs each one.
 *
 * Every command in a ```sh block of {@link DOCS} is executed by a test against real
 * processes (`docs-commands.int.spec.ts`: the collector, Elasticsearch, the CLI;
 * `grpcurl.int.spec.ts`: the detector), or is listed in {@link NOT_RUN} with the reason it
 * cannot be run inside a test. A command that is neither fails the check, so a new example
 * cannot land untested.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The docs whose shell examples are checked (paths relative to {@link ROOT}). */
export const DOCS = ['README.md', 'docs/api.md'];

/** One shell command as written in a doc. */
export interface DocCommand {
  /** Doc path relative to the repository root. */
  file: string;
  /** 1-based line of the command's first line. */
  line: number;
  /** The command as written: continuation lines and multi-line quoted arguments kept, trailing comment removed. */
  text: string;
}

/** Who runs a command: `stack` (curl and shell lines against `npm start`), `cli`, `grpcurl`, or `not-run`. */
export type Runner = 'stack' | 'cli' | 'grpcurl' | 'not-run';

/** Commands no test runs, each with the reason (exact text after comment removal). */
export const NOT_RUN: Record<string, string> = {
  'npm ci': 'installs node_modules: the checkout the check runs from is already installed (.ci/run runs it first)',
  'npm start': 'the check itself runs the same stack (apps/cli/dist/start.js) on free ports; start.int.spec.ts tests npm start',
  'npm test': 'the check runs inside npm test',
  'npm run bench:drain -- --skip-accuracy':
    'builds the workspace first (npm run build) and measures speed; apps/bench/src/bench-data.int.spec.ts runs the same benchmark (drain --skip-accuracy, on 2,000 lines) as a real process',
  "curl -sS -XPOST http://127.0.0.1:8080/feedback -H 'content-type: application/json' \\\n  -d '{\"template_id\":\"T17\",\"note\":\"known maintenance message\"}'":
    'needs a detector that has learned and flagged template T17; apps/collector/src/detection.int.spec.ts posts the same body for a template it flagged',
  "npx log-sentinel feedback --collector http://127.0.0.1:8080 --template-id T17 --note 'known maintenance message'":
    'needs a detector that has learned and flagged template T17; apps/collector/src/detection.int.spec.ts runs log-sentinel feedback against a real collector',
  'npx log-sentinel feedback --collector http://127.0.0.1:8080 --event-id ID1 --event-id ID2':
    'needs stored flagged records ID1/ID2 and a trained detector; apps/collector/src/detection.int.spec.ts runs log-sentinel feedback --event-id against a real collector',
};

const SHELL_FENCE = /^```(sh|bash|shell)\s*$/;

/**
 * Splits the ```sh blocks of a markdown text into commands: a command goes on over a
 * trailing backslash and over newlines inside quotes ('…', "…", $'…'); `#` starting a word
 * outside quotes begins a comment; blank and comment-only lines are skipped.
 */
export function extractShellCommands(markdown: string, file: string): DocCommand[] {
  const lines = markdown.split('\n');
  const out: DocCommand[] = [];
  let inBlock = false;
  let cur: { line: number; text: string } | undefined;
  let quote: '' | "'" | '"' | "$'" = '';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!inBlock) {
      if (SHELL_FENCE.test(raw.trim())) inBlock = true;
      continue;
    }
    if (!cur && raw.trim().startsWith('```')) {
      inBlock = false;
      continue;
    }
    // Scan the line, tracking quotes; cut an unquoted comment.
    let kept = '';
    let j = 0;
    for (; j < raw.length; j++) {
      const c = raw[j]!;
      if (quote === "'") {
        if (c === "'") quote = '';
      } else if (quote === '"' || quote === "$'") {
        if (c === '\\') {
          kept += c + (raw[j + 1] ?? '');
          j++;
          continue;
        }
        if ((quote === '"' && c === '"') || (quote === "$'" && c === "'")) quote = '';
      } else if (c === '\\' && j + 1 < raw.length) {
        kept += c + raw[j + 1];
        j++;
        continue;
      } else if (c === '$' && raw[j + 1] === "'") {
        quote = "$'";
        kept += "$'";
        j++;
        continue;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '#' && (j === 0 || /\s/.test(raw[j - 1]!))) {
        break;
      }
      kept += c;
    }
    const text = quote ? kept : kept.replace(/\s+$/, '');
    if (!cur) {
      if (text.trim() === '') continue;
      cur = { line: i + 1, text };
    } else {
      cur.text += `\n${text}`;
    }
    if (quote === '' && !text.endsWith('\\')) {
      out.push({ file, line: cur.line, text: cur.text.trim() });
      cur = undefined;
    }
  }
  if (cur) throw new Error(`${file}:${cur.line}: command never ends (unclosed quote or trailing backslash at the end of its block)`);
  if (inBlock) throw new Error(`${file}: a shell block is not closed`);
  return out;
}

/** Every command of {@link DOCS}, in order. */
export function docCommands(): DocCommand[] {
  return DOCS.flatMap((f) => extractShellCommands(fs.readFileSync(path.join(ROOT, f), 'utf8'), f));
}

/** Who runs `cmd`, or undefined when nobody does (the check then fails). */
export function runnerOf(cmd: DocCommand): Runner | undefined {
  if (cmd.text in NOT_RUN) return 'not-run';
  const first = cmd.text.split(/\s+/, 1)[0]!;
  if (first === 'grpcurl') return 'grpcurl';
  if (/^npx log-sentinel(\s|$)/.test(cmd.text)) return 'cli';
  if (first === 'curl') return 'stack';
  // Plain shell lines that act on the running stack's files (e.g. appending to the watched dir).
  if (first === 'echo' && /\.log-sentinel\//.test(cmd.text)) return 'stack';
  return undefined;
}

/** `file:line` and the first line of a command, for messages. */
export const where = (c: DocCommand): string => `${c.file}:${c.line}: ${c.text.split('\n', 1)[0]}`;

/**
 * Points a doc command at the test's processes: the documented default addresses
 * (collector 127.0.0.1:8080, detector 127.0.0.1:50051, Elasticsearch http://127.0.0.1:9200)
 * become the given ones.
 */
export function retarget(text: string, to: { collector?: string; detector?: string; elastic?: string }): string {
  let t = text;
  if (to.collector) t = t.replaceAll('127.0.0.1:8080', to.collector);
  if (to.detector) t = t.replaceAll('127.0.0.1:50051', to.detector);
  if (to.elastic) t = t.replaceAll('http://127.0.0.1:9200', to.elastic.replace(/\/+$/, ''));
  return t;
}
