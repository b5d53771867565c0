import { splitSyslogFrames, syslogFields } from './syslog-message';

const now = new Date('2026-12-01T12:00:00Z');

describe('syslogFields', () => {
  it('parses RFC 5424 with structured data (escapes, session_id) and a BOM', () => {
    expect(syslogFields('<34>1 2026-12-01T10:00:00.123Z mymachine su 99 ID47 [exampleSDID@32473 iut="3" eventSource="App\\"l\\]"][meta session_id="s1"] \uFEFF\'su root\' failed\n', now)).toEqual({
      'log.level': 'crit', 'syslog.facility': 'auth', 'syslog.priority': 34, 'syslog.version': 1,
      '@timestamp': '2026-12-01T10:00:00.123Z', 'host.name': 'mymachine', 'service.name': 'su', 'process.pid': 99, 'syslog.msgid': 'ID47',
      'exampleSDID@32473.iut': '3', 'exampleSDID@32473.eventSource': 'App"l]', 'session.id': 's1', message: "'su root' failed",
    });
  });
  it('parses RFC 5424 with nil values and no structured data', () => {
    expect(syslogFields('<13>1 - - - - - - just text', now)).toEqual({ 'log.level': 'notice', 'syslog.facility': 'user', 'syslog.priority': 13, 'syslog.version': 1, message: 'just text' });
  });
  it('parses RFC 3164 with host, tag and pid, dating it this year (last year when ahead)', () => {
    expect(syslogFields('<11>Dec  1 09:00:00 db1 postgres[77]: connection refused', now)).toMatchObject({ '@timestamp': '2026-12-01T09:00:00.000Z', 'host.name': 'db1', 'service.name': 'postgres', 'process.pid': 77, message: 'connection refused', 'log.level': 'err' });
    expect(syslogFields('<11>Dec 31 23:00:00 db1 app: late', now)['@timestamp']).toBe('2025-12-31T23:00:00.000Z');
    expect(syslogFields('<11>Dec  1 09:00:00 app: no host', now)).toMatchObject({ 'service.name': 'app', message: 'no host' });
    expect(syslogFields('<30>2026-12-01T10:00:00.000+01:00 web nginx: iso variant', now)).toMatchObject({ '@timestamp': '2026-12-01T10:00:00.000+01:00', 'host.name': 'web', 'service.name': 'nginx' });
  });
  it('keeps a line without <PRI> whole', () => {
    expect(syslogFields('plain line', now)).toEqual({ message: 'plain line' });
    expect(syslogFields('<999>x', now)).toEqual({ message: '<999>x' });
  });
});

describe('splitSyslogFrames', () => {
  it('splits octet-counted and newline frames, keeping partial ones for the next chunk', () => {
    const r = splitSyslogFrames(Buffer.from('5 <1>ab<2>cd\n3 <3'), 100);
    expect(r.frames).toEqual(['<1>ab', '<2>cd']);
    expect(r.rest.toString()).toBe('3 <3');
    expect(r.error).toBeUndefined();
  });
  it('reports a frame longer than the limit and a malformed count', () => {
    expect(splitSyslogFrames(Buffer.from('999 <1>'), 100).error).toMatch(/longer than/);
    expect(splitSyslogFrames(Buffer.from('12x <1>'), 100).error).toMatch(/malformed/);
    expect(splitSyslogFrames(Buffer.from('<1>' + 'x'.repeat(200)), 100).error).toMatch(/without a newline/);
  });
});
