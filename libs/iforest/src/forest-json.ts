import { modelRefusal, storedJson, type ModelRefusal } from './stored-model';
import { checkThresholdRule, type ThresholdRule } from './threshold';
import type { CompactTree } from './tree-builder';

/** `format` tag of a serialized forest. */
export const FOREST_FORMAT = 'log-sentinel.iforest';
/** Current `formatVersion` of a serialized forest. */
export const FOREST_FORMAT_VERSION = 1;

/** Everything that defines a fitted forest. */
export interface ForestState {
  /** Features per row. */
  nFeatures: number;
  /** ψ actually used. */
  samplesPerTree: number;
  /** Depth limit. */
  maxDepth: number;
  /** Seed used. */
  seed: number;
  /** Rule that produced the threshold. */
  thresholdRule: ThresholdRule;
  /** score ≥ threshold ⇒ outlier. */
  threshold: number;
  /** Trees in pre-order. */
  trees: readonly CompactTree[];
}

/** Plain-JSON form of a forest: numbers as JSON numbers (doubles round-trip exactly). */
export function forestToJSON(s: ForestState): unknown {
  return {
    format: FOREST_FORMAT,
    formatVersion: FOREST_FORMAT_VERSION,
    nFeatures: s.nFeatures,
    samplesPerTree: s.samplesPerTree,
    maxDepth: s.maxDepth,
    seed: s.seed,
    thresholdRule: s.thresholdRule,
    threshold: s.threshold,
    trees: s.trees.map((t) => ({ feature: Array.from(t.feature), value: Array.from(t.value) })),
  };
}

/** Parses and validates {@link forestToJSON} output; throws INVALID_MODEL naming the problem. */
export function forestFromJSON(json: unknown): ForestState {
  const o = asObject(storedJson(json, bad), 'forest');
  if (o.format !== FOREST_FORMAT) bad(`format is ${JSON.stringify(o.format)}, expected "${FOREST_FORMAT}"`);
  if (o.formatVersion !== FOREST_FORMAT_VERSION) {
    bad(`formatVersion ${JSON.stringify(o.formatVersion)} is not supported (this build reads ${FOREST_FORMAT_VERSION})`);
  }
  const nFeatures = int(o.nFeatures, 'nFeatures', 1);
  const samplesPerTree = int(o.samplesPerTree, 'samplesPerTree', 1);
  const maxDepth = int(o.maxDepth, 'maxDepth', 0);
  if (maxDepth !== Math.ceil(Math.log2(Math.max(samplesPerTree, 2)))) bad(`maxDepth ${maxDepth} does not match samplesPerTree`);
  const seed = num(o.seed, 'seed');
  const threshold = num(o.threshold, 'threshold');
  const thresholdRule = asObject(o.thresholdRule, 'thresholdRule') as unknown as ThresholdRule;
  try {
    checkThresholdRule(thresholdRule);
  } catch (err) {
    bad(`thresholdRule: ${(err as Error).message}`, err);
  }
  if (!Array.isArray(o.trees) || o.trees.length === 0) bad('trees must be a non-empty array');
  const trees = (o.trees as unknown[]).map((t, i): CompactTree => {
    const to = asObject(t, `trees[${i}]`);
    if (!Array.isArray(to.feature) || !Array.isArray(to.value) || to.feature.length !== to.value.length) {
      bad(`trees[${i}] needs feature and value arrays of equal length`);
    }
    const feature = Int32Array.from(to.feature as unknown[], (f) => {
      if (!Number.isInteger(f) || (f as number) < -1 || (f as number) >= nFeatures) bad(`trees[${i}] has bad feature ${String(f)}`);
      return f as number;
    });
    const value = Float64Array.from(to.value as unknown[], (v) => num(v, `trees[${i}].value`));
    return { feature, value };
  });
  return { nFeatures, samplesPerTree, maxDepth, seed, thresholdRule, threshold, trees };
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(`${what} must be an object`);
  return v as Record<string, unknown>;
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${what} must be a finite number`);
  return v as number;
}

function int(v: unknown, what: string, min: number): number {
  if (!Number.isInteger(v) || (v as number) < min) bad(`${what} must be an integer ≥ ${min}`);
  return v as number;
}

const bad: ModelRefusal = modelRefusal('Isolation Forest model');
