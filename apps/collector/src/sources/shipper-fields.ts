/**
 * Field names of documents that shippers write to Elasticsearch, mapped onto the names the
 * normaliser reads (`FIELD_ALIASES`: `@timestamp`, `message`, `log.level`, `service.name`,
 * `host.name`, `session.id`). ECS (Filebeat, Elastic Agent, ecs-logging) and pino
 * (`msg`, `time`, numeric `level`, `hostname`) need nothing; the others are renamed here:
 * syslog-ng's upper-case macros, winston-elasticsearch (`severity`, `fields`), python
 * logging handlers (`levelname`, `asctime`) and a string `log` (Fluent Bit tail, Docker). A rename never overwrites a field the
 * document already has, and every field without a place stays in `labels`.
 */

/** Top-level key → the key the normaliser reads, for keys that only shippers use. */
export const SHIPPER_FIELD_RENAMES: Readonly<Record<string, string>> = {
  // syslog-ng `elasticsearch-http()` with its default `$(format-json --scope rfc5424 …)` or upper-case macros
  MESSAGE: 'message',
  MSG: 'message',
  ISODATE: '@timestamp',
  DATE: 'timestamp',
  HOST: 'host.name',
  HOSTNAME: 'host.name',
  PROGRAM: 'service.name',
  PRIORITY: 'log.level',
  LEVEL: 'log.level',
  // winston-elasticsearch's default transformer
  severity: 'log.level',
  // python logging (e.g. CMRESHandler, python-logstash formatters)
  levelname: 'log.level',
  asctime: 'timestamp',
};

/** Objects whose keys become labels of their own name: winston-elasticsearch's `fields` (`fields.user` → label `user`). */
const UNWRAPPED_OBJECTS = ['fields'];

/** Returns the document with shipper-specific keys renamed (a new object; the input is not changed). */
export function mapShipperFields(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (UNWRAPPED_OBJECTS.includes(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.labels = { ...(isObject(out.labels) ? out.labels : {}), ...(value as Record<string, unknown>) };
      continue;
    }
    out[key] = value;
  }
  // Fluent Bit's tail input and Docker's json-file driver put the line in a string `log` (ECS `log` is an object).
  if (typeof out.log === 'string' && !present(out, 'message') && !present(out, 'msg') && !('MESSAGE' in out)) {
    out.message = out.log;
    delete out.log;
  }
  for (const [from, to] of Object.entries(SHIPPER_FIELD_RENAMES)) {
    if (!(from in out)) continue;
    if (present(out, to) || (to === 'message' && present(out, 'msg'))) continue;
    if ((to === 'timestamp' || to === '@timestamp') && ['@timestamp', 'timestamp', 'time'].some((k) => present(out, k))) continue;
    out[to] = out[from];
    delete out[from];
  }
  return out;
}

/** True when the dotted key is set, either as one key or as nested objects. */
function present(doc: Record<string, unknown>, dotted: string): boolean {
  if (doc[dotted] !== undefined && doc[dotted] !== null && doc[dotted] !== '') return true;
  const parts = dotted.split('.');
  let at: unknown = doc;
  for (const p of parts) {
    if (!isObject(at)) return false;
    at = at[p];
  }
  return at !== undefined && at !== null && at !== '';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
