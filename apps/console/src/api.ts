/** The console's calls to the collector's JSON API (`/api/...`, same origin, same credentials). */

import { CodedError } from '@log-sentinel/coded-error';

/** An API answer that was not 2xx, with the collector's `{error, message}`. */
export class ApiError extends CodedError<string> {
  /** Constructs it; `code` is the collector's stable code. */
  constructor(
    /** HTTP status. */
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

async function reply<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: 'NOT_JSON', message: text.slice(0, 200) };
  }
  if (!res.ok) {
    const b = body as { error?: string; message?: string };
    throw new ApiError(res.status, b.error ?? 'HTTP_' + res.status, b.message ?? res.statusText);
  }
  return body as T;
}

/** GET `path` (with its query) as JSON. */
export async function getJson<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return reply<T>(await fetch(qs ? `${path}?${qs}` : path, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
}

/** POST a JSON body. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return reply<T>(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' }));
}
