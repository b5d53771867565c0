import { SessionWorkflows } from './session-workflows';
import { WORKFLOW_END, WORKFLOW_START } from './workflow';

// Two kinds of sessions of one service, as the demo's: web requests and batch jobs (their keys never share a session).
const web = (i: number): string[] => (i % 4 === 0 ? ['req', 'auth', 'read', 'resp'] : ['req', 'auth', 'resp']);
const job = (i: number): string[] => (i % 5 === 0 ? ['sched', 'start', 'retry', 'start', 'done'] : ['sched', 'start', 'done']);
const mixed = (): string[][] => Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? job(i) : web(i)));

describe('SessionWorkflows', () => {
  it('separates session types by key co-occurrence and counts one graph per type, start to end', () => {
    const wf = SessionWorkflows.build(mixed());
    const types = wf.toJSON().types;
    expect(types.map((t) => [t.type, t.sessions])).toEqual([['req', 66], ['sched', 34]]);
    expect(types[0]!.keys.sort()).toEqual(['auth', 'read', 'req', 'resp']);
    expect(types[1]!.keys.sort()).toEqual(['done', 'retry', 'sched', 'start']);
    expect(types[0]!.edges).toContainEqual({ from: WORKFLOW_START, to: 'req', count: 66 });
    expect(types[0]!.edges).toContainEqual({ from: 'resp', to: WORKFLOW_END, count: 66 });
    expect(types[1]!.edges.filter((e) => e.from === 'start')).toEqual([{ from: 'start', to: 'done', count: 34 }, { from: 'start', to: 'retry', count: 7 }]);
    // no edge crosses the two types
    for (const e of types[0]!.edges) expect(['sched', 'start', 'retry', 'done']).not.toContain(e.to);
    expect(wf.typeOf('retry')?.type).toBe('sched');
    expect(wf.typeOf('never')).toBeUndefined();
  });

  it('lists what follows a key in its type, most frequent first, for explanations', () => {
    const wf = SessionWorkflows.build(mixed());
    expect(wf.successors('auth')).toEqual([{ key: 'resp', count: 50 }, { key: 'read', count: 16 }]);
    expect(wf.successors('done')).toEqual([{ key: WORKFLOW_END, count: 34 }]);
    expect(wf.successors(WORKFLOW_START).map((s) => s.key)).toEqual(['req', 'sched']);
    expect(wf.successors('never')).toEqual([]);
  });

  it('marks keys seen in both orders as concurrent and a key after itself as a loop', () => {
    // HDFS-like: two replicas' "received" lines interleave in either order; "packet" repeats
    const blocks = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ['alloc', 'recvA', 'recvB', 'packet', 'packet', 'done'] : ['alloc', 'recvB', 'recvA', 'packet', 'done']));
    const t = SessionWorkflows.build(blocks).toJSON().types;
    expect(t).toHaveLength(1);
    expect(t[0]!.concurrent).toEqual([['recvA', 'recvB']]);
    expect(t[0]!.loops).toEqual(['packet']);
  });

  it('keeps a rare key in the type of the sessions it occurs in (one type for HDFS-like data)', () => {
    const s = Array.from({ length: 200 }, (_, i) => (i === 7 ? ['alloc', 'recv', 'error', 'done'] : ['alloc', 'recv', 'done']));
    const wf = SessionWorkflows.build(s);
    expect(wf.toJSON().types).toHaveLength(1);
    expect(wf.typeOf('error')?.type).toBe('alloc');
  });

  it('round-trips through workflows.json and refuses a malformed file naming the problem', () => {
    const wf = SessionWorkflows.build(mixed());
    const back = SessionWorkflows.fromJSON(JSON.stringify(wf.toJSON()));
    expect(back.toJSON()).toEqual(wf.toJSON());
    expect(back.successors('auth')).toEqual(wf.successors('auth'));
    expect(() => SessionWorkflows.fromJSON('{')).toThrow(/not JSON/);
    expect(() => SessionWorkflows.fromJSON('{"format":"x","version":1}')).toThrow(/format/);
    const j = wf.toJSON();
    expect(() => SessionWorkflows.fromJSON(JSON.stringify({ ...j, linkShare: 0 }))).toThrow(/linkShare/);
    expect(() => SessionWorkflows.fromJSON(JSON.stringify({ ...j, types: [{ ...j.types[0], edges: [{ from: 'a', to: 'b', count: 0 }] }] }))).toThrow(/edges\[0\]/);
    expect(() => SessionWorkflows.build([], { linkShare: 2 })).toThrow(/linkShare/);
    expect(SessionWorkflows.build([]).toJSON().types).toEqual([]);
  });
});
