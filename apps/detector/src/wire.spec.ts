import { fromWireRecord, fromWireTrainOptions, toWireResult, toWireWorkflows } from './wire';
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

describe('Train options: value_confidence', () => {
  const base = { log_format: '', session_regex: '', session_field: '', window: 0, top_g: 0, max_epochs: 0, activate: true, key_field: '' };
  it('is unset (chosen by training) unless present, 0 turns value models off, (0, 1) sets the interval', () => {
    expect(fromWireTrainOptions(base).valueConfidence).toBeUndefined();
    // a default 0 without the presence marker is "unset", not "off"
    expect(fromWireTrainOptions({ ...base, value_confidence: 0 }).valueConfidence).toBeUndefined();
    expect(fromWireTrainOptions({ ...base, value_confidence: 0, _value_confidence: 'value_confidence' }).valueConfidence).toBe(0);
    expect(fromWireTrainOptions({ ...base, value_confidence: 0.9999, _value_confidence: 'value_confidence' }).valueConfidence).toBe(0.9999);
  });

  it('refuses anything else with INVALID_ARGUMENT naming the field', () => {
    for (const bad of [1, 1.5, -0.1, Number.NaN]) {
      expect(() => fromWireTrainOptions({ ...base, value_confidence: bad, _value_confidence: 'value_confidence' })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/options\.value_confidence must be in \(0, 1\)/) }),
      );
    }
  });
});

describe('workflows', () => {
  it('maps workflow views to SessionWorkflow messages, concurrent pairs as count-0 edges', () => {
    expect(
      toWireWorkflows([{ sessionType: '1', sessionTypeTemplate: 'start <*>', sessions: 3, nodes: [{ templateId: '1', template: 'start <*>' }], edges: [{ from: '<start>', to: '1', count: 3 }], concurrent: [['1', '2']], loops: ['2'] }]),
    ).toEqual([
      {
        session_type: '1', session_type_template: 'start <*>', sessions: 3, nodes: [{ template_id: '1', template: 'start <*>' }],
        edges: [{ from_template_id: '<start>', to_template_id: '1', count: 3 }], concurrent: [{ from_template_id: '1', to_template_id: '2', count: 0 }], loops: ['2'],
      },
    ]);
  });
});
