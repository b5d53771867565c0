#!/usr/bin/env node
// Renders the settings tables of docs/operations.md from the zod config schemas of the
// detector, the collector and `npm start`/`npm run demo`, between markers
//   <!-- BEGIN GENERATED: <section> --> … <!-- END GENERATED: <section> -->
// so the docs cannot drift from the code. Usage (after `npm run build`):
//   node infra/scripts/gen-config-docs.js           rewrites docs/operations.md
//   node infra/scripts/gen-config-docs.js --check   exits 1 when it is stale
// The unit test infra/scripts/gen-config-docs.spec.ts runs the same check from the sources.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** Documented components: section marker, module (without extension, relative to root, src and dist forms). */
const SECTIONS = [
  { section: 'detector-config', title: 'detector', src: 'apps/detector/src/config', dist: 'apps/detector/dist/config' },
  { section: 'collector-config', title: 'collector', src: 'apps/collector/src/config', dist: 'apps/collector/dist/config' },
  { section: 'stack-config', title: '`npm start` / `npm run demo`', src: 'apps/cli/src/stack/stack-config', dist: 'apps/cli/dist/stack/stack-config' },
];

/** True for a zod object schema. */
function isZodObject(v) {
  return v !== null && typeof v === 'object' && v.def && v.def.type === 'object' && typeof v.shape === 'object';
}

/** The environment schema a module exports: the first zod object export, preferring names like `envSchema`. */
function findSchema(mod, where) {
  const entries = Object.entries(mod).filter(([, v]) => isZodObject(v));
  entries.sort(([a], [b]) => Number(!/env/i.test(a)) - Number(!/env/i.test(b)));
  if (entries.length === 0) throw new Error(`${where} exports no zod object schema (export the env schema, e.g. \`export const envSchema\`)`);
  return entries[0][1];
}

/** Peels optional/default/nullable wrappers: returns the inner type, its default and whether it is optional. */
function unwrap(field) {
  let t = field;
  let hasDefault = false;
  let defaultValue;
  let optional = false;
  let description = field.description;
  while (t.def && t.def.innerType) {
    if (t.def.type === 'default' || t.def.type === 'prefault') {
      hasDefault = true;
      defaultValue = typeof t.def.defaultValue === 'function' ? t.def.defaultValue() : t.def.defaultValue;
    }
    if (t.def.type === 'optional') optional = true;
    t = t.def.innerType;
    description = description || t.description;
  }
  return { inner: t, hasDefault, defaultValue, optional, description };
}

/** Human-readable type of a zod type: `integer 0..65535`, `one of: a, b`, `URL`, … */
function describeType(t) {
  const d = t.def;
  switch (d.type) {
    case 'number': {
      const int = t.isInt || t.format === 'safeint' || t.format === 'int32';
      const lo = Number.isFinite(t.minValue) && t.minValue > Number.MIN_SAFE_INTEGER ? t.minValue : undefined;
      const hi = Number.isFinite(t.maxValue) && t.maxValue < Number.MAX_SAFE_INTEGER ? t.maxValue : undefined;
      const range = lo !== undefined && hi !== undefined ? ` ${fmt(lo)}..${fmt(hi)}` : lo !== undefined ? ` ≥ ${fmt(lo)}` : hi !== undefined ? ` ≤ ${fmt(hi)}` : '';
      return `${int ? 'integer' : 'number'}${range}`;
    }
    case 'string':
      if (t.format === 'url') return 'URL';
      if (t.format) return `string (${t.format})`;
      return t.minLength > 0 ? 'non-empty string' : 'string';
    case 'boolean':
      return 'boolean (`true`/`false`)';
    case 'enum':
      return `one of: ${Object.values(d.entries).map((v) => `\`${v}\``).join(', ')}`;
    case 'literal':
      return `\`${d.values.join('`, `')}\``;
    case 'pipe':
      return describeType(d.out.def.type === 'transform' ? d.in : d.out);
    default:
      return d.type;
  }
}

function fmt(n) {
  return String(n);
}

/** Escapes a table cell: pipes everywhere, `<`/`>` outside code spans (they would be read as HTML). */
function cell(s) {
  return String(s)
    .replace(/\n/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}

function renderDefault(u) {
  if (u.hasDefault) {
    if (u.defaultValue === '') return '(empty)';
    return `\`${typeof u.defaultValue === 'string' ? u.defaultValue : JSON.stringify(u.defaultValue)}\``;
  }
  return u.optional ? '(unset)' : '**required**';
}

/** Markdown table of every variable of an environment schema, in schema order. */
function renderEnvTable(schema) {
  const rows = ['| Variable | Default | Type | Description |', '| --- | --- | --- | --- |'];
  for (const [name, field] of Object.entries(schema.shape)) {
    const u = unwrap(field);
    if (!u.description) throw new Error(`setting ${name} has no description (add .describe(...) to the schema)`);
    rows.push(`| \`${name}\` | ${cell(renderDefault(u))} | ${cell(describeType(u.inner))} | ${cell(u.description)} |`);
  }
  return rows.join('\n');
}

/** Replaces the body between the markers of each section; throws when a marker pair is missing. */
function updateDoc(text, rendered) {
  let out = text;
  for (const [section, body] of Object.entries(rendered)) {
    const begin = `<!-- BEGIN GENERATED: ${section} -->`;
    const end = `<!-- END GENERATED: ${section} -->`;
    const i = out.indexOf(begin);
    const j = out.indexOf(end);
    if (i < 0 || j < i) throw new Error(`docs/operations.md lacks the markers ${begin} … ${end}`);
    out = `${out.slice(0, i + begin.length)}\n<!-- generated by infra/scripts/gen-config-docs.js from the zod schema; do not edit by hand -->\n${body}\n${out.slice(j)}`;
  }
  return out;
}

/** Renders every section from the given loader (module path → module exports). */
function renderSections(load, kind = 'dist') {
  const rendered = {};
  for (const s of SECTIONS) {
    const rel = s[kind];
    rendered[s.section] = renderEnvTable(findSchema(load(path.join(root, rel)), rel));
  }
  return rendered;
}

/** Path of the generated document. */
const DOC = path.join(root, 'docs', 'operations.md');

function main(argv) {
  const check = argv.includes('--check');
  const text = fs.readFileSync(DOC, 'utf8');
  const next = updateDoc(text, renderSections((p) => require(p), 'dist'));
  if (check) {
    if (next !== text) {
      process.stderr.write('docs/operations.md is stale: run `npm run build && node infra/scripts/gen-config-docs.js`\n');
      process.exit(1);
    }
    return;
  }
  if (next !== text) {
    const tmp = `${DOC}.tmp-${process.pid}`;
    const fd = fs.openSync(tmp, 'w');
    fs.writeSync(fd, next);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, DOC);
    process.stdout.write('docs/operations.md updated\n');
  } else {
    process.stdout.write('docs/operations.md is up to date\n');
  }
}

module.exports = { SECTIONS, DOC, findSchema, renderEnvTable, renderSections, updateDoc, unwrap, describeType };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`gen-config-docs: ${err.message}\n`);
    process.exit(2);
  }
}
