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

  /**
   * The vocabulary of every key in `sessions`, most frequent first (ties: first appearance,
   * sessions in order). The order depends only on how the keys occur, never on their names,
   * so the same sessions give the same model whether their keys are DeepLog's integers or
   * Drain's template ids of the rendered lines (one pipeline, one model).
   */
  static fromSessions(sessions: readonly (readonly LogKey[])[]): Vocabulary {
    const count = new Map<string, number>();
    for (const s of sessions) {
      for (const k of s) {
        const key = String(k);
        count.set(key, (count.get(key) ?? 0) + 1);
      }
    }
    count.delete(PAD_TOKEN);
    count.delete(END_TOKEN);
    const firstSeen = [...count.keys()];
    const order = new Map(firstSeen.map((k, i) => [k, i]));
    const keys = firstSeen.sort((a, b) => count.get(b)! - count.get(a)! || order.get(a)! - order.get(b)!);
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
