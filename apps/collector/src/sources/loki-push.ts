/**
 * Loki push requests → the plain objects the normaliser reads. Both encodings end here: JSON
 * (`{"streams":[{"stream":{labels},"values":[["<ns>","<line>"],["<ns>","<line>",{metadata}]]}]}`)
 * and protobuf (`logproto.PushRequest`, labels as Prometheus label-set text). Stream labels
 * and structured metadata map to service (`service_name`, `service`, `app`, `application`,
 * `job`), host (`host`, `hostname`, `host_name`), level (`level`, `severity`,
 * `detected_level`, `lvl`) and session (`session_id`, `session`); the others stay in
 * `labels`. A line that is a JSON object with `message`/`msg` (pino-loki, JSON loggers) is
 * read as that object; any other line is the message.
 */
import { nanosToIso, type ShipperItem } from './shipper-intake';

/** Loki label names read into the record's fields, in order of preference. */
export const LOKI_LABEL_FIELDS: ReadonlyArray<[field: string, labels: readonly string[]]> = [
  ['service.name', ['service_name', 'service', 'app', 'application', 'job']],
  ['host.name', ['host', 'hostname', 'host_name']],
  ['log.level', ['level', 'severity', 'detected_level', 'lvl']],
  ['session.id', ['session_id', 'session']],
];

/** One entry as decoded from either encoding. */
export interface LokiEntry {
  /** Nanoseconds since the epoch (string), or undefined. */
  tsNanos?: string;
  /** The log line. */
  line: string;
  /** Structured metadata (Loki 3). */
  metadata?: Record<string, string>;
}

/** One stream: its labels and entries. */
export interface LokiStream {
  /** Stream labels. */
  labels: Record<string, string>;
  /** Entries in order. */
  entries: LokiEntry[];
}

/** A push body that cannot be read (Loki answers 400 with a text message). */
export class LokiPushError extends Error {}

/** Parses Prometheus label-set text `{a="x", b="y\"z"}`. Throws {@link LokiPushError}. */
export function parseLabelSet(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const s = text.trim();
  if (s === '' || s === '{}') return out;
  if (!s.startsWith('{') || !s.endsWith('}')) throw new LokiPushError(`labels ${JSON.stringify(text)} are not a label set like {app="api"}`);
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;
  const inner = s.slice(1, -1);
  re.lastIndex = 0;
  while (re.lastIndex < inner.length) {
    const start = re.lastIndex;
    const m = re.exec(inner);
    if (!m) {
      if (inner.slice(start).trim() === '') break;
      throw new LokiPushError(`labels ${JSON.stringify(text)} are not a label set like {app="api"} (at character ${start + 1})`);
    }
    out[m[1]] = m[2].replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  }
  return out;
}

/** Reads a JSON push body (already parsed) into streams. Throws {@link LokiPushError}. */
export function lokiJsonStreams(body: unknown): LokiStream[] {
  if (body === null || typeof body !== 'object' || !Array.isArray((body as { streams?: unknown }).streams)) throw new LokiPushError('the body must be {"streams":[...]}');
  return (body as { streams: unknown[] }).streams.map((st, si) => {
    if (st === null || typeof st !== 'object') throw new LokiPushError(`streams[${si}] must be an object`);
    const { stream, values } = st as { stream?: unknown; values?: unknown };
    const labels: Record<string, string> = {};
    if (stream !== undefined && stream !== null) {
      if (typeof stream !== 'object' || Array.isArray(stream)) throw new LokiPushError(`streams[${si}].stream must be an object of labels`);
      for (const [k, v] of Object.entries(stream)) labels[k] = String(v);
    }
    if (!Array.isArray(values)) throw new LokiPushError(`streams[${si}].values must be an array of [timestamp, line] or [timestamp, line, metadata]`);
    const entries = values.map((v, vi): LokiEntry => {
      if (!Array.isArray(v) || v.length < 2 || v.length > 3 || typeof v[1] !== 'string' || (typeof v[0] !== 'string' && typeof v[0] !== 'number')) {
        throw new LokiPushError(`streams[${si}].values[${vi}] must be ["<unix ns>", "<line>"] or ["<unix ns>", "<line>", {metadata}]`);
      }
      const entry: LokiEntry = { tsNanos: String(v[0]), line: v[1] };
      if (v.length === 3 && v[2] !== null) {
        if (typeof v[2] !== 'object' || Array.isArray(v[2])) throw new LokiPushError(`streams[${si}].values[${vi}][2] (structured metadata) must be an object`);
        entry.metadata = Object.fromEntries(Object.entries(v[2] as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
      }
      return entry;
    });
    return { labels, entries };
  });
}

/** Reads a decoded `logproto.PushRequest` (protobufjs `toObject`, longs as strings) into streams. */
export function lokiProtoStreams(req: { streams?: Array<{ labels?: string; entries?: Array<{ timestamp?: { seconds?: string | number; nanos?: number }; line?: string; structuredMetadata?: Array<{ name?: string; value?: string }> }> }> }): LokiStream[] {
  return (req.streams ?? []).map((st) => ({
    labels: parseLabelSet(st.labels ?? ''),
    entries: (st.entries ?? []).map((e) => {
      const entry: LokiEntry = { line: e.line ?? '' };
      if (e.timestamp) entry.tsNanos = (BigInt(e.timestamp.seconds ?? 0) * 1_000_000_000n + BigInt(e.timestamp.nanos ?? 0)).toString();
      if (e.structuredMetadata?.length) entry.metadata = Object.fromEntries(e.structuredMetadata.map((p) => [p.name ?? '', p.value ?? '']));
      return entry;
    }),
  }));
}

/** Entries in all streams. */
export function countEntries(streams: readonly LokiStream[]): number {
  return streams.reduce((n, s) => n + s.entries.length, 0);
}

/** One normaliser input per entry, in order. */
export function lokiItems(streams: readonly LokiStream[]): ShipperItem[] {
  const items: ShipperItem[] = [];
  for (const s of streams) for (const e of s.entries) items.push(itemOf(s.labels, e));
  return items;
}

function itemOf(streamLabels: Record<string, string>, e: LokiEntry): ShipperItem {
  const all = { ...streamLabels, ...(e.metadata ?? {}) };
  const fields: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const [field, names] of LOKI_LABEL_FIELDS) {
    const name = names.find((n) => all[n] !== undefined && all[n] !== '');
    if (name) {
      fields[field] = all[name];
      used.add(name);
    }
  }
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (!used.has(k)) labels[k] = v;
  let line: Record<string, unknown> | undefined;
  if (e.line.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(e.line);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && (typeof (parsed as Record<string, unknown>).message === 'string' || typeof (parsed as Record<string, unknown>).msg === 'string')) {
        line = parsed as Record<string, unknown>;
      }
    } catch {
      // not JSON: the line is the message
    }
  }
  const out: Record<string, unknown> = line ? { ...line } : { message: e.line };
  const time = nanosToIso(e.tsNanos);
  if (time && !line) out['@timestamp'] = time;
  else if (time && line && !['@timestamp', 'timestamp', 'time'].some((k) => line[k] !== undefined)) out['@timestamp'] = time;
  for (const [k, v] of Object.entries(fields)) {
    const short = k.split('.')[0];
    if (line && (k in line || short in line || (k === 'log.level' && 'level' in line) || (k === 'host.name' && 'hostname' in line))) continue;
    out[k] = v;
  }
  if (Object.keys(labels).length > 0) out.labels = { ...(line && typeof line.labels === 'object' && line.labels !== null ? (line.labels as Record<string, unknown>) : {}), ...labels };
  return { fields: out, options: { original: e.line } };
}
