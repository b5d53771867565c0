// The extractor behind the docs check: what counts as one command in a ```sh block, and
// that every command of README.md and docs/api.md has a runner or a stated reason.
import { docCommands, extractShellCommands, NOT_RUN, retarget, runnerOf, where } from './doc-commands';

const md = (...blocks: string[]): string => blocks.map((b) => `text\n\n\`\`\`sh\n${b}\n\`\`\`\n`).join('\n');

describe('extractShellCommands', () => {
  it('joins backslash continuations and keeps each command with its first line number', () => {
    const cmds = extractShellCommands(md("curl -sS -X POST http://127.0.0.1:8080/logs \\\n  -H 'Content-Type: text/plain' \\\n  --data-binary 'x'\ncurl -sS http://127.0.0.1:8080/readyz"), 'a.md');
    expect(cmds).toEqual([
      { file: 'a.md', line: 4, text: "curl -sS -X POST http://127.0.0.1:8080/logs \\\n  -H 'Content-Type: text/plain' \\\n  --data-binary 'x'" },
      { file: 'a.md', line: 7, text: 'curl -sS http://127.0.0.1:8080/readyz' },
    ]);
  });

  it("continues over newlines inside '…' and $'…' quotes (multi-line JSON bodies)", () => {
    const cmds = extractShellCommands(md("grpcurl -plaintext -d '{\n  \"records\": []\n}' 127.0.0.1:50051 x/Detect", "curl --data-binary $'a\\'b\\n'\necho done"), 'b.md');
    expect(cmds.map((c) => c.text)).toEqual(["grpcurl -plaintext -d '{\n  \"records\": []\n}' 127.0.0.1:50051 x/Detect", "curl --data-binary $'a\\'b\\n'", 'echo done']);
    expect(cmds.map((c) => c.line)).toEqual([4, 12, 13]);
  });

  it('drops comments and comment-only lines, but not # inside quotes or words', () => {
    const cmds = extractShellCommands(md("# One record\nnpm ci          # install\ncurl -sS x | grep -v '^#' | head\necho a#b"), 'c.md');
    expect(cmds.map((c) => c.text)).toEqual(['npm ci', "curl -sS x | grep -v '^#' | head", 'echo a#b']);
  });

  it('reads only sh/bash/shell blocks', () => {
    expect(extractShellCommands('```json\n{"a":1}\n```\n```ts\nfoo()\n```\n```bash\nls\n```\n', 'd.md').map((c) => c.text)).toEqual(['ls']);
  });

  it('refuses an unterminated command instead of dropping it', () => {
    expect(() => extractShellCommands(md("curl -d '{"), 'e.md')).toThrow('e.md:4: command never ends');
  });
});

describe('runnerOf', () => {
  const cmd = (text: string) => ({ file: 'x.md', line: 1, text });
  it('sends curl and watched-dir lines to the stack, the CLI and grpcurl to their runners, and knows nothing else', () => {
    expect(runnerOf(cmd('curl -sS http://127.0.0.1:8080/readyz'))).toBe('stack');
    expect(runnerOf(cmd('echo "x" >> .log-sentinel/watch/worker.log'))).toBe('stack');
    expect(runnerOf(cmd('npx log-sentinel --help'))).toBe('cli');
    expect(runnerOf(cmd('grpcurl -plaintext 127.0.0.1:50051 list'))).toBe('grpcurl');
    expect(runnerOf(cmd('npm ci'))).toBe('not-run');
    expect(runnerOf(cmd('npm ci --force'))).toBeUndefined();
    expect(runnerOf(cmd('docker compose up'))).toBeUndefined();
    expect(runnerOf(cmd('echo hi'))).toBeUndefined();
  });
});

describe('README.md and docs/api.md', () => {
  const cmds = docCommands();
  it('have a runner or a stated reason for every shell command', () => {
    expect(cmds.length).toBeGreaterThan(10);
    expect(cmds.filter((c) => runnerOf(c) === undefined).map(where)).toEqual([]);
  });
  it('still contain every command NOT_RUN excuses (stale entries go)', () => {
    const texts = new Set(cmds.map((c) => c.text));
    expect(Object.keys(NOT_RUN).filter((t) => !texts.has(t))).toEqual([]);
  });
});

describe('retarget', () => {
  it('replaces the documented default addresses', () => {
    expect(retarget("curl http://127.0.0.1:8080/x http://127.0.0.1:9200/i-*/_search; grpcurl 127.0.0.1:50051 list", { collector: '127.0.0.1:1', detector: '127.0.0.1:2', elastic: 'http://h:3/' })).toBe(
      'curl http://127.0.0.1:1/x http://h:3/i-*/_search; grpcurl 127.0.0.1:2 list',
    );
  });
});
