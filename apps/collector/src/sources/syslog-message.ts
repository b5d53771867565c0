/**
 * Syslog messages (RFC 5424 and RFC 3164/BSD, including rsyslog's ISO-timestamp variant) →
 * the plain objects the normaliser reads, and the TCP framing of RFC 6587 (octet counting
 * `LEN SP MSG`, or a trailing LF). Host, app (`service.name`), pid, severity (`log.level`),
 * facility, msgid and structured data (`<sd-id>.<param>` labels; a `session_id` parameter is the
 * session) are parsed; a line without a
 * `<PRI>` header is kept whole as the message.
 */

/** Severity names by number (RFC 5424 table 2). */
export const SYSLOG_SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** Facility names by number (RFC 5424 table 1). */
export const SYSLOG_FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'] as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses one syslog message into normaliser input fields. */
export function syslogFields(raw: string, receivedAt: Date): Record<string, unknown> {
  const text = raw.replace(/[\r\n\0]+$/, '');
  const pri = /^<(\d{1,3})>/.exec(text);
  if (!pri || Number(pri[1]) > 191) return { message: text };
  const value = Number(pri[1]);
  const fields: Record<string, unknown> = {
    'log.level': SYSLOG_SEVERITIES[value % 8],
    'syslog.facility': SYSLOG_FACILITIES[value >> 3] ?? String(value >> 3),
    'syslog.priority': value,
  };
  const rest = text.slice(pri[0].length);
  const v5424 = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(rest);
  if (v5424) return { ...fields, ...rfc5424(v5424, rest.slice(v5424[0].length)) };
  return { ...fields, ...rfc3164(rest, receivedAt) };
}

function nil(v: string): string | undefined {
  return v === '-' ? undefined : v;
}

function rfc5424(head: RegExpExecArray, tail: string): Record<string, unknown> {
  const [, timestamp, host, app, procId, msgId] = head;
  const out: Record<string, unknown> = { 'syslog.version': 1 };
  if (nil(timestamp)) out['@timestamp'] = timestamp;
  if (nil(host)) out['host.name'] = host;
  if (nil(app)) out['service.name'] = app;
  if (nil(procId)) out['process.pid'] = /^\d+$/.test(procId) ? Number(procId) : procId;
  if (nil(msgId)) out['syslog.msgid'] = msgId;
  let i = 0;
  if (tail.startsWith('-')) i = 1;
  else {
    while (tail[i] === '[') {
      const end = sdElement(tail, i, out);
      if (end < 0) break;
      i = end;
    }
  }
  let msg = tail.slice(i).replace(/^ /, '');
  if (msg.startsWith('\uFEFF')) msg = msg.slice(1);
  out.message = msg;
  return out;
}

/** Reads one `[id k="v" …]` element at `start` into `out` (`<id>.<k>`); returns the index after it, or -1. */
function sdElement(s: string, start: number, out: Record<string, unknown>): number {
  const id = /^\[([^\s\]=" ]+)/.exec(s.slice(start));
  if (!id) return -1;
  let i = start + id[0].length;
  const sdId = id[1];
  for (;;) {
    if (s[i] === ']') return i + 1;
    const name = /^ ([^\s\]=" ]+)="/.exec(s.slice(i, i + 300));
    if (!name) return -1;
    i += name[0].length;
    let value = '';
    for (; i < s.length && s[i] !== '"'; i++) {
      if (s[i] === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === ']')) i++;
      value += s[i];
    }
    if (i >= s.length) return -1;
    i++;
    // A `session_id` (or `session.id`) parameter of any element is the record's session.
    if ((name[1] === 'session_id' || name[1] === 'session.id') && out['session.id'] === undefined) out['session.id'] = value;
    else out[`${sdId}.${name[1]}`] = value;
  }
}

function rfc3164(rest: string, receivedAt: Date): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let s = rest;
  const bsd = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) /.exec(s);
  const iso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /.exec(s);
  if (bsd && MONTHS.includes(bsd[1])) {
    // No year and no zone in RFC 3164: this year (last year when that lies more than a day ahead), UTC.
    let d = new Date(Date.UTC(receivedAt.getUTCFullYear(), MONTHS.indexOf(bsd[1]), Number(bsd[2]), Number(bsd[3]), Number(bsd[4]), Number(bsd[5])));
    if (d.getTime() - receivedAt.getTime() > 86_400_000) d = new Date(Date.UTC(receivedAt.getUTCFullYear() - 1, MONTHS.indexOf(bsd[1]), Number(bsd[2]), Number(bsd[3]), Number(bsd[4]), Number(bsd[5])));
    out['@timestamp'] = d.toISOString();
    s = s.slice(bsd[0].length);
  } else if (iso) {
    out['@timestamp'] = iso[1];
    s = s.slice(iso[0].length);
  } else {
    out.message = s;
    return out;
  }
  // HOSTNAME then TAG[PID]: — a first word ending in ':' or '[' is the tag of a sender that left the host out.
  const host = /^([^\s:[\]]+) (?=\S)/.exec(s);
  if (host) {
    out['host.name'] = host[1];
    s = s.slice(host[0].length);
  }
  const tag = /^([^\s:[\]]{1,48})(?:\[([^\]]{1,32})\])?: ?/.exec(s);
  if (tag) {
    out['service.name'] = tag[1];
    if (tag[2]) out['process.pid'] = /^\d+$/.test(tag[2]) ? Number(tag[2]) : tag[2];
    s = s.slice(tag[0].length);
  }
  out.message = s;
  return out;
}

/**
 * Splits complete TCP frames off the front of `buf` (RFC 6587): a frame that starts with a
 * digit is octet-counted (`LEN SP MSG`), any other ends at LF. Returns the frames, the bytes
 * left for the next chunk, and an error when a frame is longer than `maxBytes` or malformed.
 */
export function splitSyslogFrames(buf: Buffer, maxBytes: number): { frames: string[]; rest: Buffer; error?: string } {
  const frames: string[] = [];
  let i = 0;
  while (i < buf.length) {
    const c = buf[i];
    if (c === 0x0a || c === 0x0d || c === 0x00) {
      i++;
      continue;
    }
    if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j < buf.length && j - i < 8 && buf[j] >= 0x30 && buf[j] <= 0x39) j++;
      if (j >= buf.length) break; // length not complete yet
      if (buf[j] !== 0x20) return { frames, rest: Buffer.alloc(0), error: `malformed octet-counted frame: "${buf.subarray(i, j + 1).toString('latin1')}" is not LEN followed by a space` };
      const len = Number(buf.subarray(i, j).toString('latin1'));
      if (len > maxBytes) return { frames, rest: Buffer.alloc(0), error: `frame of ${len} bytes is longer than SYSLOG_MAX_MESSAGE_BYTES (${maxBytes})` };
      if (j + 1 + len > buf.length) break;
      frames.push(buf.subarray(j + 1, j + 1 + len).toString('utf8'));
      i = j + 1 + len;
      continue;
    }
    const lf = buf.indexOf(0x0a, i);
    if (lf < 0) {
      if (buf.length - i > maxBytes) return { frames, rest: Buffer.alloc(0), error: `line longer than SYSLOG_MAX_MESSAGE_BYTES (${maxBytes}) without a newline` };
      break;
    }
    frames.push(buf.subarray(i, lf).toString('utf8'));
    i = lf + 1;
  }
  return { frames, rest: buf.subarray(i) };
}
