/**
 * Drain settings through the real CLI process (`npm run build` first): `parse` with a config
 * file and flags, and `train` storing them in the model, where `detect` (the detector's
 * pipeline) uses them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../../..');
const cli = path.join(root, 'apps/cli/dist/main.js');
const openssh = path.join(root, 'testdata/loghub_2k/OpenSSH/OpenSSH_2k.log');
const formats = JSON.parse(fs.readFileSync(path.join(root, 'testdata/loghub_2k/log_formats.json'), 'utf8')) as Record<string, { log_format: string }>;

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const rows = (text: string): { template: string; params: string[] }[] =>
  text.trim().split('\n').map((l) => JSON.parse(l) as { template: string; params: string[] });

describe('Drain settings in the CLI', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'drain-config-int-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('parse --drain-config (JSON) with a typed mask: <IP> in the templates, the address as parameter', () => {
    const config = path.join(tmp, 'drain.json');
    fs.writeFileSync(config, JSON.stringify({ extraMasks: [{ pattern: '\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b', maskWith: 'IP' }] }));
    const r = run(['parse', '--input', openssh, '--log-format', formats.OpenSSH!.log_format, '--drain-config', config]);
    expect(r.code).toBe(0);
    const out = rows(r.stdout);
    expect(out).toHaveLength(2000);
    expect(out[1]).toEqual({ line: 2, template_id: '2', template: 'Invalid user webmaster from <IP>', params: ['173.234.31.186'] });
  });

  it('parse --no-default-masks --mask NUM=…: only the given mask applies', () => {
    const r = run(['parse', '--input', openssh, '--log-format', formats.OpenSSH!.log_format, '--no-default-masks', '--mask', 'NUM=\\b\\d+\\b', '--sim-th', '0.5', '--depth', '4']);
    expect(r.code).toBe(0);
    expect(rows(r.stdout)[1]!.template).toBe('Invalid user webmaster from <NUM>.<NUM>.<NUM>.<NUM>');
  });

  it('a bad config or flag is exit 2 with one line naming it', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{"sim_th": 0.4}');
    const r = run(['parse', '--input', openssh, '--drain-config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^log-sentinel: --drain-config '.*bad\.json': .*sim_th/);
    const k = run(['train', '--format', 'keys', '--input', openssh, '--out', path.join(tmp, 'no'), '--mask', 'A=a']);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/--mask does not apply to --format keys/);
  });

  it('train stores the settings in the model and detect applies them', () => {
    const input = path.join(tmp, 'app.log');
    const lines = Array.from({ length: 300 }, (_, i) => `2024-01-01 10:00:${String(i % 60).padStart(2, '0')} INFO session=s${i % 7} request req-${(i * 7919).toString(16)} took ${i % 50} ms`);
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const model = path.join(tmp, 'model');
    const common = ['--format', 'raw', '--input', input, '--log-format', '<Date> <Time> <Level> <Content>', '--session-regex', 'session=(\\S+)'];
    const t = run(['train', ...common, '--out', model, '--mask', 'REQ=req-[0-9a-f]+', '--sim-th', '0.7']);
    expect(t.code).toBe(0);
    const version = (JSON.parse(t.stdout) as { dir: string }).dir;
    const drain = JSON.parse(fs.readFileSync(path.join(version, 'drain.json'), 'utf8')) as { options: Record<string, unknown> };
    expect(drain.options).toMatchObject({ simThreshold: 0.7, extraMasks: [{ pattern: 'req-[0-9a-f]+', maskWith: 'REQ' }] });
    const d = run(['detect', '--format', 'raw', '--input', input, '--model', model]);
    expect(d.code).toBe(0);
    const first = JSON.parse(d.stdout.trim().split('\n')[0]!) as { template: string };
    expect(first.template).toBe('session=<*> request <REQ> took <*>');
  });
});
