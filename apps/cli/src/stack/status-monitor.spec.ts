import { describeCollector, describeDetector, elasticState } from './status-monitor';
import type { ModelInfo__Output } from '@log-sentinel/proto';

const model = (over: Partial<ModelInfo__Output>): ModelInfo__Output => ({
  version: '',
  status: 'learning',
  created: null,
  templates: 0,
  vocabulary: 0,
  window: 0,
  top_g: 0,
  learning_records: '0',
  learning_target: '10000',
  manifest_json: '',
  warnings: [],
  ...over,
});

describe('status lines', () => {
  it('detector: learning progress, scoring, unreachable', () => {
    expect(describeDetector({ ok: true, model: model({ learning_records: '3200' }) })).toMatch(/^detector: learning 3,200\/10,000 records/);
    expect(describeDetector({ ok: true, model: model({ version: 'v1', status: 'scored', templates: 12, vocabulary: 12 }) })).toBe(
      'detector: scoring with model v1 (12 templates, vocabulary 12)',
    );
    expect(describeDetector({ ok: true, model: model({ status: 'training', learning_records: '10000' }) })).toBe('detector: training the first model on 10,000 records');
    expect(describeDetector({ ok: false, error: 'UNAVAILABLE: x' })).toMatch(/not answering yet/);
  });

  it('collector: Elasticsearch state from several readiness body shapes', () => {
    expect(elasticState({ elasticsearch: true })).toBe('reachable');
    expect(elasticState({ checks: { elasticsearch: 'down' } })).toBe('unreachable');
    expect(elasticState({ elasticsearch: { reachable: false } })).toBe('unreachable');
    expect(elasticState({ elasticsearch: { status: 'up' } })).toBe('reachable');
    expect(elasticState('ok')).toBe('unknown');
    expect(elasticState({ ready: true, checks: { spool: 'ok', elasticsearch: 'disabled', detector: 'up' } })).toBe('disabled');
    expect(describeCollector({ ok: true, status: 200, body: { ready: true, checks: { spool: 'ok', elasticsearch: 'reachable', detector: 'down' } } })).toBe(
      'collector: ready; Elasticsearch reachable; detector down',
    );
    expect(describeCollector({ ok: true, status: 200, body: { elasticsearch: false } })).toMatch(/ready; Elasticsearch NOT reachable: records are kept in the local spool/);
    expect(describeCollector({ ok: false, status: 0, error: 'ECONNREFUSED' })).toMatch(/not answering yet \(ECONNREFUSED\)/);
  });
});
