/**
 * The Drain configuration file of `parse` and `train` (`--drain-config FILE`): JSON with the
 * library's option names, or Drain3's own `.ini` (sections [DRAIN] and [MASKING]; Python regex
 * syntax `(?P<name>…)`/`(?P=name)` is rewritten to JavaScript's). Validated with zod, strict:
 * an unknown key is an error naming it.
 */
import * as fs from 'node:fs';
import { DRAIN3_DEFAULTS, GENERIC_RULES, type DrainOptions } from '@log-sentinel/drain';
import { CliError } from '../../cli-error';

/** zod, loaded on first use (it costs `parse` start-up time when no config file is given). */
type Zod = typeof import('zod');

/** The JSON configuration file's schema: every field optional, defaults from the library. */
export function drainConfigSchema({ z }: Zod) {
  const mask = z.strictObject({
  pattern: z.string().min(1).describe('regular expression (JavaScript syntax)'),
  flags: z.string().optional().describe('regex flags other than g'),
  maskWith: z.string().optional().describe('mask name: matches become <maskWith>; absent or * = <*>'),
});

  return z.strictObject({
  depth: z.number().int().min(3).optional().describe('prefix tree depth (Drain3 depth)'),
  simThreshold: z.number().gt(0).max(1).optional().describe('similarity to join a cluster (Drain3 sim_th)'),
  maxChildren: z.number().int().min(2).optional().describe('children per tree node (Drain3 max_children)'),
  maxClusters: z.number().int().min(1).optional().describe('clusters kept, LRU beyond (Drain3 max_clusters)'),
  maxTokens: z.number().int().min(2).optional().describe('tokens per message; the rest is one parameter'),
  collapseParams: z.boolean().optional().describe('merge adjacent whole-token parameters'),
  extraMasks: z.array(mask).optional().describe('user masks, before the generic ones (Drain3 masking)'),
  genericMasks: z.boolean().optional().describe('apply the generic masks; false = only extraMasks'),
  disabledRules: z.array(z.enum(GENERIC_RULES)).optional().describe('generic rules switched off'),
  enabledRules: z.array(z.enum(GENERIC_RULES)).optional().describe('opt-in generic rules switched on (singleQuoted, keyValues)'),
  parametrizeNumericTokens: z.boolean().optional().describe('digit tokens share the <*> tree branch (Drain3 parametrize_numeric_tokens)'),
  extraDelimiters: z.array(z.string().min(1)).optional().describe('strings replaced by a space before tokenising (Drain3 extra_delimiters)'),
  splitOnValueChange: z.boolean().optional().describe('a key=value constant held by 5+ messages that changes value counts against the match'),
  });
}

function fail(file: string, message: string, cause?: unknown): never {
  throw new CliError(`--drain-config '${file}': ${message}`, undefined, cause === undefined ? undefined : { cause });
}

/** Python regex syntax that JavaScript spells differently. */
function jsRegex(python: string): string {
  return python.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

/** Sections of an ini file: name → key → value (multi-line values joined, as configparser does). */
function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    if (/^\s/.test(raw) && section !== undefined && key !== undefined) {
      section.set(key, `${section.get(key)!}\n${raw.trim()}`);
      continue;
    }
    const head = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (head) {
      section = sections.get(head[1]!) ?? new Map<string, string>();
      sections.set(head[1]!, section);
      key = undefined;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv || section === undefined) throw new Error(`cannot read line ${JSON.stringify(raw)}`);
    key = kv[1]!.toLowerCase();
    section.set(key, kv[2]!);
  }
  return sections;
}

/** A Python list of string literals, e.g. `["_", ':']`. */
function pythonStringList(v: string): string[] {
  const t = v.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) throw new Error(`expected a list like ["_"], got ${t}`);
  const out: string[] = [];
  const re = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) out.push(JSON.parse(`"${(m[1] ?? m[2]!).replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"')}"`) as string);
  return out;
}

function number(v: string, key: string, int: boolean): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n) || (int && !Number.isInteger(n))) throw new Error(`[DRAIN] ${key} must be ${int ? 'an integer' : 'a number'}, got ${v.trim()}`);
  return n;
}

function bool(v: string, key: string): boolean {
  const t = v.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(t)) return true;
  if (['false', 'no', 'off', '0'].includes(t)) return false;
  throw new Error(`[DRAIN] ${key} must be a boolean, got ${v.trim()}`);
}

/** Drain3 `.ini` → options: Drain3's defaults (no generic masks), then the file's [DRAIN] and [MASKING]. */
export function drain3IniOptions(text: string, { z }: Zod): Partial<DrainOptions> {
  const ini = parseIni(text);
  const o: Partial<DrainOptions> = { ...DRAIN3_DEFAULTS };
  for (const [key, v] of ini.get('DRAIN') ?? []) {
    if (key === 'sim_th') o.simThreshold = number(v, key, false);
    else if (key === 'depth') o.depth = number(v, key, true);
    else if (key === 'max_children') o.maxChildren = number(v, key, true);
    else if (key === 'max_clusters') o.maxClusters = number(v, key, true);
    else if (key === 'extra_delimiters') o.extraDelimiters = pythonStringList(v);
    else if (key === 'parametrize_numeric_tokens') o.parametrizeNumericTokens = bool(v, key);
    else if (key === 'engine') {
      if (v.trim() !== 'Drain') throw new Error(`[DRAIN] engine ${v.trim()} is not supported (only Drain)`);
    } else throw new Error(`[DRAIN] ${key} is not a Drain3 setting this build knows`);
  }
  for (const [key, v] of ini.get('MASKING') ?? []) {
    if (key === 'masking') {
      const list = z.array(z.strictObject({ regex_pattern: z.string().min(1), mask_with: z.string().min(1) })).parse(JSON.parse(v));
      o.extraMasks = list.map((m) => ({ pattern: jsRegex(m.regex_pattern), maskWith: m.mask_with }));
    } else if (key === 'mask_prefix' || key === 'mask_suffix') {
      if (v.trim() !== (key === 'mask_prefix' ? '<' : '>')) throw new Error(`[MASKING] ${key} other than ${key === 'mask_prefix' ? '<' : '>'} is not supported`);
    } else throw new Error(`[MASKING] ${key} is not a Drain3 setting this build knows`);
  }
  return o;
}

/** Reads a configuration file (`.ini`: Drain3's format; anything else: JSON); errors name the file and the problem. */
export async function readDrainConfig(file: string): Promise<Partial<DrainOptions>> {
  const zod = await import('zod');
  const { z } = zod;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message, err);
  }
  if (file.endsWith('.ini')) {
    try {
      return drain3IniOptions(text, zod);
    } catch (err) {
      fail(file, err instanceof z.ZodError ? `[MASKING] masking: ${z.prettifyError(err).replace(/\n/g, '; ')}` : (err as Error).message, err);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(file, `not valid JSON: ${(err as Error).message}`, err);
  }
  const parsed = drainConfigSchema(zod).safeParse(data);
  if (!parsed.success) fail(file, z.prettifyError(parsed.error).replace(/\n/g, '; '));
  return parsed.data as Partial<DrainOptions>;
}
