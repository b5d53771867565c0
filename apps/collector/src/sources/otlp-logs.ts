/**
 * OTLP logs (`ExportLogsServiceRequest`) → the plain objects the normaliser reads. Decoding
 * uses the official OpenTelemetry protobuf definitions as compiled by the OpenTelemetry JS
 * project (`@opentelemetry/otlp-transformer`'s generated protobufjs root), never a hand-copied
 * message. The OTLP/JSON form has the same field names, so both end in {@link otlpItems}.
 *
 * Mapping: resource and scope attributes, then the record's attributes, become fields
 * (`service.name`, `host.name`, `session.id` land where the normaliser reads them; every
 * other one, e.g. `log.record.template`, `trace_id`, stays in `labels`); the body is the
 * message (a structured body gives its `message`/`msg` and keeps the rest as fields, or its
 * JSON text); `severityText` (else the `severityNumber` range name) is the level;
 * `timeUnixNano` (else `observedTimeUnixNano`) the timestamp; `traceId`/`spanId` become
 * `trace.id`/`span.id` (hex); the `log.record.uid` attribute, when present, is the event id.
 */
import type { ShipperItem } from './shipper-intake';
import { nanosToIso } from './shipper-intake';

/** An OTLP `AnyValue` in its JSON/`toObject` form. */
export interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
}
/** An OTLP `KeyValue`. */
export interface KeyValue {
  key?: string;
  value?: AnyValue;
}
/** An OTLP `LogRecord` in its JSON form (ids as hex). */
export interface OtlpLogRecord {
  timeUnixNano?: string | number;
  observedTimeUnixNano?: string | number;
  severityNumber?: number | string;
  severityText?: string;
  body?: AnyValue;
  attributes?: KeyValue[];
  traceId?: string;
  spanId?: string;
  eventName?: string;
}
/** An OTLP `ExportLogsServiceRequest` in its JSON form. */
export interface OtlpLogsRequest {
  resourceLogs?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeLogs?: Array<{ scope?: { name?: string; version?: string; attributes?: KeyValue[] }; logRecords?: OtlpLogRecord[] }>;
  }>;
}

/** The plain JS value of an `AnyValue` (objects for kvlists, arrays for arrays). */
export function anyValue(v: AnyValue | undefined): unknown {
  if (!v || typeof v !== 'object') return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.bytesValue !== undefined) return v.bytesValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(anyValue);
  if (v.kvlistValue) return attributesObject(v.kvlistValue.values);
  return undefined;
}

/** Attributes as one object keyed by attribute name (dotted names kept as they are). */
export function attributesObject(kvs: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of kvs ?? []) {
    if (typeof kv?.key !== 'string' || kv.key === '') continue;
    const value = anyValue(kv.value);
    if (value !== undefined) out[kv.key] = value;
  }
  return out;
}

const SEVERITY_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const SEVERITY_ENUM: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
SEVERITY_NAMES.forEach((n, i) => [1, 2, 3, 4].forEach((k) => (SEVERITY_ENUM[`SEVERITY_NUMBER_${n}${k === 1 ? '' : k}`] = i * 4 + k)));

/** The level name of a severity number (1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL). */
export function severityName(n: number | string | undefined): string | undefined {
  const num = typeof n === 'string' ? (SEVERITY_ENUM[n] ?? Number(n)) : n;
  if (typeof num !== 'number' || !Number.isInteger(num) || num < 1 || num > 24) return undefined;
  return SEVERITY_NAMES[Math.floor((num - 1) / 4)];
}

/** Counts the log records of a request. */
export function countLogRecords(req: OtlpLogsRequest): number {
  let n = 0;
  for (const rl of req.resourceLogs ?? []) for (const sl of rl?.scopeLogs ?? []) n += sl?.logRecords?.length ?? 0;
  return n;
}

/** One normaliser input per log record, in request order. */
export function otlpItems(req: OtlpLogsRequest): ShipperItem[] {
  const items: ShipperItem[] = [];
  for (const rl of req.resourceLogs ?? []) {
    const resource = attributesObject(rl?.resource?.attributes);
    for (const sl of rl?.scopeLogs ?? []) {
      const scope: Record<string, unknown> = {};
      if (sl?.scope?.name) scope['otel.scope.name'] = sl.scope.name;
      if (sl?.scope?.version) scope['otel.scope.version'] = sl.scope.version;
      Object.assign(scope, attributesObject(sl?.scope?.attributes));
      for (const lr of sl?.logRecords ?? []) items.push(itemOf(lr ?? {}, resource, scope));
    }
  }
  return items;
}

function itemOf(lr: OtlpLogRecord, resource: Record<string, unknown>, scope: Record<string, unknown>): ShipperItem {
  const attributes = attributesObject(lr.attributes);
  const fields: Record<string, unknown> = { ...resource, ...scope, ...attributes };
  const body = anyValue(lr.body);
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const key = typeof b.message === 'string' ? 'message' : typeof b.msg === 'string' ? 'msg' : undefined;
    if (key) {
      for (const [k, v] of Object.entries(b)) if (k !== key && !(k in fields)) fields[k] = v;
      fields.message = b[key];
    } else {
      fields.message = JSON.stringify(body);
    }
  } else if (body !== undefined && body !== null) {
    fields.message = typeof body === 'string' ? body : JSON.stringify(body);
  } else {
    delete fields.message;
  }
  const time = nanosToIso(lr.timeUnixNano) ?? nanosToIso(lr.observedTimeUnixNano);
  if (time) fields['@timestamp'] = time;
  else delete fields['@timestamp'];
  const level = lr.severityText?.trim() || severityName(lr.severityNumber);
  if (level) fields['log.level'] = level;
  if (lr.traceId) fields['trace.id'] = lr.traceId;
  if (lr.spanId) fields['span.id'] = lr.spanId;
  if (lr.eventName) fields['event.name'] = lr.eventName;
  const uid = attributes['log.record.uid'];
  if (typeof uid === 'string' && uid) {
    fields['event.id'] = uid;
    delete fields['log.record.uid'];
  }
  return { fields, options: { original: JSON.stringify(lr) } };
}
