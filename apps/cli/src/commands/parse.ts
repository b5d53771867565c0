/**
 * `log-sentinel parse --input FILE [--log-format F] [--out FILE]`: Drain templates for every line,
 * as JSONL `{"line":N,"template_id":"…","template":"…","params":[…]}` in input order. Streams the
 * input in chunks (memory stays flat in the input size); progress and a summary go to stderr.
 */
import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { AsciiTokenizer, TemplateMiner, type AddResult } from '@log-sentinel/drain';
import { syncDirSync } from '@log-sentinel/durable-fs';
import { CliError, EXIT, EXIT_CODES_HELP } from '../cli-error';
import { addDrainFlags, drainOptionsFromFlags, type DrainFlags } from './drain-config/flags';
import { checkInputFile } from '@log-sentinel/cli-kit';
import { compileLogFormatFlag } from './log-format-flag';

/** Longest line kept, in characters; the rest of a longer line is dropped (and counted). */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;
/**
 * 16 KiB: the decoded text of the current chunk is what survives each young-generation GC, and
 * the young generation grows with what survives (1M HDFS lines: 68 MiB peak RSS, 81 with 64 KiB).
 */
const READ_CHUNK_BYTES = 1 << 14;
/**
 * Output lines copied into the output buffer together: each copy has a fixed cost (a Buffer.write
 * call) that was a fifth of the 1M-line run's CPU when paid per line; 32 lines are ~5 KB.
 */
const BATCH_LINES = 32;
const OUT_BUFFER_BYTES = 1 << 18;

/** Options of `parse` (the Drain settings: {@link DrainFlags}). */
export interface ParseOptions extends DrainFlags {
  /** Input log file. */
  input: string;
  /** logparser-style header format; without it the whole line is the content. */
  logFormat?: string;
  /** Output file (written to a temp file, fsynced, renamed); stdout when absent or `-`. */
  out?: string;
}

/** What a parse run did. */
export interface ParseSummary {
  lines: number;
  templates: number;
  unmatchedHeaders: number;
  truncatedLines: number;
}

