/**
 * The collector's spool record, the one format of its three spools (intake, scored,
 * pending): one line of metadata (event id, target day, detector status) followed by the
 * Elasticsearch document JSON. Intake stores each record once with `st: "pending"`; the
 * scoring stage rewrites it with its verdict; delivery builds `_bulk` bodies from the stored
 * JSON without re-serialising documents.
 */
import { isSpoolPosition, type SpoolPosition } from './position';
import { fromElasticDocument, toElasticDocument, toSessionDocument, type AnomalyVerdict, type ElasticLogDocument, type LogRecord, type SessionVerdict } from '@log-sentinel/schema';

/** Metadata line of a spooled record. */
export interface SpoolMeta {
  /** `event.id`, the document `_id`. */
  id: string;
  /** `@timestamp` (picks the daily index). */
  ts: string;
  /** `anomaly.status` (`pending`: not scored yet, or the detector could not score it). */
  st: string;
  /**
   * In the scored spool, on the last record of a scoring step: the intake position that step
   * read up to, so a restart does not score those records again (`Spool.skipThrough`).
   */
  from?: SpoolPosition;
}

/** A decoded spool record. */
export interface SpooledDoc {
  /** Metadata. */
  meta: SpoolMeta;
  /** The document JSON, exactly as stored. */
  docJson: string;
}

/** Encodes a record and its verdict for the spool. */
export function encodeSpoolRecord(record: LogRecord, verdict: AnomalyVerdict): { payload: string; doc: ElasticLogDocument } {
  const doc = toElasticDocument(record, verdict);
  const meta = `{"id":${JSON.stringify(record.id)},"ts":${JSON.stringify(record.timestamp)},"st":"${verdict.status}"}`;
  return { payload: `${meta}\n${JSON.stringify(doc)}`, doc };
}

/** Encodes a closed session's verdict for the spool: a document of its own (`anomaly.kind: "session"`). */
export function encodeSessionVerdict(verdict: SessionVerdict): { payload: string; doc: ElasticLogDocument } {
  const doc = toSessionDocument(verdict);
  const meta = `{"id":${JSON.stringify(doc.event.id)},"ts":${JSON.stringify(doc['@timestamp'])},"st":"${verdict.status}"}`;
  return { payload: `${meta}\n${JSON.stringify(doc)}`, doc };
}

/** Decodes a spool payload; throws on a payload this version did not write. */
export function decodeSpoolRecord(payload: Buffer): SpooledDoc {
  const { meta, docBytes } = decodeSpoolRecordBytes(payload);
  return { meta, docJson: docBytes.toString('utf8') };
}

/** A decoded spool record whose document stays the stored bytes (for writing it out as it is). */
export interface SpooledDocBytes {
  /** Metadata. */
  meta: SpoolMeta;
  /** The document JSON's UTF-8 bytes: a view of the payload, not a copy. */
  docBytes: Buffer;
}

/** Decodes only the metadata line of a spool payload (no UTF-8 decode of the document); throws like {@link decodeSpoolRecord}. */
export function decodeSpoolRecordBytes(payload: Buffer): SpooledDocBytes {
  const nl = payload.indexOf(10);
  if (nl < 0) throw new Error('spool record has no metadata line');
  const meta = JSON.parse(payload.toString('utf8', 0, nl)) as SpoolMeta;
  if (typeof meta.id !== 'string' || typeof meta.ts !== 'string') throw new Error('spool record metadata lacks id or ts');
  return { meta, docBytes: payload.subarray(nl + 1) };
}

/** Rebuilds the record of a spooled document (for scoring it). */
export function recordOfSpooled(doc: SpooledDoc): LogRecord {
  return fromElasticDocument(JSON.parse(doc.docJson)).record;
}

/** The stored payload of a decoded record (metadata line, newline, document JSON). */
export function spoolPayload(doc: SpooledDoc): string {
  return `${JSON.stringify(doc.meta)}\n${doc.docJson}`;
}

/** `payload` (a spool record) with `from` in its metadata; undefined when it is not one. */
export function withIntakePosition(payload: string | Buffer, from: SpoolPosition): string | undefined {
  try {
    const doc = decodeSpoolRecord(typeof payload === 'string' ? Buffer.from(payload) : payload);
    return spoolPayload({ meta: { ...doc.meta, from }, docJson: doc.docJson });
  } catch {
    return undefined;
  }
}

/** The intake position a scored-spool payload carries (see {@link SpoolMeta.from}), or undefined. */
export function intakePositionOf(payload: Buffer): SpoolPosition | undefined {
  const nl = payload.indexOf(10);
  if (nl < 0) return undefined;
  try {
    const from = (JSON.parse(payload.toString('utf8', 0, nl)) as Partial<SpoolMeta>).from;
    return isSpoolPosition(from) ? from : undefined;
  } catch {
    return undefined;
  }
}
