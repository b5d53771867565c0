import { anyValue, countLogRecords, otlpItems, severityName } from './otlp-logs';

describe('otlp-logs', () => {
  it('reads AnyValue kinds', () => {
    expect(anyValue({ intValue: '42' })).toBe(42);
    expect(anyValue({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(anyValue({ kvlistValue: { values: [{ key: 'a', value: { boolValue: true } }] } })).toEqual({ a: true });
    expect(anyValue({ arrayValue: { values: [{ stringValue: 'x' }, { doubleValue: 1.5 }] } })).toEqual(['x', 1.5]);
  });
  it('names severity numbers by range, and the enum names of the JSON form', () => {
    expect([1, 5, 9, 12, 13, 17, 21, 24].map((n) => severityName(n))).toEqual(['TRACE', 'DEBUG', 'INFO', 'INFO', 'WARN', 'ERROR', 'FATAL', 'FATAL']);
    expect(severityName('SEVERITY_NUMBER_WARN2')).toBe('WARN');
    expect(severityName(0)).toBeUndefined();
  });
  it('maps resource, scope, record attributes, body, time, ids and log.record.uid', () => {
    const req = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }, { key: 'host.name', value: { stringValue: 'h' } }] },
          scopeLogs: [
            {
              scope: { name: 'sc', version: '1' },
              logRecords: [
                { timeUnixNano: '1764583200123456789', severityText: 'Warning', body: { kvlistValue: { values: [{ key: 'msg', value: { stringValue: 'structured' } }, { key: 'k', value: { intValue: 3 } }] } }, attributes: [{ key: 'session.id', value: { stringValue: 's1' } }, { key: 'log.record.uid', value: { stringValue: 'uid-1' } }], traceId: 'ab', spanId: 'cd' },
                { observedTimeUnixNano: '1764583200000000000', severityNumber: 17, body: { arrayValue: { values: [{ stringValue: 'a' }] } } },
              ],
            },
          ],
        },
      ],
    };
    expect(countLogRecords(req)).toBe(2);
    const [a, b] = otlpItems(req);
    expect(a.fields).toEqual({ 'service.name': 'svc', 'host.name': 'h', 'otel.scope.name': 'sc', 'otel.scope.version': '1', 'session.id': 's1', message: 'structured', k: 3, '@timestamp': '2025-12-01T10:00:00.123Z', 'log.level': 'Warning', 'trace.id': 'ab', 'span.id': 'cd', 'event.id': 'uid-1' });
    expect(b.fields).toMatchObject({ message: '["a"]', 'log.level': 'ERROR', '@timestamp': '2025-12-01T10:00:00.000Z' });
  });
});
