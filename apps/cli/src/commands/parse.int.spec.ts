/** `log-sentinel parse` on real files: in-process (runParse) and as a real process (bin/log-sentinel.js). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogFormat, TemplateMiner } from '@log-sentinel/drain';
import { CliError } from '../cli-error';
import { runParse } from './parse';
import { tempDirPerTest } from '../temp-dir.spec-helper';

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('no nx.json');
  }
}

const root = repoRoot();
const data = path.join(root, 'testdata');
const hdfsLog = path.join(data, 'loghub_2k', 'HDFS', 'HDFS_2k.log');
const HDFS_FORMAT = '<Date> <Time> <Pid> <Level> <Component>: <Content>';

interface Row {
  line: number;
  template_id: string;
  template: string;
  params: string[];
}

function readJsonl(file: string): Row[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Row);
}

describe('log-sentinel parse', () => {
  const tmp = tempDirPerTest('parse-spec-');

  it('writes one JSON object per input line, in order, with exactly line/template_id/template/params', async () => {
    const out = tmp.path('out.jsonl');
    const summary = await runParse({ input: hdfsLog, logFormat: HDFS_FORMAT, out });
    const rows = readJsonl(out);
    expect(summary).toEqual({ lines: 2000, templates: 14, unmatchedHeaders: 0, truncatedLines: 0 });
    expect(rows).toHaveLength(2000);
    rows.forEach((r, i) => {
      expect(Object.keys(r)).toEqual(['line', 'template_id', 'template', 'params']);
      expect(r.line).toBe(i + 1);
    });
    expect(rows[0]).toEqual({
      line: 1,
      template_id: '1',
      template: 'PacketResponder <*> for block <*> terminating',
      params: ['1', 'blk_38865049064139660'],
    });
    expect(new Set(rows.map((r) => r.template_id)).size).toBe(14);
    expect(fs.readdirSync(tmp.dir)).toEqual(['out.jsonl']); // temp file renamed into place
  });

  it('without --log-format the whole line is the content', async () => {
    const out = tmp.path('out.jsonl');
    await runParse({ input: hdfsLog, out });
    const first = readJsonl(out)[0]!;
    expect(first.template).toBe('<*> INFO dfs.DataNode$PacketResponder: PacketResponder <*> for block <*> terminating');
    expect(first.params).toEqual(['081109 203615 148', '1', 'blk_38865049064139660']);
  });

  it('handles empty lines, CRLF, invalid UTF-8, a 1 MB line, non-matching headers and a missing final newline', async () => {
    const hdfs = fs.readFileSync(hdfsLog, 'utf8').split('\n').slice(0, 3);
    const input = tmp.path('bad.log');
    const parts = [
      Buffer.from(`${hdfs[0]}\r\n`),
      Buffer.from('\n'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]), // invalid UTF-8 (a NUL byte this early would make it binary input)
      Buffer.from(`081109 203615 148 INFO dfs.DataNode: ${'word '.repeat(210_000)}\n`),
      Buffer.from('this line has no HDFS header at all\n'),
      Buffer.from(hdfs[1]!.replace(/\r$/, '')),
    ];
    fs.writeFileSync(input, Buffer.concat(parts));
    const out = tmp.path('out.jsonl');
    const summary = await runParse({ input, logFormat: HDFS_FORMAT, out });
    const rows = readJsonl(out);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(summary.lines).toBe(6);
    expect(summary.unmatchedHeaders).toBe(3); // the empty line, the binary line, the header-less line
    expect(rows[0]!.template).toBe('PacketResponder <*> for block <*> terminating');
    expect(rows[1]!.template).toBe('');
    expect(rows[3]!.template.split(' ').length).toBeLessThanOrEqual(256);
    expect(rows[4]!.template).toBe('this line has no HDFS header at all');
    expect(rows[5]!.template_id).toBe(rows[0]!.template_id);
  });

  it('writes for every line exactly what JSON.stringify of the miner\'s result gives (12 systems, odd characters, chunk edges)', async () => {
    const systems = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'BGL', 'HPC', 'Windows', 'Linux', 'Android', 'Apache', 'Proxifier', 'OpenSSH'];
    const odd = ['user José 12 ok', 'path C:\\tmp\\x 12', 'said "hello" 12', 'tab\there 12', 'lone\rcr 12', 'ctl \u0001 12', 'sentinel \ue000 12', 'emoji \u{1f600} 12', 'a\u2028b 12'];
    const lines: string[] = [];
    for (const s of systems) lines.push(...fs.readFileSync(path.join(data, 'loghub_2k', s, `${s}_2k.log`), 'utf8').split('\n').slice(0, 400));
    for (let k = 0; k < 600; k++) lines.push(`evt ${k} ${odd[k % odd.length]!}${'x'.repeat(k % 97)}`); // ends fall on every offset of the 16 KiB chunks
    const input = tmp.path('mixed.log');
    fs.writeFileSync(input, lines.join('\n'));
    const out = tmp.path('out.jsonl');
    await runParse({ input, out });
    const miner = new TemplateMiner();
    const expected = lines.map((l, i) => {
      const r = miner.add(l.trim());
      return JSON.stringify({ line: i + 1, template_id: r.cluster.templateId, template: r.cluster.template, params: r.params }) + '\n';
    });
    expect(fs.readFileSync(out, 'utf8')).toBe(expected.join(''));
  });

  it('with --log-format, writes what the miner gives for ASCII chunks (tokenised in WebAssembly) and non-ASCII ones alike', async () => {
    const hdfs = fs.readFileSync(hdfsLog, 'utf8').split('\n').slice(0, 2000);
    const odd = ['said "hello" 12', 'uid=0 it\'s 12', 'tags=[a, b] 12', 'tab\there 12', 'lone\rcr 12', 'ctl \u0001 12', '<*> <*> 12', 'C:\\tmp 12\r'];
    const lines: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const header = hdfs[k % hdfs.length]!.replace(/: .*$/, ': ');
      if (k % 3 === 0) lines.push(hdfs[k % hdfs.length]!);
      else if (k % 3 === 1) lines.push(`${header}${odd[k % odd.length]!} ${'y'.repeat(k % 89)}`);
      else lines.push(`no header ${k} ${odd[k % odd.length]!}`); // content = the whole line
      if (k >= 1500 && k < 1700) lines.push(`${header}José ${k} \u{1f600}`); // non-ASCII chunks in the middle
    }
    lines.push(`${hdfs[0]!.replace(/: .*$/, ': ')}${'long '.repeat(9000)}`); // a line across chunks
    const input = tmp.path('ascii-mixed.log');
    fs.writeFileSync(input, lines.join('\n'));
    const out = tmp.path('out.jsonl');
    await runParse({ input, logFormat: HDFS_FORMAT, out });
    const miner = new TemplateMiner();
    const format = LogFormat.compile(HDFS_FORMAT);
    const expected = lines.map((l, i) => {
      const r = miner.add(format.content(l));
      return JSON.stringify({ line: i + 1, template_id: r.cluster.templateId, template: r.cluster.template, params: r.params }) + '\n';
    });
    expect(fs.readFileSync(out, 'utf8')).toBe(expected.join(''));
  });

  it('names the problem for a missing input, a directory and a bad format', async () => {
    await expect(runParse({ input: tmp.path('nope.log') })).rejects.toThrow(/parse: cannot read --input '.*nope\.log': no such file/);
    await expect(runParse({ input: tmp.dir })).rejects.toThrow(/parse: cannot read --input '.*': it is a directory/);
    await expect(runParse({ input: hdfsLog, logFormat: '<Date> <Time>' })).rejects.toThrow(/parse: --log-format: .*no <Content> field/);
    await expect(runParse({ input: hdfsLog, out: tmp.path('no', 'such', 'out.jsonl') })).rejects.toBeInstanceOf(CliError);
  });

  it('runs as a real process: JSONL on stdout, summary on stderr, exit 2 on bad input', () => {
    const bin = path.join(root, 'apps', 'cli', 'bin', 'log-sentinel.js');
    const ok = spawnSync(process.execPath, [bin, 'parse', '--input', hdfsLog, '--log-format', HDFS_FORMAT], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(2000);
    expect(ok.stderr).toMatch(/parse: 2000 lines, 14 templates/);
    const missing = spawnSync(process.execPath, [bin, 'parse', '--input', tmp.path('missing.log')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/log-sentinel: parse: cannot read --input '.*missing\.log': no such file/);
    const badFormat = spawnSync(process.execPath, [bin, 'parse', '--input', hdfsLog, '--log-format', '<Date'], { encoding: 'utf8' });
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(/--log-format/);
  });

  it('on a TTY draws a cli-progress counter, clears it and prints the summary line', () => {
    const bin = path.join(root, 'apps', 'cli', 'bin', 'log-sentinel.js');
    const cmd = [process.execPath, bin, 'parse', '--input', hdfsLog, '--out', tmp.path('tty.jsonl')].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/parse: 0 lines, 0 templates/); // cli-progress's first frame
    expect(r.stdout).toMatch(/\[2Kparse: 2000 lines, 14 templates, 0 lines did not match/); // cleared, then the summary
    expect(readJsonl(tmp.path('tty.jsonl'))).toHaveLength(2000);
  });
});
