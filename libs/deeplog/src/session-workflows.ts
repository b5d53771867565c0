/**
 * Workflows per session type (DeepLog §4): the finite-state graph of log keys that each kind
 * of session walks through in normal runs, for operators to read (served by `GetModel`) and
 * for explanations ("expected after X: Y or Z").
 *
 * Session types, as DeepLog §4.2 separates tasks: keys that occur in the same kind of session
 * co-occur. Key b joins key a's type when most sessions holding a also hold b or the other way
 * round (P(b | a) ≥ `linkShare` or P(a | b) ≥ `linkShare`, counted over training sessions),
 * taken transitively (union–find). A web request's keys and a batch job's keys never share a
 * session, so they form two types; HDFS blocks, whose keys all share sessions with the
 * allocation key, form one. A session belongs to the type holding most of its keys (ties: the
 * type of its first key); a type is named after its most frequent first key.
 *
 * Each type's graph is counted on its sessions: `<start>` → first key → … → last key →
 * `<end>`, with how often each transition occurred. Two keys seen in both orders (a → b and
 * b → a) are marked concurrent — DeepLog's divergence points, where two threads' lines
 * interleave — and a key followed by itself is a loop.
 */
import { DeepLogError } from './errors';
import { parseModelFileJson } from './model-file-json';
import type { LogKey } from './vocabulary';
import { WORKFLOW_END, WORKFLOW_START } from './workflow';

/** `format` tag of workflows.json. */
export const WORKFLOWS_FORMAT = 'log-sentinel.workflows';

/** One transition of a workflow graph. */
export interface WorkflowEdge {
  /** Key before ({@link WORKFLOW_START} for a session's first key). */
  from: string;
  /** Key after ({@link WORKFLOW_END} after a session's last key). */
  to: string;
  /** Times training sessions of the type took it. */
  count: number;
}

/** One session type's workflow. */
export interface TypeWorkflow {
  /** Name of the type: its most frequent first key. */
  type: string;
  /** Training sessions of this type. */
  sessions: number;
  /** Its keys (nodes besides start and end), most frequent first. */
  keys: string[];
  /** Its transitions, grouped by `from`, most frequent first. */
  edges: WorkflowEdge[];
  /** Pairs of keys seen in both orders (concurrent steps), each pair once, sorted. */
  concurrent: [string, string][];
  /** Keys seen directly after themselves (loops). */
  loops: string[];
}

/** workflows.json. */
export interface WorkflowsJson {
  format: typeof WORKFLOWS_FORMAT;
  version: 1;
  /** The co-occurrence share that put two keys in one type. */
  linkShare: number;
  /** One workflow per session type, most sessions first. */
  types: TypeWorkflow[];
}

/** Options of {@link SessionWorkflows.build}. */
export interface SessionWorkflowsOptions {
  /** Co-occurrence share linking two keys into one type (default 0.5). */
  linkShare?: number;
}

/** A successor of a key in its type's workflow. */
export interface WorkflowSuccessor {
  /** The key ({@link WORKFLOW_END} = the session ends). */
  key: string;
  /** Times training saw it follow. */
  count: number;
}

/** The workflows of every session type of a model; immutable once built. */
export class SessionWorkflows {
  private readonly typeOfKey = new Map<string, number>();
  private readonly next: Map<string, WorkflowSuccessor[]>[] = [];

  private constructor(readonly json: WorkflowsJson) {
    json.types.forEach((t, i) => {
      for (const k of t.keys) this.typeOfKey.set(k, i);
      const m = new Map<string, WorkflowSuccessor[]>();
      for (const e of t.edges) {
        let list = m.get(e.from);
        if (!list) m.set(e.from, (list = []));
        list.push({ key: e.to, count: e.count });
      }
      for (const list of m.values()) list.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
      this.next.push(m);
    });
  }

  /** Separates the training sessions into types and counts each type's workflow (module comment). */
  static build(sessions: readonly (readonly LogKey[])[], opts: SessionWorkflowsOptions = {}): SessionWorkflows {
    const linkShare = opts.linkShare ?? 0.5;
    if (!(linkShare > 0 && linkShare <= 1)) throw new DeepLogError('INVALID_OPTIONS', `workflows linkShare must be in (0, 1], got ${linkShare}`);
    const seqs = sessions.filter((s) => s.length > 0).map((s) => s.map(String));
    // sessions holding each key, and each pair of keys
    const holding = new Map<string, number>();
    const pairs = new Map<string, Map<string, number>>();
    for (const s of seqs) {
      const distinct = [...new Set(s)];
      for (const a of distinct) {
        holding.set(a, (holding.get(a) ?? 0) + 1);
        let m = pairs.get(a);
        if (!m) pairs.set(a, (m = new Map()));
        for (const b of distinct) if (b !== a) m.set(b, (m.get(b) ?? 0) + 1);
      }
    }
    const keys = [...holding.keys()].sort();
    const parent = new Map(keys.map((k) => [k, k]));
    const find = (k: string): string => {
      let r = k;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(k, r);
      return r;
    };
    for (const [a, m] of pairs) {
      for (const [b, both] of m) if (both / holding.get(a)! >= linkShare) parent.set(find(a), find(b));
    }
    // each session → the group holding most of its keys (ties: its first key's)
    const groupSessions = new Map<string, string[][]>();
    for (const s of seqs) {
      const votes = new Map<string, number>();
      for (const k of s) votes.set(find(k), (votes.get(find(k)) ?? 0) + 1);
      let best = find(s[0]!);
      for (const [g, v] of votes) if (v > votes.get(best)!) best = g;
      let list = groupSessions.get(best);
      if (!list) groupSessions.set(best, (list = []));
      list.push(s);
    }
    const types = [...groupSessions.values()].map((ss) => typeWorkflow(ss));
    // every key belongs to exactly one type: the one whose sessions hold it most often
    const owner = new Map<string, { type: number; count: number }>();
    types.forEach((t, i) => {
      for (const e of t.edges) {
        if (e.to === WORKFLOW_END) continue;
        const o = owner.get(e.to);
        if (!o || e.count > o.count) owner.set(e.to, { type: i, count: e.count });
      }
    });
    types.forEach((t, i) => (t.keys = t.keys.filter((k) => owner.get(k)?.type === i)));
    types.sort((a, b) => b.sessions - a.sessions || (a.type < b.type ? -1 : 1));
    return new SessionWorkflows({ format: WORKFLOWS_FORMAT, version: 1, linkShare, types });
  }

