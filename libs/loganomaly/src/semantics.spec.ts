import * as fs from 'node:fs';
import * as path from 'node:path';
import { TemplateSemantics, templateWords, type KeyTemplate } from './semantics';

const root = path.join(__dirname, '../../..');
/** loghub's HDFS templates (E<k> = DeepLog key k) and the keys the DeepLog training sessions use. */
function hdfs(): { all: KeyTemplate[]; train: KeyTemplate[] } {
  const rows = fs.readFileSync(path.join(root, 'testdata/loghub_2k/HDFS/HDFS_templates.csv'), 'utf8').trim().split('\n').slice(1);
  const all = rows.map((l) => ({ key: l.slice(1, l.indexOf(',')), text: l.slice(l.indexOf(',') + 1) }));
  const used = new Set(fs.readFileSync(path.join(root, 'testdata/hdfs_deeplog/hdfs_train'), 'utf8').split(/\s+/).filter(Boolean));
  return { all, train: all.filter((t) => used.has(t.key)) };
}

describe('TemplateSemantics', () => {
  it('splits template words: parameters, punctuation, camelCase; lower case; no numbers', () => {
    expect(templateWords('<*>BLOCK* NameSystem<*>addStoredBlock: blockMap updated:<*>is added to<*>size 42')).toEqual(
      ['block', 'name', 'system', 'add', 'stored', 'block', 'block', 'map', 'updated', 'is', 'added', 'to', 'size']);
  });

  it('maps an unseen template close to a known one to it, not flagged', () => {
    const s = TemplateSemantics.fit(hdfs().train);
    // E6 "Received block<*>src:<*>dest:<*>of size<*>" with one word changed
    expect(s.match('<*>Received block<*>src:<*>dest:<*>of length<*>')).toMatchObject({ key: '6', nearest: '6' });
    // loghub's E27 is E26's "addStoredBlock … received for … size" with one more word
    expect(s.match(hdfs().all.find((t) => t.key === '27')!.text).key).toBe('26');
  });

  it('flags an unseen template far from every known one (no key), naming the nearest', () => {
    const s = TemplateSemantics.fit(hdfs().train);
    const far = s.match(hdfs().all.find((t) => t.key === '29')!.text); // PendingReplicationMonitor timed out block
    expect(far.key).toBeNull();
    expect(far.similarity).toBeLessThan(s.json.threshold);
    expect(s.match('Disk quota exceeded on volume <*>')).toMatchObject({ key: null, similarity: 0 });
  });

  it('chooses the threshold on the training templates only: no known template maps to another, most one-word variants map home', () => {
    const { train } = hdfs();
    const s = TemplateSemantics.fit(train);
    expect(s.json.calibration.othersAccepted).toBe(0);
    expect(s.json.calibration.variantsAccepted / s.json.calibration.variants).toBeGreaterThan(0.7);
    for (const t of train) expect(s.match(t.text).key).toBe(t.key);
    expect(TemplateSemantics.fit(train).toJSON()).toEqual(s.toJSON()); // reproducible
  });

  it('rejects bad input with a named error', () => {
    expect(() => TemplateSemantics.fit([])).toThrow(/no templates/);
    expect(() => TemplateSemantics.fit([{ key: '1', text: 'a b' }, { key: '1', text: 'c d' }])).toThrow(/two templates/);
    expect(() => TemplateSemantics.fit([{ key: '1', text: '<*> 42' }])).toThrow(/no words/);
    expect(() => TemplateSemantics.fit([{ key: '1', text: 'open file' }], { dims: 0 })).toThrow(/dims/);
  });
});
