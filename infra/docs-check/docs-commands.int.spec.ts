// Runs every shell command of README.md and docs/api.md (see ./doc-commands.ts), as written
// but pointed at free ports: curl and watched-directory lines against a real `npm start`
// stack (apps/cli/dist/start.js: detector + collector) with the shared Elasticsearch,
// `npx log-sentinel …` in a scratch directory that sees the repository's testdata/. grpcurl
// lines run in ./grpcurl.int.spec.ts; NOT_RUN says why the rest cannot run here. A command
// that has neither a runner nor a reason fails, so no example lands untested.
// `npm run docs:check` runs this file and the grpcurl one alone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '@log-sentinel/loopback-process';
import { docCommands, retarget, ROOT, runnerOf, where, type DocCommand } from './doc-commands';

const START = path.join(ROOT, 'apps/cli/dist/start.js');
const ELASTIC = (process.env['ELASTIC_ADDR'] ?? 'http://127.0.0.1:9200').replace(/\/+$/, '');
const INDEX_PREFIX = `it-docs-${Date.now()}`;
/** CLI flags naming files or directories the command reads: they must exist before it runs. */
const INPUT_FLAGS = new Set(['--input', '--normal', '--abnormal', '--model', '--data']);

const commands = docCommands();
const run = commands.filter((c) => runnerOf(c) === 'stack' || runnerOf(c) === 'cli');

