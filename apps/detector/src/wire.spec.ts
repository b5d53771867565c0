import { fromWireRecord, toWireResult } from './wire';
import type { DetectVerdict } from '@log-sentinel/pipeline';

describe('wire mapping', () => {
  it('maps a wire record (seconds as string, number or Long) to a pipeline record', () => {
    const base = { id: 'a', message: 'm', level: 'INFO', service: 's', host: 'h', session_id: '', labels: {} };
    expect(fromWireRecord({ ...base, timestamp: { seconds: '10', nanos: 5_000_000 } })).toEqual({
      id: 'a',
      message: 'm',
      level: 'INFO',
      service: 's',
      host: 'h',
      timestampMs: 10_005,
    });
    const long = { toNumber: () => 20 };
    expect(fromWireRecord({ ...base, timestamp: { seconds: long as unknown as string, nanos: 0 } }).timestampMs).toBe(20_000);
    expect(fromWireRecord({ ...base, timestamp: null }).timestampMs).toBeUndefined();
  });

  it('sends per-model detail only for flagged results unless asked to explain', () => {
    const v: DetectVerdict = {
      recordId: 'a',
      isAnomaly: false,
      score: 0.1,
      reasons: [],
      templateId: '1',
      template: 't',
      status: 'scored',
      modelVersion: 'v1',
      sessionId: 's',
      params: ['x'],
      deeplog: { isAnomaly: false, rank: 1, probability: 0.9, expected: [] },
      iforest: { isAnomaly: false, score: 0.4, threshold: 0.6 },
      explanation: '',
    };
    expect(toWireResult(v, false).deeplog).toBeUndefined();
    expect(toWireResult(v, true).iforest).toEqual({ is_anomaly: false, score: 0.4, threshold: 0.6 });
    expect(toWireResult({ ...v, isAnomaly: true, reasons: ['iforest.outlier'] }, false).iforest).toBeDefined();
  });
});
