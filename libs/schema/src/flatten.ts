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
