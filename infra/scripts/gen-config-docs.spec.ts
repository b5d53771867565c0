// Proves docs/operations.md "every setting is generated from the zod schemas": the tables
// between the markers equal what infra/scripts/gen-config-docs.js renders from the sources.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

interface GenModule {
  SECTIONS: Array<{ section: string; src: string }>;
  DOC: string;
  renderSections(load: (p: string) => unknown, kind: 'src' | 'dist'): Record<string, string>;
  renderEnvTable(schema: unknown): string;
  updateDoc(text: string, rendered: Record<string, string>): string;
}

const gen = jest.requireActual<GenModule>('./gen-config-docs.js');
const root = path.resolve(__dirname, '..', '..');

describe('docs/operations.md settings tables', () => {
  it('are current (run `npm run build && node infra/scripts/gen-config-docs.js` when this fails)', async () => {
    const mods = new Map<string, unknown>();
    for (const s of gen.SECTIONS) {
      const p = path.join(root, s.src);
      mods.set(p, await import(p));
    }
    const text = fs.readFileSync(gen.DOC, 'utf8');
    const rendered = gen.renderSections((p) => mods.get(p), 'src');
    expect(Object.keys(rendered).sort()).toEqual(['collector-config', 'detector-config', 'stack-config']);
    expect(gen.updateDoc(text, rendered)).toBe(text);
  });

  it('renders defaults, types and descriptions, and notices a changed default', () => {
    const schema = z
      .object({
        PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port'),
        MODE: z.enum(['a', 'b']).default('a').describe('mode | with a pipe'),
        URL: z.url().optional().describe('where <host> is'),
      })
      .strict();
    const table = gen.renderEnvTable(schema);
    expect(table.split('\n')).toEqual([
      '| Variable | Default | Type | Description |',
      '| --- | --- | --- | --- |',
      '| `PORT` | `8080` | integer 0..65535 | HTTP port |',
      '| `MODE` | `a` | one of: `a`, `b` | mode \\| with a pipe |',
      '| `URL` | (unset) | URL | where &lt;host&gt; is |',
    ]);
    const doc = '# x\n<!-- BEGIN GENERATED: s -->\nold\n<!-- END GENERATED: s -->\n';
    const once = gen.updateDoc(doc, { s: table });
    expect(gen.updateDoc(once, { s: table })).toBe(once);
    const changed = gen.renderEnvTable(schema.extend({ PORT: z.coerce.number().int().default(9090).describe('HTTP port') }));
    expect(gen.updateDoc(once, { s: changed })).not.toBe(once);
  });

  it('refuses a setting without a description and a doc without markers', () => {
    expect(() => gen.renderEnvTable(z.object({ X: z.string() }))).toThrow(/X has no description/);
    expect(() => gen.updateDoc('no markers', { s: '' })).toThrow(/lacks the markers/);
  });
});
