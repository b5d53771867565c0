/** The leave-one-system-out procedure on three real loghub_2k systems from testdata/. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogFormat } from '@log-sentinel/drain';
import { readCsv, repoRoot } from '../bench-data';
import { leaveOneSystemOut, losoTable, type SystemData } from './drain-loso';

function system(name: string): SystemData {
  const dir = path.join(repoRoot(), 'testdata', 'loghub_2k');
  const formats = JSON.parse(fs.readFileSync(path.join(dir, 'log_formats.json'), 'utf8')) as Record<string, { log_format: string }>;
  const format = LogFormat.compile(formats[name]!.log_format);
  const lines = fs.readFileSync(path.join(dir, name, `${name}_2k.log`), 'utf8').split('\n').filter((l) => l !== '');
  const rows = readCsv(path.join(dir, name, `${name}_2k.log_structured.csv`));
  const k = rows[0]!.indexOf('EventId');
  return { system: name, contents: lines.map((l) => format.content(l)), truth: rows.slice(1).filter((r) => r.length > 1).map((r) => r[k]!) };
}

describe('leaveOneSystemOut', () => {
  const r = leaveOneSystemOut(['HDFS', 'Linux', 'Proxifier'].map(system));

  it('scores every system once as the held-out one, with a configuration chosen on the others', () => {
    expect(r.kept.folds.map((f) => f.heldOut)).toEqual(['HDFS', 'Linux', 'Proxifier']);
    expect(r.kept.meanHeldOutGa).toBeCloseTo(r.kept.folds.reduce((a, f) => a + f.heldOutGa, 0) / 3, 12);
    for (const f of r.kept.folds) expect(f.heldOutGa).toBeGreaterThan(0.7);
  });

  it('a rule that only one system supports is lost when that system is held out in the strict search', () => {
    // dateWords only helps Linux, units only Proxifier (real lines): the strict search, which
    // adds a rule only when the training systems gain, drops each when its system is held out.
    const linux = r.strict.folds.find((f) => f.heldOut === 'Linux')!;
    const proxifier = r.strict.folds.find((f) => f.heldOut === 'Proxifier')!;
    expect(linux.rulesOn).not.toContain('dateWords');
    expect(proxifier.rulesOn).not.toContain('units');
    expect(linux.heldOutGa).toBeLessThan(linux.heldOutGaDefaults);
  });

  it('judges every rule by its effect per system: keyValues hurts and is rejected, dateWords earns its place', () => {
    const byName = new Map(r.rules.map((e) => [e.rule, e]));
    expect(byName.get('keyValues')).toMatchObject({ defaultOn: false, verdict: 'rejected: hurts', chosenInFolds: 0 });
    expect(byName.get('dateWords')).toMatchObject({ defaultOn: true, helped: ['Linux'], verdict: 'earns its place' });
    expect(losoTable(r)).toMatch(/^mean /m);
  });
});
