import { DemoLogGenerator, scoreDetections, toRawLine } from '@log-sentinel/demo-generator';
import { fetchAnomalies, toFlagged } from './anomalies-query';
import { matchFlags, renderReport } from './demo-report';
import { httpItem, viaFile } from './demo-feed';

describe('demo result', () => {
  const { records, scenarios } = new DemoLogGenerator({ seed: 2, startMs: Date.UTC(2026, 0, 1) }).anomalyPhase({ normalSessions: 20 });
  const fileRec = records.find((r) => viaFile(r) && r.label)!;
  const httpRec = records.find((r) => !viaFile(r) && r.label)!;
  const normal = records.find((r) => !r.label)!;

  it('reads flagged documents in ECS-nested, dotted and _source shapes', () => {
    expect(toFlagged({ event: { id: 'a' }, message: 'm', anomaly: { reasons: ['drain.new_template'], score: 0.9 }, session: { id: 's' } })).toEqual({
      id: 'a',
      message: 'm',
      reasons: ['drain.new_template'],
      score: 0.9,
      sessionId: 's',
    });
    expect(toFlagged({ _id: 'b', _source: { message: 'x', 'anomaly.reasons': ['iforest.outlier'] } })).toMatchObject({ id: 'b', reasons: ['iforest.outlier'] });
    expect(toFlagged(42)).toBeUndefined();
  });

  it('matches HTTP records by id and file records by their raw line, then renders the table', () => {
    const flags = [
      { id: httpRec.id, message: httpRec.message, reasons: ['deeplog.unexpected_key'] },
      { id: 'file-uuid', message: toRawLine(fileRec), reasons: ['drain.new_template'] },
      { id: normal.id, message: normal.message, reasons: ['iforest.outlier'] },
      { id: 'other', message: 'not ours', reasons: [] },
    ];
    const { matched, unmatched } = matchFlags(records, flags);
    expect(matched.map((m) => m.record.id).sort()).toEqual([httpRec.id, fileRec.id, normal.id].sort());
    expect(unmatched).toBe(1);
    const score = scoreDetections(records, scenarios, new Set(matched.map((m) => m.record.id)));
    const text = renderReport({ matched, records, scenarios, score });
    expect(text).toMatch(/TP\s+\S+\s+\S+\s+deeplog\.unexpected_key/);
    expect(text).toMatch(/FP\s+-\s+/);
    expect(text).toMatch(/Record level:  precision 66\.7%/);
    expect(text).toMatch(/Session level: precision/);
  });

  it('posts the Log Sentinel shape with the client id and session', () => {
    expect(httpItem(httpRec)).toEqual({
      id: httpRec.id,
      timestamp: httpRec.timestamp,
      level: httpRec.level,
      message: httpRec.message,
      source: httpRec.source,
      'host.name': httpRec.host,
      'session.id': httpRec.sessionId,
    });
  });

  it('fetchAnomalies names the failure when the collector is not there', async () => {
    await expect(fetchAnomalies('http://127.0.0.1:9', new Date().toISOString(), 10)).rejects.toThrow(/GET \/anomalies failed/);
  });
});
