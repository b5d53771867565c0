/** Deepest nesting flattened into dotted keys; anything deeper is kept as JSON text. */
export const MAX_FLATTEN_DEPTH = 16;

/** Deepest nesting of objects and arrays accepted in one item; deeper items are refused (no recursion blows the stack). */
export const MAX_JSON_DEPTH = 64;

/**
 * Nesting depth of a parsed JSON value, counted without recursion and given up past `limit`
 * (returns `limit + 1` then): a scalar is 0, `{}` and `[]` are 1.
 */
export function jsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > max) max = d + 1;
    if (max > limit) return limit + 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return max;
}

/** Longest field name (dotted path, in UTF-16 units) accepted in one item: Elasticsearch refuses a label whose name and value pass 32 KiB. */
export const MAX_FIELD_NAME_LENGTH = 1024;

/** Most fields (flattened leaves) accepted in one item. */
export const MAX_FIELDS_PER_RECORD = 1000;

/**
 * Why a parsed JSON object cannot be stored, or undefined: more than {@link MAX_FIELDS_PER_RECORD}
 * fields, or a key longer than {@link MAX_FIELD_NAME_LENGTH}. Walks without recursion and
 * stops at the first problem, so a huge object costs no more than its own parse did.
 */
export function fieldShapeProblem(value: Record<string, unknown>): { field: string; reason: string } | undefined {
  let fields = 0;
  const stack: Record<string, unknown>[] = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      if (key.length > MAX_FIELD_NAME_LENGTH) {
        return { field: `${key.slice(0, 64)}…`, reason: `field name is ${key.length} characters; at most ${MAX_FIELD_NAME_LENGTH} are accepted` };
      }
      const child = v[key];
      if (isPlainObject(child)) stack.push(child);
      else if (++fields > MAX_FIELDS_PER_RECORD) return { field: '(item)', reason: `has more than ${MAX_FIELDS_PER_RECORD} fields` };
    }
  }
  return undefined;
}

/**
 * A label name Elasticsearch accepts: NUL (reserved in `flattened` fields) becomes U+FFFD.
 * The item's original text keeps the name as sent.
 */
export function storableFieldName(name: string): string {
  return name.includes('\u0000') ? name.replace(/\u0000/g, '\ufffd') : name;
}

/** A JSON leaf value (arrays are leaves: they become JSON text in labels). */
export type FlatValue = string | number | boolean | null | unknown[];

/**
 * Flattens a parsed JSON object into dotted keys: `{log: {level: "x"}}` and
 * `{"log.level": "x"}` both give `log.level`, so nested and dotted ECS inputs read alike.
 * Arrays are leaves. When both forms name one key, the later one in the input wins.
 */
export function flattenObject(input: Record<string, unknown>): Map<string, FlatValue> {
  const out = new Map<string, FlatValue>();
  walk(input, '', 0, out);
  return out;
}

function walk(value: Record<string, unknown>, prefix: string, depth: number, out: Map<string, FlatValue>): void {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child)) {
      if (depth + 1 >= MAX_FLATTEN_DEPTH) out.set(path, JSON.stringify(child));
      else walk(child, path, depth + 1, out);
    } else {
      out.set(path, child as FlatValue);
    }
  }
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A label value: strings as they are, other scalars and arrays as JSON text. */
export function labelValue(value: FlatValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
