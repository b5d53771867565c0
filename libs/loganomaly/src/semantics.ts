import { Matrix, SVD } from 'ml-matrix';
import { LogAnomalyError } from './errors';

/** A template with the key it stands for. */
export interface KeyTemplate {
  /** Log key (template id). */
  key: string;
  /** Template text, `<*>` for parameters. */
  text: string;
}

/** Options of {@link TemplateSemantics.fit}. */
export interface SemanticsOptions {
  /** Dimensions of the word-vector space (default 16; at most the rank of the TF-IDF matrix). */
  dims?: number;
}

/** Defaults of {@link SemanticsOptions}. */
export const SEMANTICS_DEFAULTS = { dims: 16 } as const;

/** Where an unseen template goes: the nearest known key when similar enough, else nothing. */
export interface TemplateMatch {
  /** The known key it is mapped to (null = too far: flagged). */
  key: string | null;
  /** The nearest known key, whatever the similarity. */
  nearest: string;
  /** Similarity to the nearest known key, 0..1. */
  similarity: number;
}

/** `loganomaly.json`'s semantics part. */
export interface SemanticsJson {
  dims: number;
  words: string[];
  idf: number[];
  /** words × dims, row-major. */
  wordVectors: number[];
  keys: string[];
  /** keys × dims, row-major. */
  keyVectors: number[];
  /** Lowest similarity at which an unseen template is mapped to its nearest known one. */
  threshold: number;
  /** How the threshold was chosen (Youden's J on the training templates). */
  calibration: { variants: number; others: number; variantsAccepted: number; othersAccepted: number };
}

/**
 * The words of a template: `<*>` and punctuation split, camelCase split, lower case; numbers
 * and one-letter tokens dropped.
 */
