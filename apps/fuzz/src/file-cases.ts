/**
 * Watched-file inputs: binary files, huge and deep lines, invalid UTF-8, truncation, rename
 * rotation, files sharing their first KiB, symbolic links (out of the directory, looping,
 * dangling), FIFOs and sub-directories. Each regular file ends with a sentinel line that
 * must be indexed exactly once (so a poison line never stops its file); lines of files
 * outside the directory must never be indexed.
 */
import type { SeededRandom } from '@log-sentinel/seeded-random';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CaseResult, FuzzTarget } from './case';
import { deepJson, hostileRecord, invalidUtf8, randomBytes, randomString } from './values';

/** Variants of {@link fileCase}, with their weights. */
export const FILE_VARIANTS: ReadonlyArray<[string, number]> = [
  ['binary', 15], ['huge-line', 8], ['poison-lines', 25], ['truncate', 10], ['rotate', 10], ['same-head', 8], ['symlink', 14], ['special', 10],
];

const line = (s: string | Buffer): Buffer => Buffer.concat([Buffer.isBuffer(s) ? s : Buffer.from(s), Buffer.from('\n')]);

/** Lines that must not stop a file. */
function poison(rng: SeededRandom): Buffer {
  const r = rng.next();
  if (r < 0.25) return Buffer.from(deepJson(rng, rng.pick([65, 6000, 50_000])));
  if (r < 0.45) return Buffer.concat([Buffer.from('{"message":"bad '), invalidUtf8(rng), Buffer.from('"}')]);
  if (r < 0.6) return Buffer.from(JSON.stringify({ message: 'long name', ['n'.repeat(rng.pick([1025, 40_000]))]: 1 }));
  if (r < 0.7) return Buffer.from(JSON.stringify({ message: 'wide', ...Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`f${i}`, i])) }));
  if (r < 0.8) return Buffer.from(`{"message":"nul \u0000","k\u0000":1}`);
  if (r < 0.9) return Buffer.from(JSON.stringify(hostileRecord(rng)));
  return Buffer.from(randomString(rng, 300));
}

/** A hostile file (or link) in the watched directory. */
export function fileCase(rng: SeededRandom, variant: string, tag: string): (t: FuzzTarget) => Promise<CaseResult> {
  return async (t) => {
    const name = `${tag}-${variant}-${rng.hex(6)}.log`;
    const file = path.join(t.watchDir, name);
    const sentinel = `fuzz-sentinel ${tag}`;
    const sentinelLine = line(JSON.stringify({ message: sentinel }));
    const sentinels = [sentinel];
    switch (variant) {
      case 'binary':
        await fs.writeFile(file, Buffer.concat([randomBytes(rng, rng.pick([10, 900, 1024, 5000, 200_000])), Buffer.from('\n'), sentinelLine]));
        break;
      case 'huge-line':
        await fs.writeFile(file, Buffer.concat([Buffer.alloc(rng.pick([1024 * 1024 - 1, 1024 * 1024 + 1, 3 * 1024 * 1024]), rng.chance(0.5) ? 0x78 : 0x00), Buffer.from('\n'), sentinelLine]));
        break;
      case 'poison-lines': {
        const parts: Buffer[] = [];
        for (let i = rng.int(1, 12); i > 0; i--) parts.push(line(poison(rng)));
        parts.push(rng.chance(0.3) ? Buffer.from('\r\n') : Buffer.alloc(0), sentinelLine);
        await fs.writeFile(file, Buffer.concat(parts));
        break;
      }
      case 'truncate': {
        await fs.writeFile(file, Buffer.concat(Array.from({ length: rng.int(1, 50) }, (_, i) => line(`before truncation ${i} ${randomString(rng, 80)}`))));
        await new Promise((r) => setTimeout(r, rng.int(0, 800)));
        await fs.truncate(file, rng.chance(0.5) ? 0 : rng.int(0, 40));
        await fs.appendFile(file, Buffer.concat([Buffer.from('\n'), sentinelLine]));
        break;
      }
      case 'rotate': {
        const old = `${sentinel}-old`;
        await fs.writeFile(file, Buffer.concat([line(JSON.stringify({ message: old })), line(poison(rng))]));
        sentinels.push(old);
        await new Promise((r) => setTimeout(r, rng.int(0, 800)));
        await fs.rename(file, `${file}.1`);
        await fs.writeFile(file, Buffer.concat([line(poison(rng)), sentinelLine]));
        break;
      }
      case 'same-head': {
        // Two files whose first KiB (the fingerprint) is identical: both must be read.
        const head = line(`# shared banner ${'='.repeat(rng.pick([10, 1100]))}`);
        const twin = `${sentinel}-twin`;
        await fs.writeFile(file, Buffer.concat([head, sentinelLine]));
        await fs.writeFile(path.join(t.watchDir, `${tag}-twin.log`), Buffer.concat([head, line(JSON.stringify({ message: twin }))]));
        sentinels.push(twin);
        break;
      }
      case 'symlink': {
        const secret = `fuzz-outside ${tag}`;
        const target = path.join(t.outsideDir, `${tag}.log`);
        await fs.writeFile(target, line(JSON.stringify({ message: secret })));
        const r = rng.next();
        if (r < 0.5) await fs.symlink(target, file);
        else if (r < 0.65) await fs.symlink(t.outsideDir, file); // a directory outside
        else if (r < 0.8) await fs.symlink(file, file).catch(() => fs.symlink(name, file)); // a loop
        else await fs.symlink(path.join(t.outsideDir, 'missing-' + tag), file); // dangling
        return { outcome: 'written', serverError: false, forbidden: [secret], detail: `symlink ${name}` };
      }
      default: {
        // special files: a FIFO, a sub-directory with a file, an empty file, a file deleted at once
        const r = rng.next();
        if (r < 0.3) await new Promise<void>((resolve, reject) => execFile('mkfifo', [file], (err) => (err ? reject(err) : resolve())));
        else if (r < 0.55) {
          await fs.mkdir(file);
          await fs.writeFile(path.join(file, 'inner.log'), sentinelLine);
        } else if (r < 0.8) await fs.writeFile(file, '');
        else {
          await fs.writeFile(file, Buffer.concat([line(poison(rng)), sentinelLine]));
          await fs.unlink(file);
        }
        return { outcome: 'written', serverError: false, detail: `special ${name}` };
      }
    }
    return { outcome: 'written', serverError: false, sentinels, detail: `${variant} ${name}` };
  };
}
