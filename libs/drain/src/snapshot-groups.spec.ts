// A restored miner must report the same template ids as the original: the detector keeps
// the training-time template ids as "known", so any drift flags normal lines as new.
import { TemplateMiner } from './template-miner';

describe('snapshot/restore keeps template ids (groups)', () => {
  const lines = [
    'GET /search?q=desk status=200 latency=32ms',
    'GET /search?q=lamp status=304 latency=81ms',
    'GET /search?q=desk status=200 latency=12ms',
    'GET /search?q=shoes status=200 latency=40ms',
    'GET /products/123 status=200 latency=3ms',
    'GET /products/77 status=200 latency=9ms',
    'User user1042 login attempt from 10.0.3.7',
  ];

  it('matches and adds with the original template ids after a JSON round trip', () => {
    const m = new TemplateMiner();
    for (const l of lines) m.add(l);
    const before = new Map(lines.map((l) => [l, m.match(l)!.cluster.templateId]));
    // Several clusters share one template id here (the search lines differ only in a masked value).
    expect(new Set([before.get(lines[0]!), before.get(lines[1]!), before.get(lines[3]!)]).size).toBe(1);
    const restored = TemplateMiner.restore(JSON.stringify(m.snapshot()));
    for (const l of lines) {
      expect(restored.match(l)!.cluster.templateId).toBe(before.get(l));
      expect(restored.add(l).cluster.templateId).toBe(before.get(l));
    }
    // A new search term joins the same template, as it would have in the original.
    expect(restored.add('GET /search?q=kettle status=200 latency=5ms').cluster.templateId).toBe(m.add('GET /search?q=kettle status=200 latency=5ms').cluster.templateId);
  });

  it('reads snapshots without groups (each cluster its own template) and rejects bad groups', () => {
    const m = new TemplateMiner();
    for (const l of lines) m.add(l);
    const snap = m.snapshot();
    const { groups: _groups, ...old } = snap;
    expect(() => TemplateMiner.restore(old)).not.toThrow();
    expect(() => TemplateMiner.restore({ ...snap, groups: [[9999, 1]] })).toThrow(/groups entry/);
  });
});
