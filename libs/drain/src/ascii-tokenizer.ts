/**
 * The WebAssembly tokeniser: `wasm/ascii-tokens.wat`, compiled at build time — the
 * per-character loop of the masker (token boundaries and the OR of each token's character
 * classes) run over bytes a caller has already read into the module's memory, so ASCII
 * messages cost no JavaScript per character. Pure computation; the masker's JavaScript loop
 * is the fallback and the reference the tests compare it with.
 */
import * as path from 'node:path';
import { compileWasmFile, wasmApi, type WasmApi } from '@log-sentinel/wasm-module';
import { BYTE_CLASSES } from './masking';

/** Exports of the module. */
interface TokenizerExports {
  memory: { buffer: ArrayBuffer };
  /** Token records of bytes [from, to) (absolute offsets); their count, or -1 when a token's classes meet `bail`. */
  tokenize(from: number, to: number, bail: number): number;
  /** Value-piece records of the token at bytes [from, to) (absolute offsets) under rule bits `rules`; their count. */
  valuePieces(from: number, to: number, rules: number): number;
}

/** The module's binary, compiled from `wasm/ascii-tokens.wat` at build time (same path from src/ and dist/). */
const MODULE_FILE = path.join(__dirname, '..', 'wasm', 'ascii-tokens.wasm');
/** Memory layout of ascii-tokens.wat. */
const CLASSES_OFFSET = 0;
const INPUT_OFFSET = 1024;
/** Bytes of text the input area holds. */
export const ASCII_INPUT_BYTES = 65536;
const TOKENS_OFFSET = INPUT_OFFSET + ASCII_INPUT_BYTES;
/** Most tokens [0, ASCII_INPUT_BYTES) can hold (one byte and one separator each). */
const MAX_TOKENS = ASCII_INPUT_BYTES / 2;
/** Where ascii-tokens.wat writes the value pieces of a token; a token has at most MAX_TOKENS of them. */
const PIECES_OFFSET = 524288;

/** The compiled module; null when WebAssembly is unavailable or refused it. */
let compiled: object | null | undefined;

/**
 * Token boundaries of ASCII text held in WebAssembly memory. A caller reads its text into
 * {@link AsciiTokenizer.input} (e.g. a file chunk, with `fs.readSync`) and hands the byte
 * range of each message with its string to `TemplateMiner.addAscii`.
 */
export class AsciiTokenizer {
  /** Where the caller puts the text: {@link ASCII_INPUT_BYTES} bytes, valid for the tokeniser's life. */
  readonly input: Uint8Array;
  /**
   * After {@link AsciiTokenizer.tokenize}: per token, its start and end (relative to `from`)
   * and the OR of its bytes' classes, three entries each.
   */
  readonly tokens: Int32Array;
  /**
   * After {@link AsciiTokenizer.valuePieces}: per value piece, its start and end relative to
   * the token's start, two entries each.
   */
  readonly pieces: Int32Array;
  private readonly exports: TokenizerExports;

  private constructor(module: object) {
    const api = wasmApi() as WasmApi;
    this.exports = new api.Instance(module, {}).exports as unknown as TokenizerExports;
    const buf = this.exports.memory.buffer;
    new Uint16Array(buf, CLASSES_OFFSET, 256).set(BYTE_CLASSES);
    this.input = new Uint8Array(buf, INPUT_OFFSET, ASCII_INPUT_BYTES);
    this.tokens = new Int32Array(buf, TOKENS_OFFSET, 3 * MAX_TOKENS);
    this.pieces = new Int32Array(buf, PIECES_OFFSET, 2 * MAX_TOKENS);
  }

  /** A tokeniser with its own memory, or undefined where WebAssembly cannot run (callers use the JavaScript path). */
  static create(): AsciiTokenizer | undefined {
    if (compiled === undefined) compiled = compileWasmFile(MODULE_FILE);
    return compiled === null ? undefined : new AsciiTokenizer(compiled);
  }

  /**
   * Splits `input[from, to)` into whitespace-separated tokens (records in
   * {@link AsciiTokenizer.tokens}); returns their number, or -1 when the OR of the tokens'
   * byte classes meets `bail` (see masking's BYTE_CLASSES).
   */
  tokenize(from: number, to: number, bail: number): number {
    if (!(from >= 0 && from <= to && to <= ASCII_INPUT_BYTES)) throw new RangeError(`byte range [${from}, ${to}) is outside the tokeniser's input (${ASCII_INPUT_BYTES} bytes)`);
    return this.exports.tokenize(INPUT_OFFSET + from, INPUT_OFFSET + to, bail);
  }

  /**
   * The piece loop of `Masker.maskToken` over the bytes of one token, `input[from, to)`: the
   * pieces between delimiters that are values under the masker's rule bits `rules` (digits,
   * paths, e-mails, keyValues; see masking's isValueRange), as records in
   * {@link AsciiTokenizer.pieces}; returns their number. The token must be ASCII and hold no
   * mask sentinel (the masker's ASCII path guarantees both).
   */
  valuePieces(from: number, to: number, rules: number): number {
    if (!(from >= 0 && from <= to && to <= ASCII_INPUT_BYTES)) throw new RangeError(`byte range [${from}, ${to}) is outside the tokeniser's input (${ASCII_INPUT_BYTES} bytes)`);
    return this.exports.valuePieces(INPUT_OFFSET + from, INPUT_OFFSET + to, rules);
  }
}
