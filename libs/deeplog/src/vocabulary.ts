import { DeepLogError } from './errors';

/** A log key: an integer key (`--format keys`) or a template id. Compared as strings. */
export type LogKey = string | number;

/** Index of the start-padding symbol: fills the window before a session's first key. */
export const PAD_INDEX = 0;
/** Index of the end-of-session symbol: the model learns to predict it after the last key. */
export const END_INDEX = 1;
/** Vocabulary entry of the padding symbol. */
export const PAD_TOKEN = '<pad>';
/** Vocabulary entry of the end-of-session symbol. */
export const END_TOKEN = '<end>';

/** Maps log keys to model indices: 0 = padding, 1 = end of session, 2… = keys seen in training. */
export class Vocabulary {
  private readonly index = new Map<string, number>();

  /** Builds a vocabulary from its entries (first two must be the padding and end tokens). */
  constructor(readonly tokens: readonly string[]) {
    if (tokens[PAD_INDEX] !== PAD_TOKEN || tokens[END_INDEX] !== END_TOKEN) {
      throw new DeepLogError('INVALID_MODEL', `vocabulary must start with "${PAD_TOKEN}", "${END_TOKEN}"`);
    }
    tokens.forEach((t, i) => {
      if (this.index.has(t)) throw new DeepLogError('INVALID_MODEL', `vocabulary lists "${t}" twice`);
      this.index.set(t, i);
    });
  }

  /** The vocabulary of every key in `sessions`, keys sorted (numerically when all are integers). */
  static fromSessions(sessions: readonly (readonly LogKey[])[]): Vocabulary {
    const seen = new Set<string>();
    for (const s of sessions) for (const k of s) seen.add(String(k));
    seen.delete(PAD_TOKEN);
    seen.delete(END_TOKEN);
    const keys = [...seen];
    const numeric = keys.every((k) => /^-?\d+$/.test(k));
    keys.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
    return new Vocabulary([PAD_TOKEN, END_TOKEN, ...keys]);
  }

  /** Number of entries, padding and end included (= the model's input and output width). */
  get size(): number {
    return this.tokens.length;
  }

  /** Index of a key, or -1 when training never saw it. */
  indexOf(key: LogKey): number {
    const s = String(key);
    if (s === PAD_TOKEN || s === END_TOKEN) return -1;
    return this.index.get(s) ?? -1;
  }

  /** The key (or token) at `index`. */
  keyAt(index: number): string {
    const t = this.tokens[index];
    if (t === undefined) throw new RangeError(`vocabulary index ${index} out of range`);
    return t;
  }
}