async function waitFor(what: string, cond: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** bash prelude: curl fails on HTTP errors and reports each reply's status and its own exit code on stderr. */
const CURL_PRELUDE = `curl() {
  command curl --fail-with-body -w '%{stderr}docs-check: HTTP %{http_code}\\n' "$@"
  local rc=$?
  echo "docs-check: curl exit $rc" >&2
  return $rc
}
`;

function bash(script: string, cwd: string, timeoutMs: number): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script], { cwd, env: process.env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The words of a command line, as bash splits them (the examples use no substitutions in CLI lines). */
function shellWords(text: string): string[] {
  const r = spawnSync('bash', ['-c', `set -- ${text}\nprintf '%s\\0' "$@"`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot split ${text}: ${r.stderr}`);
  return r.stdout.split('\0').slice(0, -1);
}

describe('shell commands of README.md and docs/api.md', () => {
  let home: string;
  let cliDir: string;
  let stack: ChildProcess | undefined;
  let stackOut = '';
  let collector = '';
  let detector = '';
  let esReady = false;

  beforeAll(async () => {
    for (const entry of [START, path.join(ROOT, 'apps/cli/dist/main.js')]) {
      if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    }
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-stack-'));
    cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-cli-'));
    // `npx log-sentinel` from a scratch project that resolves the workspace's bin and sees
    // the repository's files by the same relative paths as from the repository root.
    fs.writeFileSync(path.join(cliDir, 'package.json'), '{"name":"docs-check-cli","private":true}\n');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(cliDir, 'node_modules'));
    for (const name of fs.readdirSync(ROOT)) {
      if (!['node_modules', 'package.json', '.git'].includes(name)) fs.symlinkSync(path.join(ROOT, name), path.join(cliDir, name));
    }

    const [collectorPort, detectorPort] = [await freePort(), await freePort()];
    collector = `127.0.0.1:${collectorPort}`;
    detector = `127.0.0.1:${detectorPort}`;
    stack = spawn(process.execPath, [START], {
      cwd: home,
      env: { ...process.env, COLLECTOR_PORT: String(collectorPort), DETECTOR_PORT: String(detectorPort), ELASTIC_ADDR: ELASTIC, ELASTIC_INDEX: INDEX_PREFIX },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout!.on('data', (d: Buffer) => (stackOut += d.toString()));
    stack.stderr!.on('data', (d: Buffer) => (stackOut += d.toString()));
    const died = new Promise<never>((_, reject) => stack!.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${stackOut}`))));
    died.catch(() => undefined);
    await Promise.race([
      died,
      waitFor(
        'the collector ready with the detector up and Elasticsearch reachable',
        async () => {
          const res = await fetch(`http://${collector}/readyz`);
          const body = (await res.json()) as { checks?: { detector?: string; elasticsearch?: string } };
          return res.status === 200 && body.checks?.detector === 'up' && body.checks?.elasticsearch === 'reachable';
        },
        90_000,
      ),
    ]);
  }, 120_000);

  afterAll(async () => {
    if (stack && stack.exitCode === null) {
      const exited = new Promise((resolve) => stack!.once('exit', resolve));
      stack.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (stack.exitCode === null) stack.kill('SIGKILL');
    }
    // Elasticsearch refuses wildcard deletes (action.destructive_requires_name): name each index.
    const indices = await fetch(`${ELASTIC}/${INDEX_PREFIX}-*`)
      .then(async (r) => Object.keys((await r.json()) as object))
      .catch(() => [] as string[]);
    if (indices.length > 0) await fetch(`${ELASTIC}/${indices.join(',')}`, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${ELASTIC}/_index_template/${INDEX_PREFIX}`, { method: 'DELETE' }).catch(() => undefined);
    for (const d of [home, cliDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it('has a runner or a stated reason (NOT_RUN) for every command', () => {
    expect(commands.filter((c) => runnerOf(c) === undefined).map(where)).toEqual([]);
  });

  it.each(run.map((c) => [where(c), c] as const))('%s', async (_name, cmd) => {
    if (runnerOf(cmd) === 'cli') return runCli(cmd);
    let text = retarget(cmd.text, { collector, detector, elastic: ELASTIC });
    if (text.includes(ELASTIC)) {
      // Our stack writes to its own index prefix on the shared node; query that one, once
      // the records the earlier examples posted have arrived.
      text = text.replaceAll('logs-sentinel-', `${INDEX_PREFIX}-`);
      if (!esReady) {
        await waitFor(
          `documents in ${INDEX_PREFIX}-*`,
          async () => ((await (await fetch(`${ELASTIC}/${INDEX_PREFIX}-*/_count`)).json()) as { count?: number }).count! > 0,
          60_000,
        );
        esReady = true;
      }
    }
    const r = bash(CURL_PRELUDE + text, home, 60_000);
    const detail = `${where(cmd)}\nexit ${r.status}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`;
    if (r.status !== 0) throw new Error(detail);
    const codes = [...r.stderr.matchAll(/^docs-check: HTTP (\d+)$/gm)].map((m) => Number(m[1]));
    const exits = [...r.stderr.matchAll(/^docs-check: curl exit (\d+)$/gm)].map((m) => Number(m[1]));
    if (/^curl\s/.test(cmd.text)) {
      if (codes.length === 0 || codes.some((c) => c < 200 || c > 299) || exits.some((e) => e !== 0)) throw new Error(`not every reply was 2xx (${codes.join(', ')}; curl exits ${exits.join(', ')})\n${detail}`);
      expect(r.stdout.trim()).not.toBe('');
    }
  }, 180_000);

  /** `npx log-sentinel …` in the scratch directory: inputs must be files of the repository, outputs non-empty. */
  function runCli(cmd: DocCommand): void {
    const words = shellWords(cmd.text);
    for (let i = 0; i < words.length - 1; i++) {
      if (!INPUT_FLAGS.has(words[i]!)) continue;
      const p = words[i + 1]!;
      if (!fs.existsSync(path.resolve(cliDir, p))) {
        throw new Error(`${where(cmd)}\n${words[i]} ${p}: no such file in the repository (nor written by an earlier example). Examples must read files the repository has, e.g. testdata/…`);
      }
    }
    const r = bash(cmd.text, cliDir, 600_000);
    const detail = `${where(cmd)}\nexit ${r.status}\nstdout: ${r.stdout.slice(-2000)}\nstderr: ${r.stderr.slice(-2000)}`;
    if (r.status !== 0) throw new Error(detail);
    const out = words.indexOf('--out');
    if (out >= 0 && out + 1 < words.length) {
      const target = path.resolve(cliDir, words[out + 1]!);
      if (!fs.existsSync(target) || (fs.statSync(target).isFile() && fs.statSync(target).size === 0)) throw new Error(`${words[out + 1]} was not written\n${detail}`);
    } else if (r.stdout.trim() === '') {
      throw new Error(`no output\n${detail}`);
    }
  }
});