  /** Reads workflows.json; throws DeepLogError('INVALID_MODEL') naming what is wrong. */
  static fromJSON(text: string): SessionWorkflows {
    const { json: o, bad } = parseModelFileJson<WorkflowsJson>(text, 'workflows.json');
    if (!o || typeof o !== 'object' || o.format !== WORKFLOWS_FORMAT || o.version !== 1) return bad(`format must be "${WORKFLOWS_FORMAT}" version 1`);
    if (typeof o.linkShare !== 'number' || !(o.linkShare > 0 && o.linkShare <= 1)) bad('"linkShare" must be a number in (0, 1]');
    if (!Array.isArray(o.types)) bad('"types" must be an array');
    o.types!.forEach((t, i) => {
      if (!t || typeof t !== 'object' || typeof t.type !== 'string') bad(`types[${i}].type must be a string`);
      if (!Number.isInteger(t.sessions) || t.sessions < 0) bad(`types[${i}].sessions must be a non-negative integer`);
      if (!Array.isArray(t.keys) || t.keys.some((k) => typeof k !== 'string')) bad(`types[${i}].keys must be an array of strings`);
      if (!Array.isArray(t.edges)) bad(`types[${i}].edges must be an array`);
      t.edges.forEach((e, k) => {
        if (!e || typeof e.from !== 'string' || typeof e.to !== 'string' || !Number.isInteger(e.count) || e.count < 1) {
          bad(`types[${i}].edges[${k}] must be {from, to, count ≥ 1}`);
        }
      });
      if (!Array.isArray(t.concurrent) || t.concurrent.some((p) => !Array.isArray(p) || p.length !== 2)) bad(`types[${i}].concurrent must be an array of key pairs`);
      if (!Array.isArray(t.loops)) bad(`types[${i}].loops must be an array`);
    });
    return new SessionWorkflows(o as WorkflowsJson);
  }

  /** The workflow of the type `key` belongs to (undefined for a key training never saw). */
  typeOf(key: string): TypeWorkflow | undefined {
    const i = this.typeOfKey.get(key);
    return i === undefined ? undefined : this.json.types[i];
  }

  /** What followed `key` in its type's training sessions, most frequent first (`WORKFLOW_START`: a session's first keys, over all types). */
  successors(key: string): WorkflowSuccessor[] {
    if (key === WORKFLOW_START) {
      const all = this.next.flatMap((m) => m.get(WORKFLOW_START) ?? []);
      return all.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    }
    const i = this.typeOfKey.get(key);
    return i === undefined ? [] : (this.next[i]!.get(key) ?? []);
  }

  /** workflows.json. */
  toJSON(): WorkflowsJson {
    return this.json;
  }
}

/** Counts one type's graph over its sessions. */
function typeWorkflow(sessions: readonly string[][]): TypeWorkflow {
  const edges = new Map<string, Map<string, number>>();
  const keyCount = new Map<string, number>();
  const firsts = new Map<string, number>();
  for (const s of sessions) {
    firsts.set(s[0]!, (firsts.get(s[0]!) ?? 0) + 1);
    let prev = WORKFLOW_START;
    for (const k of [...s, WORKFLOW_END]) {
      let m = edges.get(prev);
      if (!m) edges.set(prev, (m = new Map()));
      m.set(k, (m.get(k) ?? 0) + 1);
      if (k !== WORKFLOW_END) keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
      prev = k;
    }
  }
  const byCount = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  const keys = [...keyCount].sort(byCount).map(([k]) => k);
  const order = [WORKFLOW_START, ...keys];
  const list: WorkflowEdge[] = [];
  for (const from of order) for (const [to, count] of [...(edges.get(from) ?? [])].sort(byCount)) list.push({ from, to, count });
  const concurrent: [string, string][] = [];
  const loops: string[] = [];
  for (const [a, m] of edges) {
    for (const b of m.keys()) {
      if (a === b) loops.push(a);
      else if (a < b && a !== WORKFLOW_START && b !== WORKFLOW_END && edges.get(b)?.has(a)) concurrent.push([a, b]);
    }
  }
  concurrent.sort((x, y) => (x[0] + '\u0000' + x[1] < y[0] + '\u0000' + y[1] ? -1 : 1));
  loops.sort();
  const type = [...firsts].sort(byCount)[0]![0];
  return { type, sessions: sessions.length, keys, edges: list, concurrent, loops };
}
