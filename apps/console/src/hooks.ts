/** Data loading for the views: fetch, keep the last good answer, refresh on an interval. */
import { useEffect, useRef, useState } from 'preact/hooks';

/** The state of a polled call. */
export interface Loaded<T> {
  /** The last good answer. */
  data: T | undefined;
  /** The last failure, cleared by a success. */
  error: Error | undefined;
  /** Loads again now. */
  reload(): void;
}

/** Calls `load` now, whenever `deps` change, and every `everyMs` (0 = once). */
export function usePolled<T>(load: () => Promise<T>, deps: unknown[], everyMs = 0): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    let stopped = false;
    const run = (): void => {
      const mine = ++seq.current;
      load().then(
        (d) => {
          if (!stopped && mine === seq.current) {
            setData(d);
            setError(undefined);
          }
        },
        (e: unknown) => {
          if (!stopped && mine === seq.current) setError(e instanceof Error ? e : new Error(String(e)));
        },
      );
    };
    run();
    const timer = everyMs > 0 ? setInterval(run, everyMs) : undefined;
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
    };
  }, [...deps, tick]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

/** Templates the operator marked normal here, with when (kept in this browser). */
export function feedbackMarks(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem('log-sentinel.normal') ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** Remembers that `templateId` was marked normal now. */
export function rememberMark(templateId: string, at: string): void {
  const marks = feedbackMarks();
  marks[templateId] = at;
  try {
    localStorage.setItem('log-sentinel.normal', JSON.stringify(marks));
  } catch {
    // private mode: the mark lasts for this page only
  }
}
