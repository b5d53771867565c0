import { ASCII_INPUT_BYTES, AsciiTokenizer } from './ascii-tokenizer';
import { LogFormat } from './log-format';
import { Masker, type MaskedMessage } from './masking';
import { resolveDrainOptions, type DrainOptions } from './options';
import { TemplateMiner } from './template-miner';
import { SYSTEMS, loghubFormat, loghubLines } from './test-data.spec-helper';

// jest's global set-up ran infra/scripts/wasm-build.js, as `npm run build` does
const tokenizer = AsciiTokenizer.create()!;

/** Deterministic generator (mulberry32), so a failure names a message that can be re-made. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Awkward pieces: every rule of the masker, its delimiters and classes, and what sends a message back to JavaScript. */
const PIECES = [
  'word', 'Word:', 'blk_-1608999687919862906', '/10.250.19.102:54106', '10.0.0.1', '[10.0.0.1]:', 'uid=0', 'user=root', 'a=b,c=d',
  'GET', '/a/b?x=1&y=z', 'https://example.com/a?b=c', 'ops@example.com', '/var/log/messages', 'C:\\tmp\\x', '1.16', 'KB', 'KB),',
  'ms', 'µs', '30', 'Jan', 'Mon', '0x1f', '123e4567-e89b-12d3-a456-426614174000', 'req-42', 'i-0abc', 'dur=1.5s', '(x)', '{}',
  'tags=[a,', 'b]', 'opts:', '{x:', '1}', '"quoted', 'value"', "'single'", 'it\'s', '<*>', '<', '>', '|', ';', ',', '.', ':', '::1',
  '\u0001', '\u007f', 'x\ty', 'José', '\ue000', '\ufffd', '😀',
];
const ASCII = /^[\u0000-\u007f]*$/;
const SPACES = [' ', ' ', ' ', '  ', '\t', ' \r ', '\v', '\f'];

function message(next: () => number, asciiOnly: boolean): string {
  const n = Math.floor(next() * 24);
  let s = '';
  for (let k = 0; k < n; k++) {
    let p = PIECES[Math.floor(next() * PIECES.length)]!;
    if (asciiOnly) p = p.replace(/[^\u0000-\u007f]/g, 'u');
    s += (k === 0 ? '' : SPACES[Math.floor(next() * SPACES.length)]!) + p;
  }
  return s.trim();
}

/** Puts `text` into the tokeniser's input at `at` with whitespace around it; returns the range holding it. */
function place(text: string, at: number, lead: string, trail: string): [number, number] {
  const bytes = Buffer.from(lead + text + trail, 'utf8');
  tokenizer.input.set(bytes, at);
  return [at, at + bytes.length];
}

function copy(m: MaskedMessage): MaskedMessage {
  return { tokens: m.tokens, originals: m.originals, inner: m.inner, plain: m.plain };
}

const OPTION_SETS: Partial<DrainOptions>[] = [
  {},
  { genericMasks: false },
  { enabledRules: ['singleQuoted', 'keyValues'] },
  { disabledRules: ['digits', 'quoted', 'bracketed', 'units', 'dateWords'] },
  { maxTokens: 4 },
  { collapseParams: false },
  { extraMasks: [{ pattern: '\\d+', maskWith: 'NUM' }] },
  { extraDelimiters: ['_', '='] },
];