/** Characters that JSON must escape, or that are not plain ASCII. */
const JSON_UNSAFE = /["\\\u0000-\u001f\u007f-\uffff]/;
/** A character outside ASCII. */
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * JSON array of the parameters of a message. Parameters are pieces of the message, so when the
 * message holds nothing JSON must escape they can be quoted and joined directly.
 */
export function paramsJson(content: string, params: string[]): string {
  if (params.length === 0) return '[]';
  return JSON_UNSAFE.test(content) ? JSON.stringify(params) : `["${params.join('","')}"]`;
}

/**
 * The input file in 16 KiB chunks, read synchronously: parsing is the only work of the
 * process, and a synchronous read from the page cache saves the round trip to the thread pool
 * per chunk (a profile on a loaded machine showed the process idle 20% of the run waiting for
 * it; on a quiet one ~1%). Each chunk is valid until the next call.
 */
class InputChunks {
  private fd: number | undefined;
  private readonly buf: Buffer;

  /** `into`: where the chunks are read (the WebAssembly tokeniser's input), else a buffer of its own. */
  constructor(file: string, into: Uint8Array | undefined) {
    this.buf = into === undefined ? Buffer.allocUnsafe(READ_CHUNK_BYTES) : Buffer.from(into.buffer, into.byteOffset, Math.min(READ_CHUNK_BYTES, into.length));
    this.fd = fs.openSync(file, 'r');
  }

  /** The next chunk, or undefined at the end of the file. */
  next(): Buffer | undefined {
    if (this.fd === undefined) return undefined;
    const n = fs.readSync(this.fd, this.buf, 0, this.buf.length, null);
    return n === 0 ? undefined : this.buf.subarray(0, n);
  }

  /** Closes the file (idempotent). */
  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

/** `["a","b"]` for strings that need no escaping (concatenation: cheaper than `join` here). */
function quotedList(items: string[]): string {
  let s = '["' + items[0]!;
  for (let k = 1; k < items.length; k++) s += '","' + items[k]!;
  return s + '"]';
}

/** `000` … `999`. */
const THREE_DIGITS = Array.from({ length: 1000 }, (_, k) => String(k).padStart(3, '0'));

/**
 * Decimal text of line numbers 1, 2, 3, …. Each number converted with `String(n)` enters V8's
 * number-to-string cache, which keeps the last few thousand such strings alive through each
 * young-generation GC: they were promoted by the megabyte, the old generation grew and the young
 * one with it (+25 MiB peak RSS on 1M lines). Here only every 1000th number is converted.
 */
class LineNumbers {
  private n = 0;
  private thousands = 0;
  private prefix = '';

  /** The next line number as text. */
  next(): string {
    const n = ++this.n;
    if (n < 1000) return String(n);
    const k = Math.floor(n / 1000);
    if (k !== this.thousands) {
      this.thousands = k;
      this.prefix = String(k);
    }
    return this.prefix + THREE_DIGITS[n - k * 1000]!;
  }
}

/** Registers the `parse` command. */
export function registerParse(program: Command): void {
  const cmd = program
    .command('parse')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
    .description('parse a log file with Drain; JSONL {"line","template_id","template","params"} per input line')
    .requiredOption('--input <file>', 'log file to parse')
    .option('--log-format <format>', "header format, e.g. '<Date> <Time> <Level> <Component>: <Content>'")
    .option('--out <file>', 'output file (default stdout)');
  addDrainFlags(cmd).action(async (opts: ParseOptions) => {
    await runParse(opts);
  });
}

/**
 * Sink for output text: encodes into one of two reusable 256 KiB buffers and writes the full one
 * asynchronously while the other fills, so output I/O overlaps parsing. A file is written to a
 * temp name, fsynced and renamed at the end; stdout honours its callbacks (backpressure).
 */
class Output {
  private fd: number | undefined;
  private readonly tmp: string | undefined;
  private readonly buffers = [Buffer.allocUnsafe(OUT_BUFFER_BYTES), Buffer.allocUnsafe(OUT_BUFFER_BYTES)];
  private current = 0;
  private pos = 0;
  private pending: Promise<void> = Promise.resolve();
  private failed: Error | undefined;
  private closed = false;

  constructor(private readonly out: string | undefined) {
    if (out !== undefined && out !== '-') {
      const dir = path.dirname(path.resolve(out));
      if (!fs.existsSync(dir)) throw new CliError(`--out: directory ${dir} does not exist`);
      this.tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.tmp`);
      try {
        this.fd = fs.openSync(this.tmp, 'w');
      } catch (err) {
        throw new CliError(`--out: cannot write ${out}: ${(err as Error).message}`, undefined, { cause: err });
      }
    }
  }

  /** False once stdout's reader went away (EPIPE): stop producing. */
  get open(): boolean {
    return !this.closed;
  }

  /**
   * Appends text when it surely fits in the current buffer (no await, no promise); false when
   * the caller must `await write(text)`. `latin1`: the text is known to be ASCII (a faster copy).
   */
  append(text: string, latin1: boolean): boolean {
    const pos = this.pos;
    if (pos + text.length * 3 > OUT_BUFFER_BYTES) return false;
    const b = this.buffers[this.current]!;
    this.pos = pos + b.write(text, pos, latin1 ? 'latin1' : 'utf8');
    return true;
  }

  /** Appends text; resolves at once unless a buffer had to be handed to the writer. */
  async write(text: string): Promise<void> {
    const maxBytes = text.length * 3;
    if (this.pos + maxBytes > OUT_BUFFER_BYTES) await this.flush();
    if (maxBytes > OUT_BUFFER_BYTES) {
      await this.pending;
      await this.writeRaw(Buffer.from(text, 'utf8')).catch((err: Error) => {
        throw this.writeFailed(err);
      });
      return;
    }
    this.pos += this.buffers[this.current]!.write(text, this.pos, 'utf8');
  }

  /** Hands the filled buffer to the writer (after the previous write completed). */
  async flush(): Promise<void> {
    await this.pending;
    if (this.failed !== undefined) throw this.failed;
    if (this.pos === 0) return;
    const data = this.buffers[this.current]!.subarray(0, this.pos);
    this.pending = this.writeRaw(data).catch((err: Error) => {
      this.failed = this.writeFailed(err);
    });
    this.current ^= 1;
    this.pos = 0;
  }

  private writeRaw(data: Buffer): Promise<void> {
    const fd = this.fd;
    if (fd !== undefined) {
      return new Promise((resolve, reject) => {
        const step = (offset: number): void => {
          fs.write(fd, data, offset, data.length - offset, null, (err, n) => {
            if (err) reject(err);
            else if (offset + n < data.length) step(offset + n);
            else resolve();
          });
        };
        step(0);
      });
    }
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      process.stdout.write(data, (err) => {
        if (err) this.closed = true; // EPIPE: the reader is gone
        resolve();
      });
    });
  }

  /** An I/O error while writing the output: a failure of the run (exit 1), not bad usage. */
  private writeFailed(err: Error): CliError {
    return new CliError(`parse: writing --out '${this.out ?? '-'}' failed: ${err.message}`, EXIT.failure, { cause: err });
  }

  /**
   * Writes what is left; for a file: fsync, close, rename into place, fsync the directory — the
   * steps of libs/durable-fs `replaceFileAtomic`, which needs the whole content in memory; this
   * output is streamed.
   */
  async finish(): Promise<void> {
    await this.flush();
    await this.pending;
    if (this.failed !== undefined) throw this.failed;
    if (this.fd !== undefined && this.tmp !== undefined) {
      try {
        fs.fsyncSync(this.fd);
        fs.closeSync(this.fd);
        this.fd = undefined;
        fs.renameSync(this.tmp, this.out!);
        syncDirSync(path.dirname(path.resolve(this.out!)));
      } catch (err) {
        throw this.writeFailed(err as Error);
      }
    }
  }

  /** Drops a partial output file. */
  abort(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    if (this.tmp !== undefined) fs.rmSync(this.tmp, { force: true });
  }

  /** Marks stdout as gone. */
  markClosed(): void {
    this.closed = true;
  }
}

/** Runs `parse`; resolves with a summary once the output is complete. */
export async function runParse(opts: ParseOptions): Promise<ParseSummary> {
  const logFormat = compileLogFormatFlag('parse', opts.logFormat);
  const drainOptions = await drainOptionsFromFlags('parse', opts);
  checkInputFile(opts.input, { command: 'parse', flag: '--input' });
  // Chunks are read straight into the WebAssembly tokeniser's memory: an ASCII chunk's lines are
  // then tokenised there, from the bytes, with no JavaScript per character.
  const tokenizer = AsciiTokenizer.create();
  let input: InputChunks;
  try {
    input = new InputChunks(opts.input, tokenizer?.input);
  } catch (err) {
    throw new CliError(`parse: cannot read --input '${opts.input}': ${(err as Error).message}`, EXIT.usage, { cause: err });
  }
  let output: Output;
  try {
    output = new Output(opts.out);
  } catch (err) {
    input.close();
    throw err;
  }
  const onEpipe = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE') output.markClosed();
  };
  process.stdout.on('error', onEpipe);
  const miner = new TemplateMiner(drainOptions);
  /** Cluster id → its `"template_id":…,"template":…` JSON and whether that is ASCII. */
  const templateJson = new Map<number, { json: string; ascii: boolean }>();
  const progress = await Progress.create();
  let lineNo = 0;
  const lineNumbers = new LineNumbers();
  let truncated = 0;
  /** Whether the output line last built is ASCII (it may then be copied as latin1). */
  let ascii = false;

  /**
   * The JSONL line of one input line; `at`: where the line's bytes start in the tokeniser's
   * input (the line is ASCII and whole in the current chunk), else -1.
   */
  const lineJson = (line: string, at: number): string => {
    lineNo++;
    let content: string;
    let r: AddResult;
    if (logFormat === undefined) {
      content = line.trim();
      r = at >= 0 ? miner.addAscii(content, tokenizer!, at, at + line.length) : miner.add(content);
    } else {
      content = logFormat.content(line);
      r = at >= 0 && logFormat.contentFrom >= 0 ? miner.addAscii(content, tokenizer!, at + logFormat.contentFrom, at + logFormat.contentTo) : miner.add(content);
    }
    const id = r.cluster.id;
    let tj = templateJson.get(id);
    if (tj === undefined || r.change !== 'none') {
      const json = `"template_id":"${r.cluster.templateId}","template":${JSON.stringify(r.cluster.template)}`;
      tj = { json, ascii: !NON_ASCII.test(json) };
      templateJson.set(id, tj);
      if (templateJson.size > 2 * miner.stats().clusters + 1024) templateJson.clear();
    }
    // Plain parameters (printable ASCII, no quote or backslash: the miner saw every character)
    // are quoted as they are, without a scan of the message for characters JSON must escape.
    ascii = r.plain && tj.ascii;
    const params = r.params;
    const pj = params.length === 0 ? '[]' : r.plain ? quotedList(params) : paramsJson(content, params);
    return `{"line":${lineNumbers.next()},${tj.json},"params":${pj}}\n`;
  };

  /** Output lines not yet copied into the output buffer, and whether they are all ASCII. */
  let batch = '';
  let batchLines = 0;
  let batchAscii = true;
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false;
  /** Whether the decoder holds no partial character (the last chunk was ASCII). */
  let decoderEmpty = true;
  try {
    for (let chunk = input.next(); chunk !== undefined; chunk = input.next()) {
      // An ASCII chunk decoded with nothing pending: string offsets are byte offsets.
      const chunkAscii = tokenizer !== undefined && isAscii(chunk);
      const bytesAt = chunkAscii && decoderEmpty;
      decoderEmpty = chunkAscii;
      const text = decoder.write(chunk);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        let line = text.slice(start, nl);
        const at = bytesAt && carry === '' && !skipping ? start : -1;
        start = nl + 1;
        if (skipping) {
          skipping = false;
          line = carry;
        } else if (carry !== '') {
          line = carry + line;
          if (line.length > MAX_LINE_CHARS) {
            line = line.slice(0, MAX_LINE_CHARS);
            truncated++;
          }
        }
        batch += lineJson(line, at);
        batchAscii &&= ascii;
        carry = '';
        if (++batchLines === BATCH_LINES) {
          if (!output.append(batch, batchAscii)) await output.write(batch);
          batch = '';
          batchLines = 0;
          batchAscii = true;
        }
      }
      if (start < text.length && !skipping) {
        carry += text.slice(start);
        if (carry.length > MAX_LINE_CHARS) {
          carry = carry.slice(0, MAX_LINE_CHARS);
          truncated++;
          skipping = true;
        }
      }
      if (!output.open) break;
      progress.tick(lineNo, miner.stats().clusters);
    }
    if (batch !== '') await output.write(batch);
    const rest = carry + decoder.end();
    if (rest !== '') await output.write(lineJson(rest.length > MAX_LINE_CHARS ? rest.slice(0, MAX_LINE_CHARS) : rest, -1));
    await output.finish();
  } catch (err) {
    output.abort();
    if ((err as NodeJS.ErrnoException).code !== undefined && !(err instanceof CliError)) {
      throw new CliError(`parse: reading --input '${opts.input}' failed: ${(err as Error).message}`, EXIT.failure, { cause: err });
    }
    throw err;
  } finally {
    input.close();
    process.stdout.off('error', onEpipe);
  }
  const summary: ParseSummary = {
    lines: lineNo,
    templates: miner.stats().clusters,
    unmatchedHeaders: logFormat?.unmatched ?? 0,
    truncatedLines: truncated,
  };
  progress.done(summary);
  return summary;
}

/** Progress on stderr: a live cli-progress counter on a TTY (the input's size is not known ahead), a summary line always. */
class Progress {
  private readonly startMs = Date.now();
  private lastMs = this.startMs;

  private constructor(private readonly bar: SingleBar | undefined) {}

  /** cli-progress is loaded only for a TTY: a piped run (the 1M-line benchmark) does not pay for it. */
  static async create(): Promise<Progress> {
    if (process.stderr.isTTY !== true) return new Progress(undefined);
    const { SingleBar } = await import('cli-progress');
    const bar = new SingleBar({ stream: process.stderr, format: 'parse: {value} lines, {templates} templates', hideCursor: true, clearOnComplete: true, fps: 4 });
    bar.start(0, 0, { templates: 0 });
    return new Progress(bar);
  }

  tick(lines: number, templates: number): void {
    if (!this.bar) return;
    // the caller ticks every few thousand lines; the bar redraws at most 4 times a second
    const now = Date.now();
    if (now - this.lastMs < 250) return;
    this.lastMs = now;
    this.bar.update(lines, { templates });
  }

  done(s: ParseSummary): void {
    this.bar?.stop();
    const seconds = (Date.now() - this.startMs) / 1000;
    const rate = seconds > 0 ? Math.round(s.lines / seconds) : s.lines;
    const cpu = process.cpuUsage();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.stderr.write(
      `parse: ${s.lines} lines, ${s.templates} templates, ` +
        `${s.unmatchedHeaders} lines did not match the log format, ${s.truncatedLines} truncated, ` +
        `${seconds.toFixed(2)} s (${rate} lines/s), cpu ${cpuSeconds.toFixed(2)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`,
    );
  }
}
