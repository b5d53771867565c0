import { Long, timestampToMs, wire } from '@log-sentinel/proto';
import { fromWireModelInfo, fromWireResult, toWireRecord } from './wire';

/** A DetectResult as the client receives it: through the generated encoder and decoder. */
function result(over: wire.IDetectResult): wire.DetectResult {
  return wire.DetectResult.decode(wire.DetectResult.encode({
    record_id: 'r1',
    is_anomaly: false,
    score: 0.1,
    reasons: [],
    template_id: '7',
    template: 'Receiving block <*> src: <*> dest: <*>',
    status: 'scored',
    model_version: 'v1',
    session_id: 'blk_1',
    params: [],
    deeplog: null,
    iforest: null,
    explanation: '',
    explanation_detail: null,
    ...over,
  }).finish());
}

describe('fromWireResult: each model’s view', () => {
  it('keeps DeepLog’s rank/probability and Isolation Forest’s score/threshold on a flagged record', () => {
    const v = fromWireResult(
      result({
        is_anomaly: true,
        score: 0.97,
        reasons: ['deeplog.unexpected_key'],
        deeplog: { is_anomaly: true, rank: 0, probability: 0, expected: [] },
        iforest: { is_anomaly: false, score: 0.44, threshold: 0.6 },
      }),
    );
    expect(v.models).toEqual({ deeplog: { isAnomaly: true, rank: 0, probability: 0 }, iforest: { isAnomaly: false, score: expect.closeTo(0.44, 5), threshold: expect.closeTo(0.6, 5) } });
  });

  it('leaves it out of a normal record (the document stays small)', () => {
    expect(fromWireResult(result({ iforest: { is_anomaly: false, score: 0.3, threshold: 0.6 } }))).not.toHaveProperty('models');
  });
});

describe('fromWireModelInfo', () => {
  it('turns the uint64 learning counters into numbers', () => {
    const sent = { version: '', status: 'learning', templates: 3, vocabulary: 0, window: 10, top_g: 9, learning_records: Long.fromNumber(120, true), learning_target: Long.fromNumber(1500, true), manifest_json: '', warnings: ['w'] };
    const m = fromWireModelInfo(wire.ModelInfo.decode(wire.ModelInfo.encode(sent).finish()));
    expect(m).toEqual({ version: '', status: 'learning', templates: 3, vocabulary: 0, learningRecords: 120, learningTarget: 1500, warnings: ['w'] });
  });
});

describe('toWireRecord', () => {
  it('sends the record time as a Timestamp the detector decodes to the same ms', () => {
    const at = '2026-12-02T03:00:00.123Z';
    const sent = toWireRecord({ id: 'a', message: 'm', timestamp: at, timestampAssigned: false, labels: {}, original: 'm', ingested: at, origin: 'http' });
    const got = wire.LogRecord.decode(wire.LogRecord.encode(sent).finish());
    expect(timestampToMs(got.timestamp!)).toBe(Date.parse('2026-12-02T03:00:00.123Z'));
    expect(got.timestamp!.nanos).toBe(123_000_000);
  });
});
