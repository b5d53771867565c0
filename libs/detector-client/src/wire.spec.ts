import type { DetectResult__Output } from '@log-sentinel/proto';
import { fromWireModelInfo, fromWireResult } from './wire';

function result(over: Partial<DetectResult__Output>): DetectResult__Output {
  return {
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
  } as DetectResult__Output;
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
    const m = fromWireModelInfo({ version: '', status: 'learning', created: null, templates: 3, vocabulary: 0, window: 10, top_g: 9, learning_records: '120', learning_target: '1500', manifest_json: '', warnings: ['w'] });
    expect(m).toEqual({ version: '', status: 'learning', templates: 3, vocabulary: 0, learningRecords: 120, learningTarget: 1500, warnings: ['w'] });
  });
});