describe('AsciiTokenizer (WebAssembly, wasm/ascii-tokens.wat)', () => {
  it('is available where WebAssembly runs', () => {
    expect(tokenizer).toBeInstanceOf(AsciiTokenizer);
  });

  it('splits on the masker\'s whitespace and ORs each token\'s classes, offsets relative to the range', () => {
    const [from, to] = place('ab 12\tx/y', 100, ' \r', '\n');
    expect(tokenizer.tokenize(from, to, 0)).toBe(3);
    expect([...tokenizer.tokens.subarray(0, 9)]).toEqual([2, 4, 0, 5, 7, 2, 8, 11, 8]); // DIGIT = 2, SPECIAL = 8
    expect(tokenizer.tokenize(from, from, 0)).toBe(0);
  });

  it('hands back (-1) a range holding a byte of the bail classes: non-ASCII, quotes, brackets', () => {
    const [from, to] = place('a José b', 0, '', '');
    expect(tokenizer.tokenize(from, to, 128)).toBe(-1);
    const [f2, t2] = place('say "hi"', 0, '', '');
    expect(tokenizer.tokenize(f2, t2, 256)).toBe(-1);
    expect(tokenizer.tokenize(f2, t2, 128)).toBe(2);
  });

  it('refuses a range outside its input', () => {
    expect(() => tokenizer.tokenize(-1, 3, 0)).toThrow(RangeError);
    expect(() => tokenizer.tokenize(10, 5, 0)).toThrow(/outside the tokeniser's input/);
    expect(() => tokenizer.tokenize(0, ASCII_INPUT_BYTES + 1, 0)).toThrow(RangeError);
    expect(() => tokenizer.valuePieces(0, ASCII_INPUT_BYTES + 1, 1)).toThrow(/outside the tokeniser's input/);
  });

  it('finds the value pieces of a token between its delimiters, offsets relative to the token', () => {
    const [from, to] = place('/10.250.19.102:54106,word=/a/b;x@y.z', 40, '', '');
    expect(tokenizer.valuePieces(from, to, 1 | 8 | 16)).toBe(4); // digits, paths, e-mails
    expect([...tokenizer.pieces.subarray(0, 8)]).toEqual([0, 14, 15, 20, 26, 30, 31, 36]);
    expect(tokenizer.valuePieces(from, to, 0)).toBe(0);
  });
});

describe('Masker.maskAscii gives exactly what maskInto gives', () => {
  it.each(OPTION_SETS.map((o) => [JSON.stringify(o), o] as const))('on the 12 loghub_2k systems\' contents, options %s', (_, options) => {
    const masker = new Masker(resolveDrainOptions(options));
    const reference = new Masker(resolveDrainOptions(options));
    // the JavaScript path, called by maskAscii only for what the tokeniser hands back
    const fallback = jest.spyOn(masker as unknown as { maskWith: () => MaskedMessage }, 'maskWith');
    const got: MaskedMessage[] = [];
    const expected: MaskedMessage[] = [];
    for (const system of SYSTEMS) {
      const format = LogFormat.compile(loghubFormat(system));
      for (const line of loghubLines(system)) {
        const content = format.content(line);
        // parse's contract: the fast path only for ASCII text, where string offsets are byte offsets
        if (format.contentFrom < 0 || !ASCII.test(line)) continue;
        const [from] = place(line, 7, '', '');
        got.push(copy(masker.maskAscii(content, tokenizer, from + format.contentFrom, from + format.contentTo, { tokens: [], originals: [], inner: [] })));
        expected.push(copy(reference.mask(content)));
      }
    }
    expect(got.length).toBeGreaterThan(23_000);
    expect(got).toEqual(expected);
    const textRules = (options.extraMasks?.length ?? 0) > 0 || (options.extraDelimiters?.length ?? 0) > 0;
    if (textRules) expect(fallback).toHaveBeenCalledTimes(got.length);
    else expect(fallback.mock.calls.length).toBeLessThan(got.length / 10);
  });

  it.each(OPTION_SETS.map((o) => [JSON.stringify(o), o] as const))('on 3,000 random messages of awkward pieces (seed 14), options %s', (_, options) => {
    const masker = new Masker(resolveDrainOptions(options));
    const next = random(14);
    for (let k = 0; k < 3000; k++) {
      const text = message(next, k % 2 === 0);
      const [from, to] = place(text, Math.floor(next() * 1000), SPACES[k % SPACES.length]!, k % 3 === 0 ? '\r' : '');
      const out = { tokens: ['stale'], originals: ['stale'], inner: [null] };
      expect(copy(masker.maskAscii(text, tokenizer, from, to, out))).toEqual(copy(masker.mask(text)));
    }
  });

  // maskToken's piece loop runs over the bytes too (valuePieces in the .wat): tokens dense in
  // delimiters, with pieces at the edges of each value test (paths, e-mails, key=value, `\`).
  it.each(
    [{}, { enabledRules: ['keyValues'] }, { disabledRules: ['digits'] }, { disabledRules: ['digits', 'paths'], enabledRules: ['keyValues'] }, { disabledRules: ['emails', 'wholeValues', 'urls', 'queryPaths'] }].map(
      (o) => [JSON.stringify(o), o as Partial<DrainOptions>] as const,
    ),
  )('on 5,000 random tokens of delimiters and value pieces (seed 41), options %s', (_, options) => {
    const masker = new Masker(resolveDrainOptions(options));
    const reference = new Masker(resolveDrainOptions(options));
    const pieces = jest.spyOn(tokenizer, 'valuePieces');
    const parts = ['a', 'ab', 'k_1', '/', '/x', '/x/y', 'a/b', 'a/', 'u@h.c', 'u@.c', '@h.c', 'a@b', 'a@b@c.d', 'a.b@c', '1', 'x1', '\\', '_', '-', '.', '..', 'http', '//h', '?', 'q?x', ''];
    const delims = '=:,;()<>|[]{}=';
    const next = random(41);
    for (let k = 0; k < 5000; k++) {
      let tok = '';
      const n = 1 + Math.floor(next() * 6);
      for (let j = 0; j < n; j++) {
        if (j > 0 || next() < 0.3) tok += delims[Math.floor(next() * delims.length)]!;
        tok += parts[Math.floor(next() * parts.length)]!;
      }
      if (next() < 0.3) tok += delims[Math.floor(next() * delims.length)]!;
      const text = `x ${tok} ${tok}y`;
      const [from, to] = place(text, Math.floor(next() * 1000), ' ', '');
      expect(copy(masker.maskAscii(text, tokenizer, from, to, { tokens: [], originals: [], inner: [] }))).toEqual(copy(reference.mask(text)));
    }
    expect(pieces.mock.calls.length).toBeGreaterThan(1000); // the bytes path really served
    pieces.mockRestore();
  });

  it('masks the text it is given when the range does not hold it', () => {
    const masker = new Masker(resolveDrainOptions({}));
    const [from, to] = place('took 12 ms', 0, '', '');
    const out = { tokens: [], originals: [], inner: [] };
    expect(copy(masker.maskAscii('read 1.16 KB', tokenizer, from, to, out))).toEqual(copy(masker.mask('read 1.16 KB')));
    expect(copy(masker.maskAscii('took 13 ms', tokenizer, from, to, out))).toEqual(copy(masker.mask('took 13 ms'))); // same length, other text
    expect(copy(masker.maskAscii('', tokenizer, from, to, out))).toEqual(copy(masker.mask('')));
  });
});

describe('TemplateMiner.addAscii', () => {
  it('learns what add learns: same clusters, changes, parameters and snapshot (HDFS, Linux, random messages)', () => {
    const a = new TemplateMiner();
    const b = new TemplateMiner();
    const next = random(7);
    const messages = [...loghubLines('HDFS'), ...loghubLines('Linux')].map((l) => l.trim());
    for (let k = 0; k < 2000; k++) messages.push(message(next, true));
    for (const text of messages) {
      const [from, to] = place(text, 0, '', '');
      const r = b.addAscii(text, tokenizer, from, to);
      const e = a.add(text);
      expect({ id: r.cluster.id, template: r.cluster.template, change: r.change, params: r.params, plain: r.plain }).toEqual({
        id: e.cluster.id,
        template: e.cluster.template,
        change: e.change,
        params: e.params,
        plain: e.plain,
      });
    }
    expect(b.snapshot()).toEqual(a.snapshot());
  });
});
