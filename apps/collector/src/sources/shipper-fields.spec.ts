import { mapShipperFields } from './shipper-fields';

describe('mapShipperFields', () => {
  it('maps syslog-ng upper-case macros', () => {
    expect(mapShipperFields({ MESSAGE: 'm', ISODATE: '2026-01-01T00:00:00Z', HOST: 'h', PROGRAM: 'sshd', PRIORITY: 'err', PID: '7' })).toEqual({
      message: 'm', '@timestamp': '2026-01-01T00:00:00Z', 'host.name': 'h', 'service.name': 'sshd', 'log.level': 'err', PID: '7',
    });
  });
  it('keeps syslog-ng DATE as a label when ISODATE gave the time', () => {
    expect(mapShipperFields({ MESSAGE: 'm', ISODATE: '2026-01-01T00:00:00Z', DATE: 'Jan  1 00:00:00' })).toEqual({ message: 'm', '@timestamp': '2026-01-01T00:00:00Z', DATE: 'Jan  1 00:00:00' });
  });
  it('maps winston-elasticsearch severity and unwraps fields into labels', () => {
    expect(mapShipperFields({ '@timestamp': 't', message: 'm', severity: 'warn', fields: { user: 'u' } })).toEqual({ '@timestamp': 't', message: 'm', 'log.level': 'warn', labels: { user: 'u' } });
  });
  it('maps python logging levelname and asctime, leaving msg for the normaliser', () => {
    expect(mapShipperFields({ msg: 'm', levelname: 'ERROR', asctime: '2026-01-01 00:00:00,123', name: 'app' })).toEqual({ msg: 'm', 'log.level': 'ERROR', timestamp: '2026-01-01 00:00:00,123', name: 'app' });
  });
  it('reads a string log (Fluent Bit tail, Docker json-file) as the message, never an ECS log object', () => {
    expect(mapShipperFields({ log: 'line', stream: 'stdout' })).toEqual({ message: 'line', stream: 'stdout' });
    expect(mapShipperFields({ log: { level: 'info' }, message: 'm' })).toEqual({ log: { level: 'info' }, message: 'm' });
  });
  it('never overwrites a field the document has (ECS log.level wins over severity)', () => {
    expect(mapShipperFields({ message: 'm', log: { level: 'info' }, severity: 'x', MESSAGE: 'other' })).toEqual({ message: 'm', log: { level: 'info' }, severity: 'x', MESSAGE: 'other' });
  });
});
