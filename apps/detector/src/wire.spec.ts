import { fromWireRecord, fromWireTrainOptions, toWireResult, toWireWorkflows } from './wire';
import type { DetectVerdict } from '@log-sentinel/pipeline';
import { Long, timestampFromMs, wire } from '@log-sentinel/proto';

/** `o` through the generated encoder and decoder: what the server's handlers receive. */
function decodedOptions(o: wire.ITrainOptions): wire.TrainOptions {
  return wire.TrainOptions.decode(wire.TrainOptions.encode(o).finish());
}

describe('wire mapping', () => {
  it('maps a decoded wire record (Timestamp seconds as Long) to a pipeline record', () => {
    const base = { id: 'a', message: 'm', level: 'INFO', service: 's', host: 'h', session_id: '', labels: {} };
    const decoded = (r: wire.ILogRecord): wire.LogRecord => wire.LogRecord.decode(wire.LogRecord.encode(r).finish());
    expect(fromWireRecord(decoded({ ...base, timestamp: { seconds: Long.fromNumber(10), nanos: 5_000_000 } }))).toEqual({
      id: 'a',
      message: 'm',
      level: 'INFO',
      service: 's',
      host: 'h',
      timestampMs: 10_005,
    });
    expect(fromWireRecord(decoded({ ...base, timestamp: timestampFromMs(20_000) })).timestampMs).toBe(20_000);
    expect(fromWireRecord(decoded({ ...base, timestamp: timestampFromMs(-1_500) })).timestampMs).toBe(-1_500);
    expect(fromWireRecord(decoded(base)).timestampMs).toBeUndefined();
    // outside Timestamp's range: NaN, which request validation refuses
    expect(fromWireRecord(decoded({ ...base, timestamp: { seconds: Long.fromNumber(253_402_300_800), nanos: 0 } })).timestampMs).toBeNaN();
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
    // absent on the wire is "unset"; a 0 that was sent is "off" (proto3 `optional` keeps presence)
    expect(fromWireTrainOptions(decodedOptions(base)).valueConfidence).toBeUndefined();
    expect(fromWireTrainOptions(decodedOptions({ ...base, value_confidence: 0 })).valueConfidence).toBe(0);
    expect(fromWireTrainOptions(decodedOptions({ ...base, value_confidence: 0.9999 })).valueConfidence).toBe(0.9999);
  });

  it('refuses anything else with INVALID_ARGUMENT naming the field', () => {
    for (const bad of [1, 1.5, -0.1, Number.NaN]) {
      expect(() => fromWireTrainOptions(decodedOptions({ ...base, value_confidence: bad }))).toThrow(
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
        session_type: '1', session_type_template: 'start <*>', sessions: Long.fromNumber(3, true), nodes: [{ template_id: '1', template: 'start <*>' }],
        edges: [{ from_template_id: '<start>', to_template_id: '1', count: Long.fromNumber(3, true) }], concurrent: [{ from_template_id: '1', to_template_id: '2', count: Long.UZERO }], loops: ['2'],
      },
    ]);
  });
});
