/**
 * Workflows (DeepLog §4): which log key follows which in normal sessions, as a graph of
 * transitions counted on the training sessions (from a start node, to an end node). Used as
 * a check beside the LSTM: a transition never seen in training is an anomaly when the key
 * before it has a *closed* set of successors — it was seen often and its successors were
 * always the same few — because then the LSTM's probabilities for the unseen ones are only
 * smoothing (a job that finishes right after it started gets 1–2 % and ranks inside the top
 * g among 25 keys). Closedness is a Good–Turing estimate of the chance that the key's next
 * successor is one never seen after it: (successors seen exactly once + 1) / (occurrences + 1).
 * A transition is flagged when that chance is below `closedBelow` (0 = never).
 *
 * The threshold is calibrated per model on its training sessions, like DeepLog's top-g: a
 * leave-one-out estimate of the workflow's false alarms — a training session whose rarest
 * transition occurs nowhere else would, left out, be flagged when that transition's first key
 * has a novelty chance below the threshold — must stay within `looBudget` of the sessions.
 * Interleaved sessions (HDFS blocks, where two operations' lines mix) produce such one-off
 * transitions now and then, so their threshold comes out low; workflows whose steps always
 * follow the same few (jobs, checkouts) keep the maximum.
 */
import { DeepLogError } from './errors';
import { parseModelFileJson } from './model-file-json';
import type { LogKey } from './vocabulary';

/** Node before a session's first key. */
export const WORKFLOW_START = '<start>';
/** Node after a session's last key. */
export const WORKFLOW_END = '<end>';
/** `format` tag of workflow.json. */
export const WORKFLOW_FORMAT = 'log-sentinel.workflow';

/** workflow.json. */
export interface WorkflowJson {
  format: typeof WORKFLOW_FORMAT;
  version: 1;
  /** A transition is flagged when the chance of a novel successor of its first key is below this. */
  closedBelow: number;
  /** prev → next → count (keys as strings; {@link WORKFLOW_START} / {@link WORKFLOW_END} for the ends). */
  edges: Record<string, Record<string, number>>;
}

/** The check of one transition. */
export interface TransitionCheck {
  /** Whether the workflow flags it. */
  isAnomaly: boolean;
  /** How often training saw this transition. */
  seen: number;
  /** How often training saw the key before it (as a predecessor of anything). */
  occurrences: number;
  /** Estimated chance of a successor never seen after the previous key (1 when it was never seen). */
  noveltyChance: number;
  /** The previous key's successors in training, most frequent first (at most 3). */
  expected: { key: string; count: number }[];
}

interface Node {
  next: Map<string, number>;
  total: number;
  /** Successors seen exactly once. */
  singletons: number;
}

/** Options of {@link Workflow.fromSessions}. */
export interface WorkflowOptions {
  /** Highest threshold (0 = the workflow flags nothing). */
  maxThreshold: number;
  /** Share of training sessions allowed to be leave-one-out false alarms (default: no calibration, the maximum is used). */
  looBudget?: number;
}

/** A workflow graph; immutable once built. */
export class Workflow {
  private constructor(
    private readonly nodes: Map<string, Node>,
    /** Flag threshold of the novelty chance (0 = the workflow flags nothing). */
    readonly closedBelow: number,
  ) {}

  /** Counts the transitions of `sessions` (each from start to end) and calibrates the threshold (see the module comment). */
  static fromSessions(sessions: readonly (readonly LogKey[])[], options: WorkflowOptions | number): Workflow {
    const o: WorkflowOptions = typeof options === 'number' ? { maxThreshold: options } : options;
    checkThreshold(o.maxThreshold);
    if (o.looBudget !== undefined && !(o.looBudget >= 0 && o.looBudget <= 1)) throw new DeepLogError('INVALID_OPTIONS', `workflow looBudget must be in [0, 1], got ${o.looBudget}`);
    const edges = new Map<string, Map<string, number>>();
    const add = (a: string, b: string): void => {
      let m = edges.get(a);
      if (!m) edges.set(a, (m = new Map()));
      m.set(b, (m.get(b) ?? 0) + 1);
    };
    for (const s of sessions) {
      let prev = WORKFLOW_START;
      for (const k of s) {
        const key = String(k);
        add(prev, key);
        prev = key;
      }
      add(prev, WORKFLOW_END);
    }
    const nodes = nodesOf(edges);
    if (o.looBudget === undefined || o.maxThreshold === 0) return new Workflow(nodes, o.maxThreshold);
    // Each session's lowest leave-one-out novelty chance: over its transitions seen only once in all
    // training (left out, they would be novel), the first key's chance without it, singletons/occurrences.
    const loo: number[] = [];
    for (const s of sessions) {
      let min = Infinity, prev = WORKFLOW_START;
      for (const key of [...s.map(String), WORKFLOW_END]) {
        const node = nodes.get(prev)!;
        if (node.next.get(key) === 1 && node.total > 1) min = Math.min(min, (node.singletons - 1 + 1) / node.total);
        prev = key;
      }
      if (min < Infinity) loo.push(min);
    }
    loo.sort((a, b) => a - b);
    // flagged when below the threshold: at most floor(budget × sessions) sessions may be
    const allowed = Math.floor(o.looBudget * sessions.length);
    const threshold = allowed < loo.length ? Math.min(o.maxThreshold, loo[allowed]!) : o.maxThreshold;
    return new Workflow(nodes, threshold);
  }

