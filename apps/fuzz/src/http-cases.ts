/**
 * HTTP inputs to the collector: hostile POST /logs bodies (JSON, NDJSON, text; deep nesting,
 * huge fields, NUL, invalid UTF-8, wrong content types, gzip bombs within limits), the other
 * endpoints, and hostile headers and framing sent over bare sockets.
 */
import type { SeededRandom } from '@log-sentinel/seeded-random';
import { gzipSync, deflateSync } from 'node:zlib';
import { isServerErrorStatus, type CaseResult, type FuzzTarget } from './case';
import { rawRequest } from './raw-http';
import { deepJson, hostileRecord, invalidUtf8, randomBytes, randomJson, randomName, randomString } from './values';

/** A request to send with fetch. */
interface HttpInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Percent-encodes every UTF-8 byte (lone surrogates included, which encodeURIComponent refuses). */
const pct = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-ndjson; charset=utf-8'];

/** One NDJSON/array item: usually a record, sometimes something that must be refused alone. */
function item(rng: SeededRandom, t: FuzzTarget): Buffer {
  const r = rng.next();
  if (r < 0.5) return Buffer.from(JSON.stringify(hostileRecord(rng)));
  if (r < 0.6) return Buffer.from(JSON.stringify(randomJson(rng, 4)));
  if (r < 0.68) {
    const s = JSON.stringify(hostileRecord(rng));
    return Buffer.from(s.slice(0, rng.int(0, s.length))); // truncated
  }
  if (r < 0.73) return Buffer.from(deepJson(rng, rng.pick([63, 64, 65, 500, 6000, 20_000])));
  if (r < 0.8) {
    const s = Buffer.from(JSON.stringify({ message: randomString(rng, 40) }));
    const at = rng.int(1, s.length - 2);
    return Buffer.concat([s.subarray(0, at), invalidUtf8(rng), s.subarray(at)]);
  }
  if (r < 0.84) return Buffer.from(JSON.stringify({ message: 'm'.repeat(rng.pick([10_000, 70_000, 300_000, Math.floor(t.maxBodyBytes / 3)])) }));
  if (r < 0.87) return Buffer.from(JSON.stringify({ message: 'long name', [randomName(rng).repeat(1) + 'n'.repeat(rng.pick([1023, 1024, 1025, 40_000]))]: 1 }));
  if (r < 0.9) return Buffer.from(JSON.stringify({ message: 'wide', ...Object.fromEntries(Array.from({ length: rng.pick([999, 1000, 1001, 3000]) }, (_, i) => [`f${i}`, i])) }));
  if (r < 0.93) return Buffer.from(JSON.stringify({ message: `nul\u0000inside`, ['k\u0000' + rng.hex(3)]: '\u0000', labels: { ['\u0000']: 'v' } }));
  return Buffer.from(randomString(rng, 120));
}

