import { fromElasticDocument, toElasticDocument } from './elastic-document';
import { sessionEventId, toSessionDocument } from './session-document';
import { SchemaError } from './errors';
import { normalizeFileLine, normalizeLine } from './normalize-line';
import { normalizeObject } from './normalize-object';
import { pendingVerdict, type AnomalyVerdict, type LogRecord, type SessionVerdict } from './record';

const ctx = { receivedAt: new Date('2026-11-22T16:00:00.000Z'), newId: () => '0193a1b2-0000-7000-8000-000000000001' };

function record(item: unknown): LogRecord {
  const res = normalizeObject(item, 0, ctx);
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.record;
}

const verdict: AnomalyVerdict = {
  isAnomaly: true,
  score: 0.91,
  reasons: ['deeplog.unexpected_key'],
  status: 'scored',
  modelVersion: '2026-11-22T15-00-00Z',
  templateId: 'e17',
  template: 'Failed password for <*> from <*>',
  sessionId: 'auth/web-1',
};

describe('toElasticDocument', () => {
  it('maps a record and verdict to ECS names and the detector fields', () => {
    const r = record({ '@timestamp': '2024-06-01T12:00:00Z', message: 'Failed password for root from 1.2.3.4', 'log.level': 'warn', service: { name: 'auth' }, host: { name: 'web-1' }, user: 'root' });
    expect(toElasticDocument(r, verdict)).toEqual({
      '@timestamp': '2024-06-01T12:00:00.000Z',
      message: 'Failed password for root from 1.2.3.4',
      log: { level: 'warn' },
      service: { name: 'auth' },
      host: { name: 'web-1' },
      event: { id: '0193a1b2-0000-7000-8000-000000000001', original: r.original, ingested: '2026-11-22T16:00:00.000Z' },
      labels: { user: 'root' },
      anomaly: {
        kind: 'record',
        is_anomaly: true,
        score: 0.91,
        reasons: ['deeplog.unexpected_key'],
        status: 'scored',
        model_version: '2026-11-22T15-00-00Z',
        group: 'deeplog.unexpected_key:>e17',
      },
      template: { id: 'e17', text: 'Failed password for <*> from <*>' },
      session: { id: 'auth/web-1' },
    });
  });

  it('prefers the record’s own session, writes log.file.path and log.offset for file records, omits what is absent', () => {
    const own = record({ message: 'x', session_id: 'blk_1' });
    expect(toElasticDocument(own, verdict).session).toEqual({ id: 'blk_1' });
    const res = normalizeFileLine({ line: 'plain', path: '/logs/a.log', fileIdentity: 'f', offset: 10 }, 0, ctx);
    const doc = toElasticDocument(res.ok ? res.record : own, pendingVerdict());
    expect(doc.log).toEqual({ file: { path: '/logs/a.log' }, offset: 10 });
    expect(doc.anomaly).toEqual({ kind: 'record', is_anomaly: false, score: 0, reasons: [], status: 'pending' });
    expect(doc).not.toHaveProperty('template');
    const bare = toElasticDocument(record({ message: 'y' }));
    expect(Object.keys(bare).sort()).toEqual(['@timestamp', 'event', 'message']);
  });
});

describe('explanations and alert groups', () => {
  const explained: AnomalyVerdict = {
    ...verdict,
    explanation: {
      text: 'expected one of [e3 e4], saw e17',
      observed: 'Failed password for <*> from <*>',
      expected: [{ templateId: 'e3', template: 'Accepted password for <*> from <*>', probability: 0.8 }],
      recent: ['Connection from <*>', 'Invalid user <*>'],
    },
  };

  it('stores a flagged record’s explanation and groups an unexpected transition by previous template and key', () => {
    const doc = toElasticDocument(record({ message: 'Failed password for root from 1.2.3.4' }), explained);
    expect(doc.anomaly?.explanation).toEqual({
      text: 'expected one of [e3 e4], saw e17',
      observed: 'Failed password for <*> from <*>',
      expected: [{ template_id: 'e3', template: 'Accepted password for <*> from <*>', probability: 0.8 }],
      recent: ['Connection from <*>', 'Invalid user <*>'],
    });
    expect(doc.anomaly?.group).toBe('deeplog.unexpected_key:Invalid user <*>>e17');
    expect(fromElasticDocument(JSON.parse(JSON.stringify(doc))).verdict?.explanation).toEqual(explained.explanation);
  });

  it('stores each model’s view of a flagged record under anomaly.models and reads it back', () => {
    const models = { deeplog: { isAnomaly: true, rank: 0, probability: 0 }, iforest: { isAnomaly: false, score: 0.41, threshold: 0.62 } };
    const doc = toElasticDocument(record({ message: 'Failed password for root from 1.2.3.4' }), { ...explained, models });
    expect(doc.anomaly?.models).toEqual({ deeplog: { is_anomaly: true, rank: 0, probability: 0 }, iforest: { is_anomaly: false, score: 0.41, threshold: 0.62 } });
    expect(fromElasticDocument(JSON.parse(JSON.stringify(doc))).verdict?.models).toEqual(models);
    expect(toElasticDocument(record({ message: 'a' }), { ...explained, isAnomaly: false, reasons: [], models }).anomaly).not.toHaveProperty('models');
  });

  it('groups a new template by its id whatever else was found, and leaves normal records ungrouped', () => {
    const v = { ...explained, reasons: ['drain.new_template', 'deeplog.unexpected_key', 'iforest.outlier'] };
    expect(toElasticDocument(record({ message: 'a' }), v).anomaly?.group).toBe('drain.new_template:e17');
    expect(toElasticDocument(record({ message: 'a' }), { ...v, reasons: ['iforest.outlier'] }).anomaly?.group).toBe('iforest.outlier:e17');
    const normal = toElasticDocument(record({ message: 'a' }), { ...explained, isAnomaly: false, reasons: [] }).anomaly;
    expect(normal).not.toHaveProperty('group');
    expect(normal).not.toHaveProperty('explanation');
  });
});