  /** Reads workflow.json; throws DeepLogError('INVALID_MODEL') naming what is wrong. */
  static fromJSON(text: string): Workflow {
    const { json: o, bad } = parseModelFileJson<WorkflowJson>(text, 'workflow.json');
    if (!o || typeof o !== 'object' || o.format !== WORKFLOW_FORMAT || o.version !== 1) return bad(`format must be "${WORKFLOW_FORMAT}" version 1`);
    if (typeof o.closedBelow !== 'number' || !(o.closedBelow >= 0 && o.closedBelow <= 1)) return bad('"closedBelow" must be a number in [0, 1]');
    if (!o.edges || typeof o.edges !== 'object') return bad('"edges" must be an object');
    const edges = new Map<string, Map<string, number>>();
    for (const [a, nexts] of Object.entries(o.edges)) {
      if (!nexts || typeof nexts !== 'object') bad(`edges of "${a}" must be an object`);
      const m = new Map<string, number>();
      for (const [b, c] of Object.entries(nexts)) {
        if (!Number.isInteger(c) || (c as number) < 1) bad(`count of "${a}" → "${b}" must be a positive integer`);
        m.set(b, c as number);
      }
      edges.set(a, m);
    }
    return new Workflow(nodesOf(edges), o.closedBelow);
  }

  /** The same graph with another threshold. */
  withThreshold(closedBelow: number): Workflow {
    checkThreshold(closedBelow);
    return new Workflow(this.nodes, closedBelow);
  }

  /** Checks the transition `prev` → `next` ({@link WORKFLOW_START} / {@link WORKFLOW_END} for the ends). */
  check(prev: string, next: string): TransitionCheck {
    const node = this.nodes.get(prev);
    if (!node) return { isAnomaly: false, seen: 0, occurrences: 0, noveltyChance: 1, expected: [] };
    const seen = node.next.get(next) ?? 0;
    const noveltyChance = (node.singletons + 1) / (node.total + 1);
    const isAnomaly = seen === 0 && noveltyChance < this.closedBelow;
    const expected = isAnomaly
      ? [...node.next].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([key, count]) => ({ key, count }))
      : [];
    return { isAnomaly, seen, occurrences: node.total, noveltyChance, expected };
  }

  /** Number of distinct transitions. */
  get transitions(): number {
    let n = 0;
    for (const node of this.nodes.values()) n += node.next.size;
    return n;
  }

  /** workflow.json. */
  toJSON(): WorkflowJson {
    const edges: Record<string, Record<string, number>> = {};
    for (const [a, node] of this.nodes) edges[a] = Object.fromEntries(node.next);
    return { format: WORKFLOW_FORMAT, version: 1, closedBelow: this.closedBelow, edges };
  }
}

function checkThreshold(t: number): void {
  if (!(t >= 0 && t <= 1)) throw new DeepLogError('INVALID_OPTIONS', `workflow threshold must be in [0, 1], got ${t}`);
}

function nodesOf(edges: Map<string, Map<string, number>>): Map<string, Node> {
  const nodes = new Map<string, Node>();
  for (const [a, next] of edges) {
    let total = 0, singletons = 0;
    for (const c of next.values()) {
      total += c;
      if (c === 1) singletons++;
    }
    nodes.set(a, { next, total, singletons });
  }
  return nodes;
}