export function templateWords(text: string): string[] {
  return text
    .replace(/<\*>/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
}

function termCounts(words: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/**
 * "template2vec" without pretrained embeddings: a word-vector space learnt from the
 * training templates by latent semantic analysis (SVD of the word × template TF-IDF
 * matrix, word vector = its row of U·S), a template vector = the TF-IDF weighted mean of its
 * words' vectors. An unseen template is compared with every known one by cosine similarity,
 * its unknown words counting as directions of their own (a template of unknown words is far
 * from everything), and mapped to the nearest when that reaches `threshold`.
 */
export class TemplateSemantics {
  private readonly wordIndex: Map<string, number>;
  private readonly maxIdf: number;
  private readonly meanWordNorm: number;

  constructor(readonly json: SemanticsJson) {
    this.wordIndex = new Map(json.words.map((w, i) => [w, i]));
    this.maxIdf = Math.max(1, ...json.idf);
    let norms = 0;
    for (let w = 0; w < json.words.length; w++) {
      let n2 = 0;
      for (let d = 0; d < json.dims; d++) n2 += json.wordVectors[w * json.dims + d]! ** 2;
      norms += Math.sqrt(n2);
    }
    this.meanWordNorm = json.words.length > 0 ? norms / json.words.length : 1;
  }

  /** Vector dimensions. */
  get dims(): number {
    return this.json.dims;
  }

  /** Known keys, in vector order. */
  get keys(): readonly string[] {
    return this.json.keys;
  }

  /** The vector of known key `i` (dims numbers). */
  keyVector(i: number): Float64Array {
    return Float64Array.from(this.json.keyVectors.slice(i * this.dims, (i + 1) * this.dims));
  }

  /**
   * Vector of any template text: the TF-IDF weighted mean of its known words' vectors, and
   * the squared length its unknown words add in directions of their own (each unknown word
   * counts as a vector of the mean word-vector length, orthogonal to everything, largest IDF).
   */
  vectorOf(text: string): { vector: Float64Array; unknownNorm2: number } {
    const v = new Float64Array(this.dims);
    let unknown = 0, total = 0;
    for (const [w, tf] of termCounts(templateWords(text))) {
      const i = this.wordIndex.get(w);
      const weight = tf * (i === undefined ? this.maxIdf : this.json.idf[i]!);
      total += weight;
      if (i === undefined) {
        unknown += (weight * this.meanWordNorm) ** 2;
        continue;
      }
      for (let d = 0; d < this.dims; d++) v[d] += weight * this.json.wordVectors[i * this.dims + d]!;
    }
    if (total > 0) for (let d = 0; d < this.dims; d++) v[d] /= total;
    return { vector: v, unknownNorm2: total > 0 ? unknown / (total * total) : 0 };
  }

  /** Similarity of `text` to every known key: the cosine, unknown words included (they lower it). */
  similarities(text: string): Float64Array {
    const { vector, unknownNorm2 } = this.vectorOf(text);
    let n2 = unknownNorm2;
    for (const x of vector) n2 += x * x;
    return Float64Array.from(this.json.keys, (_, i) => {
      const u = this.keyVector(i);
      let dot = 0, u2 = 0;
      for (let d = 0; d < this.dims; d++) {
        dot += vector[d]! * u[d]!;
        u2 += u[d]! * u[d]!;
      }
      return n2 === 0 || u2 === 0 ? 0 : Math.max(0, dot / Math.sqrt(n2 * u2));
    });
  }

  /** Maps an unseen template to its nearest known key when the similarity reaches the threshold (`threshold` overrides it). */
  match(text: string, threshold = this.json.threshold): TemplateMatch {
    const s = this.similarities(text);
    let best = 0;
    for (let i = 1; i < s.length; i++) if (s[i]! > s[best]!) best = i;
    const similarity = s[best] ?? 0;
    return { key: similarity >= threshold && s.length > 0 ? this.json.keys[best]! : null, nearest: this.json.keys[best] ?? '', similarity };
  }

  /**
   * Learns the space from the training templates and chooses the mapping threshold on them:
   * "variants" (a template with one word replaced by an unknown one) should map to their
   * template, "others" (a template against its nearest other template) should not; the
   * threshold maximises accepted variants − accepted others (Youden's J), the higher on ties.
   */
  static fit(templates: readonly KeyTemplate[], options: SemanticsOptions = {}): TemplateSemantics {
    const dimsWanted = options.dims ?? SEMANTICS_DEFAULTS.dims;
    if (!Number.isInteger(dimsWanted) || dimsWanted < 1) throw new LogAnomalyError('INVALID_OPTIONS', 'dims must be a positive integer');
    if (templates.length === 0) throw new LogAnomalyError('NO_TRAINING_DATA', 'no templates to learn semantics from');
    const keys = templates.map((t) => t.key);
    if (new Set(keys).size !== keys.length) throw new LogAnomalyError('INVALID_TEMPLATES', 'a key has two templates');
    const counts = templates.map((t) => termCounts(templateWords(t.text)));
    const words = [...new Set(counts.flatMap((c) => [...c.keys()]))].sort();
    if (words.length === 0) throw new LogAnomalyError('INVALID_TEMPLATES', 'the templates hold no words');
    const wi = new Map(words.map((w, i) => [w, i]));
    const N = templates.length;
    const df = new Float64Array(words.length);
    for (const c of counts) for (const w of c.keys()) df[wi.get(w)!]++;
    const idf = Array.from(df, (n) => Math.log((1 + N) / (1 + n)) + 1);
    const m = Matrix.zeros(words.length, N);
    counts.forEach((c, t) => c.forEach((tf, w) => m.set(wi.get(w)!, t, tf * idf[wi.get(w)!]!)));
    const svd = new SVD(m, { autoTranspose: true });
    const sv = svd.diagonal;
    const rank = sv.filter((s) => s > 1e-9 * (sv[0] ?? 1)).length;
    const dims = Math.max(1, Math.min(dimsWanted, rank));
    const U = svd.leftSingularVectors;
    const wordVectors: number[] = [];
    for (let w = 0; w < words.length; w++) for (let d = 0; d < dims; d++) wordVectors.push(U.get(w, d) * sv[d]!);
    const base: SemanticsJson = { dims, words, idf, wordVectors, keys, keyVectors: [], threshold: 1, calibration: { variants: 0, others: 0, variantsAccepted: 0, othersAccepted: 0 } };
    const space = new TemplateSemantics(base);
    for (const t of templates) base.keyVectors.push(...space.vectorOf(t.text).vector);
    return new TemplateSemantics({ ...base, ...calibrate(space, templates) });
  }

  /** `loganomaly.json`'s semantics part. */
  toJSON(): SemanticsJson {
    return this.json;
  }
}

/** A word no template has (the stand-in for a changed word). */
const UNKNOWN_WORD = 'zzunseenwordzz';

function calibrate(space: TemplateSemantics, templates: readonly KeyTemplate[]): Pick<SemanticsJson, 'threshold' | 'calibration'> {
  const variants: number[] = [];
  const others: number[] = [];
  templates.forEach((t, i) => {
    const own = space.similarities(t.text);
    let nearestOther = 0;
    own.forEach((s, j) => {
      if (j !== i) nearestOther = Math.max(nearestOther, s);
    });
    if (templates.length > 1) others.push(nearestOther);
    const words = templateWords(t.text);
    if (words.length < 2) return;
    for (let k = 0; k < words.length; k++) {
      const text = [...words.slice(0, k), UNKNOWN_WORD, ...words.slice(k + 1)].join(' ');
      const s = space.similarities(text);
      // a variant that lands nearer another template than its own counts as never accepted
      const wins = s.every((x, j) => j === i || x < s[i]!);
      variants.push(wins ? s[i]! : -1);
    }
  });
  const candidates = [...new Set([...variants, ...others].filter((x) => x > 0))].sort((a, b) => b - a);
  let threshold = 1, bestJ = -Infinity;
  for (const c of candidates) {
    const j = frac(variants, c) - frac(others, c);
    if (j > bestJ + 1e-12) {
      bestJ = j;
      threshold = c;
    }
  }
  return {
    threshold,
    calibration: { variants: variants.length, others: others.length, variantsAccepted: count(variants, threshold), othersAccepted: count(others, threshold) },
  };
}

function count(xs: readonly number[], t: number): number {
  return xs.filter((x) => x >= t).length;
}

function frac(xs: readonly number[], t: number): number {
  return xs.length === 0 ? 0 : count(xs, t) / xs.length;
}