describe('toSessionDocument', () => {
  const closed: SessionVerdict = {
    sessionId: 'blk_42',
    isAnomaly: true,
    score: 0.9,
    reasons: ['deeplog.missing_step'],
    modelVersion: 'v1',
    explanation: 'session ended where normal sessions continue',
    records: 5,
    flaggedRecords: 0,
    recent: ['Receiving block <*>', 'PacketResponder <*> terminating'],
    closedAt: '2026-06-01T12:00:00.000Z',
    status: 'scored',
  };

  it('maps a session verdict to a document of its own, with a deterministic event id', () => {
    const doc = toSessionDocument(closed);
    expect(doc).toMatchObject({
      '@timestamp': '2026-06-01T12:00:00.000Z',
      session: { id: 'blk_42', records: 5, flagged_records: 0, recent_templates: closed.recent },
      anomaly: {
        kind: 'session',
        is_anomaly: true,
        score: 0.9,
        reasons: ['deeplog.missing_step'],
        status: 'scored',
        model_version: 'v1',
        explanation: { text: closed.explanation, recent: closed.recent },
        group: 'deeplog.missing_step:PacketResponder <*> terminating',
      },
    });
    expect(doc.message).toMatch(/^session blk_42 closed after 5 records/);
    expect(doc.event.id).toBe(sessionEventId(closed));
    expect(toSessionDocument({ ...closed }).event.id).toBe(doc.event.id);
    expect(sessionEventId({ ...closed, closedAt: '2026-06-01T12:00:00.001Z' })).not.toBe(doc.event.id);
    expect(toSessionDocument({ ...closed, isAnomaly: false, reasons: [] }).anomaly).not.toHaveProperty('group');
  });
});

describe('fromElasticDocument', () => {
  it('round-trips records and verdicts', () => {
    const r = record({ timestamp: 1717243200, level: 'INFO', message: 'User login', source: 'auth', session_id: 's1', extra: { a: 1 } });
    const { record: back, verdict: v } = fromElasticDocument(JSON.parse(JSON.stringify(toElasticDocument(r, verdict))));
    expect(back).toEqual({ ...r, timestampAssigned: false });
    expect(v).toEqual({ ...verdict, sessionId: 's1' });
    const line = normalizeFileLine({ line: 'x', path: '/p', fileIdentity: 'i', offset: 3 }, 0, ctx);
    const fileRecord = line.ok ? line.record : r;
    expect(fromElasticDocument(toElasticDocument(fileRecord)).record).toEqual({ ...fileRecord, timestampAssigned: false });
    const text = normalizeLine('plain', 0, ctx);
    expect(fromElasticDocument(toElasticDocument(text.ok ? text.record : r)).verdict).toBeUndefined();
  });

  it.each<[unknown, RegExp]>([
    [null, /\(document\) must be an object/],
    [{ '@timestamp': 't', message: 'm' }, /event must be an object/],
    [{ '@timestamp': 't', message: 'm', event: { id: 1, original: 'o', ingested: 'i' } }, /event\.id must be a string/],
    [{ '@timestamp': 't', message: 'm', event: { id: 'a', original: 'o', ingested: 'i' }, log: { file: { path: '/p' } } }, /log\.offset/],
    [{ '@timestamp': 't', message: 'm', event: { id: 'a', original: 'o', ingested: 'i' }, anomaly: { status: 'maybe' } }, /anomaly\.status/],
    [{ '@timestamp': 't', message: 'm', event: { id: 'a', original: 'o', ingested: 'i' }, anomaly: { status: 'scored', is_anomaly: 'yes', score: 1 } }, /anomaly\.is_anomaly/],
    [{ '@timestamp': 't', message: 'm', event: { id: 'a', original: 'o', ingested: 'i' }, anomaly: { status: 'scored', is_anomaly: true, score: '1' } }, /anomaly\.score/],
    [{ '@timestamp': 't', message: 'm', event: { id: 'a', original: 'o', ingested: 'i' }, anomaly: { status: 'scored', is_anomaly: true, score: 1, reasons: [1] } }, /anomaly\.reasons/],
  ])('rejects %j naming the field', (doc, message) => {
    expect(() => fromElasticDocument(doc)).toThrow(SchemaError);
    expect(() => fromElasticDocument(doc)).toThrow(message);
  });
});
