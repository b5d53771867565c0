/**
 * Seeded generators of hostile values: strings with NUL, lone surrogates, control and
 * bidi characters, names that mean something to JavaScript or Elasticsearch, invalid
 * UTF-8 bytes, and JSON of any depth and width. Every value comes from the case's own
 * `SeededRandom`, so a seed and a case index reproduce it exactly.
 */
import type { SeededRandom } from '@log-sentinel/seeded-random';

/** Strings that broke (or could break) parsers, mappers and object code somewhere. */
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ufeff', '\u202e', '\u2028\u2029', '\r\n', '\t\v\f', '\u001b[31m',
  '%s%n%x', '${jndi:ldap://127.0.0.1/a}', '<script>alert(1)</script>', "'; DROP TABLE logs; --", '../../../../etc/passwd',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '💥🔥', 'Ω≈ç√', '\\', '"', '{{x}}', '-0', 'NaN',
  'Infinity', '1e309', '0x1F', 'null', 'true', '.', '..', 'a.b', '.a', 'a.', 'a..b', '*', '_id', '_source', '_index', '@timestamp',
  'event.id', 'anomaly.is_anomaly', 'labels', 'message', 'blk_-1608999687919862906', 'ERROR', 'FATAL',
];

/** Field names: ordinary, nasty, dotted, long. */
const NAMES = ['message', 'msg', 'log', 'level', 'timestamp', '@timestamp', 'time', 'ts', 'source', 'service', 'host', 'id', 'session_id', 'labels', 'log.level', 'service.name', 'host.name', 'event.id', 'event.original', 'trace.id', 'k'];

/** Characters drawn from many Unicode planes and classes. */
function randomChar(rng: SeededRandom): string {
  switch (rng.int(0, 7)) {
    case 0:
      return String.fromCharCode(rng.int(0, 31)); // C0 controls, NUL included
    case 1:
      return String.fromCharCode(rng.int(0x80, 0x2ff));
    case 2:
      return String.fromCharCode(rng.int(0xd800, 0xdfff)); // lone surrogates
    case 3:
      return String.fromCodePoint(rng.int(0x1f300, 0x1faff));
    case 4:
      return String.fromCharCode(rng.int(0x4e00, 0x9fff));
    case 5:
      return rng.pick(['"', '\\', '{', '}', '[', ']', ',', ':', '\n', '\r', '\u2028', '\ufeff', '\u202e']);
    default:
      return String.fromCharCode(rng.int(32, 126));
  }
}

/** A string of up to `maxLen` characters: nasty pieces, random characters, or a long repetition. */
export function randomString(rng: SeededRandom, maxLen = 64): string {
  const r = rng.next();
  if (r < 0.3) return rng.pick(NASTY_STRINGS);
  if (r < 0.4) return rng.pick(NASTY_STRINGS).repeat(rng.int(1, Math.max(1, Math.floor(maxLen / 4))));
  const n = rng.int(0, maxLen);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.chance(0.6) ? String.fromCharCode(rng.int(97, 122)) : randomChar(rng);
  return s;
}

/** A field name: a common one, a nasty one, or random. */
export function randomName(rng: SeededRandom): string {
  const r = rng.next();
  if (r < 0.5) return rng.pick(NAMES);
  if (r < 0.7) return rng.pick(NASTY_STRINGS);
  return randomString(rng, 24);
}

/** Byte sequences that are not UTF-8 (overlong, encoded surrogates, truncated, stray continuation, 0xFF). */
export function invalidUtf8(rng: SeededRandom): Buffer {
  return Buffer.from(
    rng.pick([[0xff], [0xfe, 0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc3]]),
  );
}

/** `n` random bytes. */
export function randomBytes(rng: SeededRandom, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/** A random JSON scalar (numbers at the edges of float and integer ranges included). */
export function randomScalar(rng: SeededRandom): unknown {
  switch (rng.int(0, 6)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -0, 1, -1, 2 ** 53, -(2 ** 63), 1.7976931348623157e308, 5e-324, 123456789012345680000, 0.1]);
    case 3:
      return rng.int(-1e9, 1e9);
    default:
      return randomString(rng);
  }
}

/** Random JSON up to `depth` levels and `width` members per level. */
export function randomJson(rng: SeededRandom, depth: number, width = 4): unknown {
  if (depth <= 0 || rng.chance(0.35)) return randomScalar(rng);
  if (rng.chance(0.4)) return Array.from({ length: rng.int(0, width) }, () => randomJson(rng, depth - 1, width));
  const o: Record<string, unknown> = {};
  const n = rng.int(0, width);
  for (let i = 0; i < n; i++) o[randomName(rng)] = randomJson(rng, depth - 1, width);
  return o;
}

/** JSON text nested `depth` levels (arrays or objects), built as text so no stack is used. */
export function deepJson(rng: SeededRandom, depth: number): string {
  if (rng.chance(0.5)) return `{"message":"deep ${depth}","a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  return `{"message":"deep ${depth}","a":${'{"b":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

/** A log record object with hostile contents in some of its fields. */
export function hostileRecord(rng: SeededRandom): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  if (rng.chance(0.85)) rec[rng.pick(['message', 'msg', 'log'])] = rng.chance(0.8) ? randomString(rng, 200) : randomScalar(rng);
  if (rng.chance(0.5)) rec[rng.pick(['timestamp', '@timestamp', 'time'])] = rng.pick<unknown>([
    '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-13-45T99:99:99Z', 'yesterday', '', -62135596800000, 1e20, -1, 0, 253402300800000, new Date().toISOString(), '1970-01-01', 1.5, null, {}, [],
  ]);
  if (rng.chance(0.4)) rec[rng.pick(['level', 'log.level', 'severity'])] = rng.chance(0.7) ? randomString(rng, 12) : randomJson(rng, 2);
  if (rng.chance(0.3)) rec[rng.pick(['service', 'source', 'service.name'])] = randomString(rng, 40);
  if (rng.chance(0.2)) rec['host'] = rng.chance(0.5) ? randomString(rng, 40) : { name: randomScalar(rng) };
  if (rng.chance(0.2)) rec['session_id'] = rng.chance(0.3) ? 's'.repeat(rng.pick([255, 256, 257, 5000])) : randomString(rng, 40);
  if (rng.chance(0.25)) rec['labels'] = rng.chance(0.5) ? JSON.parse(`{"__proto__":{"polluted":1},"constructor":"x","${rng.hex(4)}":1}`) : randomJson(rng, 3);
  if (rng.chance(0.3)) for (let i = rng.int(1, 5); i > 0; i--) rec[randomName(rng)] = randomJson(rng, 4);
  return rec;
}
