import { normalizeObject } from './normalize-object';
import type { LogRecord, NormalizeContext } from './record';

const receivedAt = new Date('2026-11-22T16:00:00.000Z');
let n = 0;
const ctx: NormalizeContext = { receivedAt, newId: () => `gen-${++n}` };

function ok(item: unknown, extra: Partial<NormalizeContext> = {}): LogRecord {
  const res = normalizeObject(item, 0, { ...ctx, ...extra });
  if (!res.ok) throw new Error(`rejected: ${JSON.stringify(res.error)}`);
  return res.record;
}

function rejected(item: unknown): { field: string; reason: string } {
  const res = normalizeObject(item, 7, ctx);
  if (res.ok) throw new Error('accepted');
  expect(res.error.index).toBe(7);
  return res.error;
}

describe('normalizeObject', () => {
  it('reads the Log Sentinel shape {timestamp, level, message, source}', () => {
    const item = { timestamp: '2024-06-01T12:00:00Z', level: 'ERROR', message: 'Brute force detected', source: 'auth' };
    const r = ok(item);
    expect(r).toEqual({
      id: expect.stringMatching(/^gen-\d+$/),
      timestamp: '2024-06-01T12:00:00.000Z',
      timestampAssigned: false,
      message: 'Brute force detected',
      level: 'ERROR',
      service: 'auth',
      labels: {},
      original: JSON.stringify(item),
      ingested: '2026-11-22T16:00:00.000Z',
      origin: 'http',
    });
  });

  it('reads nested ECS and dotted ECS alike', () => {
    const nested = ok({
      '@timestamp': '2024-06-01T12:00:00.250Z',
      message: 'GET /api/orders 500',
      log: { level: 'error', logger: 'http' },
      service: { name: 'orders', version: '1.4.2' },
      host: { name: 'web-1', ip: ['10.0.0.5'] },
      event: { id: 'evt-1', dataset: 'orders.access' },
      session: { id: 's-9' },
      labels: { team: 'checkout' },
    });
    const dotted = ok({
      '@timestamp': '2024-06-01T12:00:00.250Z',
      message: 'GET /api/orders 500',
      'log.level': 'error',
      'log.logger': 'http',
      'service.name': 'orders',
      'service.version': '1.4.2',
      'host.name': 'web-1',
      'host.ip': ['10.0.0.5'],
      'event.id': 'evt-1',
      'event.dataset': 'orders.access',
      'session.id': 's-9',
      'labels.team': 'checkout',
    });
    for (const r of [nested, dotted]) {
      expect(r.id).toBe('evt-1');
      expect(r.level).toBe('error');
      expect(r.service).toBe('orders');
      expect(r.host).toBe('web-1');
      expect(r.sessionId).toBe('s-9');
      expect(r.labels).toEqual({
        'log.logger': 'http',
        'service.version': '1.4.2',
        'host.ip': '["10.0.0.5"]',
        'event.dataset': 'orders.access',
        team: 'checkout',
      });
    }
  });

  it('reads pino JSON (msg, numeric level, time in ms, hostname)', () => {
    const r = ok({ level: 50, time: 1717243200123, pid: 4711, hostname: 'api-2', msg: 'request failed', err: { type: 'Error' } });
    expect(r).toMatchObject({ level: 'error', timestamp: '2024-06-01T12:00:00.123Z', host: 'api-2', message: 'request failed' });
    expect(r.labels).toEqual({ pid: '4711', 'err.type': 'Error' });
    expect(ok({ level: 35, msg: 'custom level' }).level).toBe('35');
  });

  it('defect 14 (labels.__proto__ dropped): a "__proto__" label is refused with a reason naming the field, never silently dropped', () => {
    for (const [text, field] of [
      ['{"message":"m","labels":{"__proto__":"x"}}', 'labels.__proto__'],
      ['{"message":"m","labels.__proto__":"x"}', 'labels.__proto__'],
      ['{"message":"m","__proto__":"x"}', '__proto__'],
    ] as const) {
      const e = rejected(JSON.parse(text));
      expect(e.field).toBe(field);
      expect(e.reason).toMatch(/"__proto__" is reserved/);
    }
    // a deeper key containing it is an ordinary own label
    const r = ok(JSON.parse('{"message":"m","labels":{"__proto__":{"a":1}},"x":{"__proto__x":"y"}}'));
    expect(Object.getPrototypeOf(r.labels)).toBe(Object.prototype);
    expect(r.labels).toEqual({ '__proto__.a': '1', 'x.__proto__x': 'y' });
  });

  it('keeps every unknown field in labels, including a second alias and client anomaly fields', () => {
    const r = ok({
      '@timestamp': '2024-06-01T12:00:00Z',
      timestamp: 'not used',
      message: 'm',
      msg: 'also m',
      retries: 3,
      ok: false,
      nothing: null,
      'anomaly.is_anomaly': true,
    });
    expect(r.labels).toEqual({ timestamp: 'not used', msg: 'also m', retries: '3', ok: 'false', nothing: 'null', 'anomaly.is_anomaly': 'true' });
  });

  it('assigns the receipt time, a new id and the defaults when the item has none', () => {
    const r = ok({ message: 'no time here' }, { defaultService: 'svc', defaultHost: 'h' });
    expect(r.timestamp).toBe('2026-11-22T16:00:00.000Z');
    expect(r.timestampAssigned).toBe(true);
    expect(r.id).toMatch(/^gen-/);
    expect(r.service).toBe('svc');
    expect(r.host).toBe('h');
    expect(ok({ message: 'x', source: 'own' }, { defaultService: 'svc' }).service).toBe('own');
  });

  it('accepts integer ids and keeps a client event.original', () => {
    expect(ok({ message: 'x', id: 42 }).id).toBe('42');
    expect(ok({ message: 'x', event: { original: '<13>raw syslog' } }).original).toBe('<13>raw syslog');
  });

  it('uses a fixed id when given and keeps the item’s own id in labels', () => {
    const res = normalizeObject({ message: 'x', id: 'client' }, 0, ctx, { fixedId: 'file-id', original: '{"message":"x","id":"client"}' });
    expect(res.ok && res.record).toMatchObject({ id: 'file-id', labels: { id: 'client' }, original: '{"message":"x","id":"client"}' });
  });

  it.each<[unknown, string, RegExp]>([
    [{ level: 'INFO' }, 'message', /required/],
    [{ message: '' }, 'message', /required/],
    [{ message: '   ' }, 'message', /blank/],
    [{ message: 42 }, 'message', /must be a string, got number 42/],
    [{ msg: ['a'] }, 'msg', /must be a string, got an array/],
    [{ message: 'x', timestamp: 'yesterday' }, 'timestamp', /unparseable timestamp "yesterday"; expected ISO 8601/],
    [{ message: 'x', '@timestamp': '2024-02-30T00:00:00Z' }, '@timestamp', /unparseable/],
    [{ message: 'x', time: true }, 'time', /must be a string or a number, got boolean/],
    [{ message: 'x', level: 1.5 }, 'level', /must be a string or an integer/],
    [{ message: 'x', source: 7 }, 'source', /must be a string, got number/],
    [{ message: 'x', host: { name: 1 } }, 'host.name', /must be a string/],
    [{ message: 'x', 'session.id': false }, 'session.id', /must be a string/],
    [{ message: 'x', id: 1.5 }, 'id', /string or an integer/],
    [{ message: 'x', event: { id: 'x'.repeat(600) } }, 'event.id', /512 bytes/],
  ])('rejects %j naming field %s', (item, field, reason) => {
    const error = rejected(item);
    expect(error.field).toBe(field);
    expect(error.reason).toMatch(reason);
  });

  it('treats an object below log.level as unknown data, not as the level', () => {
    const r = ok({ message: 'x', log: { level: { name: 'x' } } });
    expect(r.level).toBeUndefined();
    expect(r.labels).toEqual({ 'log.level.name': 'x' });
  });

  it.each([[null], [[1, 2]], ['a line'], [3]])('rejects a non-object item %j with field (item)', (item) => {
    expect(rejected(item)).toEqual({ index: 7, field: '(item)', reason: expect.stringMatching(/must be a JSON object/) });
  });

  it('defect 10 (unbounded learning buffer): a session id past 256 characters rejects its item, before the detector sees it', () => {
    const ctx = { receivedAt: new Date('2026-06-01T00:00:00Z') };
    expect(normalizeObject({ message: 'm', session_id: 's'.repeat(6_000_000) }, 3, ctx)).toEqual({ ok: false, error: { index: 3, field: 'session.id', reason: 'is 6000000 characters; at most 256 are accepted' } });
    expect(normalizeObject({ message: 'm', 'session.id': 's'.repeat(256) }, 0, ctx).ok).toBe(true);
  });
});