function bodyInput(rng: SeededRandom, t: FuzzTarget, variant: string): HttpInput {
  const auth = { authorization: `Bearer ${t.apiKey}` };
  const post = (ct: string | undefined, body: Buffer, extra: Record<string, string> = {}): HttpInput => ({
    method: 'POST',
    path: '/logs',
    headers: { ...auth, ...(ct === undefined ? {} : { 'content-type': ct }), ...extra },
    body,
  });
  const lines = (n: number, sep = '\n'): Buffer => Buffer.concat(Array.from({ length: n }, (_, i) => (i ? [Buffer.from(sep), item(rng, t)] : [item(rng, t)])).flat());
  switch (variant) {
    case 'ndjson-mixed':
      return post(rng.pick(NDJSON_TYPES), lines(rng.int(1, 40), rng.chance(0.2) ? '\r\n' : '\n'));
    case 'json-array':
      return post('application/json', Buffer.concat([Buffer.from('['), lines(rng.int(0, 30), ','), Buffer.from(rng.chance(0.9) ? ']' : '')]));
    case 'json-single': {
      const bodies = [
        () => Buffer.from(JSON.stringify(hostileRecord(rng))),
        () => Buffer.from(JSON.stringify(randomJson(rng, 3))),
        () => Buffer.from(''),
        () => Buffer.from('\ufeff' + JSON.stringify({ message: 'bom' })),
        () => Buffer.from(JSON.stringify({ message: 'trailing' }) + randomString(rng, 10)),
        () => Buffer.from('{"message":"dup","message":"dup2","level":"a","level":{"x":1}}'),
        () => Buffer.from(deepJson(rng, rng.pick([100, 5000, 30_000]))),
        () => Buffer.concat([Buffer.from('{"message":"'), randomBytes(rng, rng.int(1, 200)), Buffer.from('"}')]),
        () => Buffer.from(rng.pick(['null', '1', '"s"', 'true', '[]', '{}', '[[]]', '[null,1,"x"]'])),
      ];
      return post(rng.pick(['application/json', 'application/vnd.api+json', undefined]), rng.pick(bodies)());
    }
    case 'text-lines': {
      const parts: Buffer[] = [];
      for (let i = rng.int(1, 30); i > 0; i--) {
        const r = rng.next();
        parts.push(r < 0.5 ? Buffer.from(randomString(rng, 200)) : r < 0.7 ? randomBytes(rng, rng.int(1, 300)) : r < 0.8 ? invalidUtf8(rng) : r < 0.85 ? Buffer.from('x'.repeat(rng.int(10_000, 500_000))) : Buffer.from(''));
        parts.push(Buffer.from(rng.pick(['\n', '\r\n', '\r', '\n\n'])));
      }
      return post(rng.pick(['text/plain', 'text/plain; charset=latin1', 'TEXT/PLAIN']), Buffer.concat(parts));
    }
    case 'content-type':
      return post(
        rng.pick(['image/png', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', ';;;', 'a/b/c', 'application/x-www-form-urlencoded', '*/*', 'text/html', randomString(rng, 30).replace(/[^\x20-\x7e]/g, 'x')]),
        lines(rng.int(1, 5)),
      );
    case 'gzip': {
      const plain = lines(rng.int(1, 20));
      const r = rng.next();
      if (r < 0.3) return post(rng.pick(NDJSON_TYPES), gzipSync(plain), { 'content-encoding': 'gzip' });
      if (r < 0.5) return post('text/plain', gzipSync(Buffer.alloc(t.maxBodyBytes * rng.pick([1, 2, 4]) + 1, rng.chance(0.5) ? 0x61 : 0x0a)), { 'content-encoding': 'gzip' }); // bomb
      if (r < 0.6) {
        const z = gzipSync(plain);
        return post(rng.pick(NDJSON_TYPES), z.subarray(0, rng.int(0, z.length - 1)), { 'content-encoding': 'gzip' }); // truncated
      }
      if (r < 0.7) return post(rng.pick(NDJSON_TYPES), deflateSync(plain), { 'content-encoding': 'deflate' });
      if (r < 0.8) return post(rng.pick(NDJSON_TYPES), plain, { 'content-encoding': 'gzip' }); // claims gzip, is not
      return post(rng.pick(NDJSON_TYPES), plain, { 'content-encoding': rng.pick(['br', 'zstd', 'gzip, gzip', 'x-unknown', 'identity', 'GZIP']) });
    }
    case 'limits': {
      if (rng.chance(0.5)) return post('text/plain', Buffer.from('a\n'.repeat(t.maxRecordsPerRequest + rng.int(1, 100))));
      return post('text/plain', Buffer.alloc(t.maxBodyBytes + rng.int(1, 1000), 0x62));
    }
    default: {
      // other endpoints and methods
      const r = rng.next();
      if (r < 0.3) return { method: 'POST', path: '/feedback', headers: { ...auth, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(randomJson(rng, 4))) };
      if (r < 0.5) {
        const q = new URLSearchParams();
        for (const k of ['since', 'limit', 'kind', 'group', randomName(rng)]) if (rng.chance(0.6)) q.set(k, randomString(rng, 30));
        return { method: 'GET', path: `/anomalies?${q.toString()}`, headers: auth };
      }
      if (r < 0.7) {
        const q = new URLSearchParams();
        for (const k of ['from', 'to', 'bucket', 'limit', 'template', 'session', randomName(rng)]) if (rng.chance(0.5)) q.set(k, randomString(rng, 30));
        return { method: 'GET', path: `${rng.pick(['/api/patterns', '/api/sessions', '/api/status', '/api/anomalies', '/api/' + pct(randomString(rng, 10))])}?${q.toString()}`, headers: auth };
      }
      if (r < 0.85) return { method: 'GET', path: rng.pick(['/', '/index.html', '/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/' + pct(randomString(rng, 20)), '/' + 'a/'.repeat(500), '/metrics', '/readyz']), headers: auth };
      return { method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET']), path: rng.pick(['/logs', '/feedback', '/anomalies']), headers: auth, ...(rng.chance(0.5) ? { body: lines(2) } : {}) };
    }
  }
}

/** Variants of {@link bodyCase}, with their weights. */
export const BODY_VARIANTS: ReadonlyArray<[string, number]> = [
  ['ndjson-mixed', 30], ['json-array', 15], ['json-single', 12], ['text-lines', 12], ['content-type', 6], ['gzip', 10], ['limits', 3], ['endpoints', 12],
];

async function send(t: FuzzTarget, input: HttpInput): Promise<CaseResult> {
  try {
    const init: RequestInit = { method: input.method, headers: input.headers, signal: AbortSignal.timeout(30_000), redirect: 'manual' };
    if (input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD') init.body = input.body;
    const res = await fetch(t.collectorUrl + input.path, init);
    const text = await res.text();
    const result: CaseResult = { outcome: String(res.status), serverError: isServerErrorStatus(res.status), detail: `${input.method} ${input.path.slice(0, 60)} → ${res.status} ${text.slice(0, 200)}` };
    if (res.ok && input.path === '/logs' && input.method === 'POST') result.ackedIds = idsOf(text);
    return result;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const stalled = e.name === 'TimeoutError';
    // A server may close a connection whose body it refused before reading it all (413): not a failure.
    return { outcome: stalled ? 'timeout' : 'closed', serverError: false, stalled, detail: `${input.method} ${input.path.slice(0, 60)}: ${e.cause?.code ?? e.message}` };
  }
}

/** Event ids in a POST /logs 2xx reply. */
export function idsOf(text: string): string[] {
  try {
    const ids = (JSON.parse(text) as { ids?: unknown }).ids;
    return Array.isArray(ids) ? ids.map(String) : [];
  } catch {
    return [];
  }
}

/** A hostile POST /logs body (or another endpoint), sent with a real HTTP client. */
export function bodyCase(rng: SeededRandom, variant: string): (t: FuzzTarget) => Promise<CaseResult> {
  return (t) => send(t, bodyInput(rng, t, variant));
}

/** Variants of {@link headerCase}, with their weights. */
export const HEADER_VARIANTS: ReadonlyArray<[string, number]> = [['random-headers', 25], ['auth', 15], ['framing', 30], ['raw-headers', 25], ['stall', 5]];

/** Hostile headers, authorization, framing and stalls. */
export function headerCase(rng: SeededRandom, variant: string): (t: FuzzTarget) => Promise<CaseResult> {
  return async (t) => {
    const ok = Buffer.from(JSON.stringify({ message: `header fuzz ${rng.hex(8)}` }) + '\n');
    if (variant === 'random-headers') {
      const headers: Record<string, string> = { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/x-ndjson' };
      for (let i = rng.int(1, 30); i > 0; i--) headers[`x-${rng.hex(rng.int(1, 12))}`] = randomString(rng, rng.pick([10, 200, 4000])).replace(/[^\x20-\x7e\x80-\xff]/g, '?');
      if (rng.chance(0.3)) headers['x-big'] = 'b'.repeat(rng.pick([8000, 17_000, 70_000]));
      return send(t, { method: 'POST', path: '/logs', headers, body: ok });
    }
    if (variant === 'auth') {
      const value = rng.pick([undefined, '', 'Bearer', 'Bearer ', `Bearer ${t.apiKey}x`, `bearer ${t.apiKey}`, `Basic ${Buffer.from(`:${t.apiKey}x`).toString('base64')}`, `Bearer ${'k'.repeat(10_000)}`, 'Digest abc', `Bearer ${t.apiKey}, Bearer x`]);
      const headers: Record<string, string> = { 'content-type': 'application/x-ndjson' };
      if (value !== undefined) headers.authorization = value;
      return send(t, { method: rng.pick(['POST', 'GET']), path: rng.pick(['/logs', '/metrics', '/anomalies', '/api/status', '/feedback']), headers, body: ok });
    }
    const head = (extra: string, method = 'POST', path = '/logs'): string => `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.apiKey}\r\nContent-Type: application/x-ndjson\r\n${extra}`;
    let chunks: Buffer[];
    let gapMs = 0;
    if (variant === 'framing') {
      const n = ok.length;
      chunks = [Buffer.from(rng.pick([
        `${head(`Content-Length: ${n - rng.int(1, n - 1)}\r\n\r\n`)}${ok}`,
        `${head(`Content-Length: ${n + rng.int(1, 50)}\r\nConnection: close\r\n\r\n`)}${ok}`,
        `${head(`Content-Length: ${n}\r\nTransfer-Encoding: chunked\r\n\r\n`)}${n.toString(16)}\r\n${ok}\r\n0\r\n\r\n`,
        `${head('Transfer-Encoding: chunked\r\n\r\n')}${rng.pick(['zz', '-1', 'ffffffffffffffff', '1;' + 'x'.repeat(5000), ''])}\r\n${ok}\r\n0\r\n\r\n`,
        `${head('Transfer-Encoding: chunked\r\n\r\n')}${n.toString(16)}\r\n${ok}\r\n`,
        `${head(`Content-Length: -${n}\r\n\r\n`)}${ok}`,
        `${head('Content-Length: abc\r\n\r\n')}${ok}`,
        `${head(`Content-Length: ${n}\r\nContent-Length: ${n + 1}\r\n\r\n`)}${ok}`,
        `${head('Transfer-Encoding: gzip, chunked\r\n\r\n')}0\r\n\r\n`,
        `${head(`Content-Length: ${n}\r\nExpect: 100-continue\r\n\r\n`)}${ok}`,
        `${head(`Content-Length: ${n}\r\n\r\n`)}${ok}${head(`Content-Length: ${n}\r\n\r\n`)}${ok}`, // pipelined
      ]))];
    } else if (variant === 'raw-headers') {
      const r = rng.next();
      if (r < 0.15) chunks = [randomBytes(rng, rng.int(1, 2000))];
      else if (r < 0.25) chunks = [Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), randomBytes(rng, 64)];
      else if (r < 0.35) chunks = [Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]), randomBytes(rng, 200)];
      else if (r < 0.5) chunks = [Buffer.from(`GET /${'a'.repeat(rng.pick([2000, 20_000, 100_000]))} HTTP/1.1\r\nHost: x\r\n\r\n`)];
      else if (r < 0.6) chunks = [Buffer.from(`${head(`X-Huge: ${'h'.repeat(rng.pick([15_000, 40_000]))}\r\nContent-Length: ${ok.length}\r\n\r\n`)}${ok}`)];
      else if (r < 0.7) chunks = [Buffer.from(`${head(Array.from({ length: rng.pick([100, 2500]) }, (_, i) => `X-H${i}: v\r\n`).join('') + `Content-Length: ${ok.length}\r\n\r\n`)}${ok}`)];
      else if (r < 0.8) chunks = [Buffer.concat([Buffer.from(head('X-Bad')), invalidUtf8(rng), Buffer.from(`: \u0000v\r\nContent-Length: ${ok.length}\r\n\r\n`), ok])];
      else if (r < 0.9) chunks = [Buffer.from(`${head(`X-Fold: a\r\n  folded\r\nX-CR: a\rb\r\nContent-Length: ${ok.length}\r\n\r\n`)}${ok}`)];
      else chunks = [Buffer.from(rng.pick(['GARBAGE\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'POST /logs HTTP/1.0\r\n\r\n', `POST http://evil/logs HTTP/1.1\r\nHost: evil\r\nContent-Length: ${ok.length}\r\n\r\n${ok}`, '\r\n\r\n\r\n']))];
    } else {
      // stall: half the headers, or the body trickled, then silence
      gapMs = 300;
      chunks = rng.chance(0.5) ? [Buffer.from('POST /logs HTTP/1.1\r\nHost: 127.0.0.1\r\n')] : [Buffer.from(head(`Content-Length: 100\r\n\r\n`)), Buffer.from('{"mess'), Buffer.from('age":')];
    }
    const res = await rawRequest(t.collectorPort, chunks, 15_000, gapMs);
    const result: CaseResult = { outcome: res.timedOut ? 'timeout' : res.status ? String(res.status) : 'closed', serverError: isServerErrorStatus(res.status), stalled: res.timedOut, detail: `${variant} → ${res.status} ${res.body.slice(0, 200)}` };
    if (res.status >= 200 && res.status < 300) result.ackedIds = idsOf(res.body);
    return result;
  };
}
