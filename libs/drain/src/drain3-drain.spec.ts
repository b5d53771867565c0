/**
 * Drain3's core test cases, translated: logpai/Drain3 `tests/test_drain.py` at commit
 * 0b653e8f3657a6a55393789583b0f62350887767 (MIT). Our code is our own; these cases pin the same
 * behaviour. Drain3's `Drain(...)` defaults are depth 4, sim_th 0.4, max_children 100, numeric
 * tokens parametrised; its `param_str="*"` cases are written with our `<*>`. Each upstream case
 * stays one test with its own expected templates, as upstream writes them (alike in shape by
 * design: the data differs, so the duplicates report lists some pairs).
 */
import { DrainCore, type DrainCoreOptions } from './drain';

function drain(o: Partial<DrainCoreOptions> = {}): { add: (m: string) => { template: string; change: string }; match: (m: string) => number | undefined; core: DrainCore } {
  const core = new DrainCore({ depth: 4, simThreshold: 0.4, maxChildren: 100, maxClusters: Number.MAX_SAFE_INTEGER, parametrizeNumericTokens: true, ...o });
  const tokens = (m: string): string[] => (m.trim() === '' ? [] : m.trim().split(/\s+/));
  return {
    core,
    add: (m) => {
      const r = core.add(tokens(m));
      return { template: r.cluster.tokens.join(' '), change: r.change };
    },
    match: (m) => core.match(tokens(m))?.id,
  };
}

/** Drain3 builds its entries with `str.splitlines` of an indented block: an empty first and a blank last entry. */
const blankEnds = (lines: string[]): string[] => ['', ...lines, '            '];

const totalSize = (core: DrainCore): number => [...core.clusters.values()].reduce((a, c) => a + c.size, 0);

const SSH = `Dec 10 07:07:38 LabSZ sshd[24206]: input_userauth_request: invalid user test9 [preauth]
Dec 10 07:08:28 LabSZ sshd[24208]: input_userauth_request: invalid user webmaster [preauth]
Dec 10 09:12:32 LabSZ sshd[24490]: Failed password for invalid user ftpuser from 0.0.0.0 port 62891 ssh2
Dec 10 09:12:35 LabSZ sshd[24492]: Failed password for invalid user pi from 0.0.0.0 port 49289 ssh2
Dec 10 09:12:44 LabSZ sshd[24501]: Failed password for invalid user ftpuser from 0.0.0.0 port 60836 ssh2
Dec 10 07:28:03 LabSZ sshd[24245]: input_userauth_request: invalid user pgadmin [preauth]`.split('\n');

describe('DrainCore against Drain3 test_drain.py', () => {
  it('test_add_shorter_than_depth_message', () => {
    const d = drain({ depth: 4 });
    expect(d.add('word').change).toBe('created');
    expect(d.add('word').change).toBe('none');
    expect(d.add('otherword').change).toBe('created');
    expect(d.core.clusters.size).toBe(2);
  });

  it('test_add_log_message', () => {
    const d = drain();
    expect(blankEnds(SSH).map((l) => d.add(l).template)).toEqual([
      '',
      'Dec 10 07:07:38 LabSZ sshd[24206]: input_userauth_request: invalid user test9 [preauth]',
      'Dec 10 <*> LabSZ <*> input_userauth_request: invalid user <*> [preauth]',
      'Dec 10 09:12:32 LabSZ sshd[24490]: Failed password for invalid user ftpuser from 0.0.0.0 port 62891 ssh2',
      'Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2',
      'Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2',
      'Dec 10 <*> LabSZ <*> input_userauth_request: invalid user <*> [preauth]',
      '',
    ]);
    expect(totalSize(d.core)).toBe(8);
  });

  it('test_add_log_message_sim_75', () => {
    const d = drain({ depth: 4, simThreshold: 0.75, maxChildren: 100 });
    expect(blankEnds(SSH).map((l) => d.add(l).template)).toEqual([
      '',
      'Dec 10 07:07:38 LabSZ sshd[24206]: input_userauth_request: invalid user test9 [preauth]',
      'Dec 10 07:08:28 LabSZ sshd[24208]: input_userauth_request: invalid user webmaster [preauth]',
      'Dec 10 09:12:32 LabSZ sshd[24490]: Failed password for invalid user ftpuser from 0.0.0.0 port 62891 ssh2',
      'Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2',
      'Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2',
      'Dec 10 07:28:03 LabSZ sshd[24245]: input_userauth_request: invalid user pgadmin [preauth]',
      '',
    ]);
    expect(totalSize(d.core)).toBe(8);
  });

  it('test_max_clusters', () => {
    const d = drain({ maxClusters: 1 });
    const got = blankEnds(['A format 1', 'A format 2', 'B format 1', 'B format 2', 'A format 3']).map((l) => d.add(l).template);
    expect(got).toEqual(['', 'A format 1', 'A format <*>', 'B format 1', 'B format <*>', 'A format 3', '']);
    expect(totalSize(d.core)).toBe(1);
  });

  it('test_max_clusters_lru_multiple_leaf_nodes', () => {
    const d = drain({ maxClusters: 2, depth: 4 });
    const got = ['A A A', 'A A B', 'B A A', 'B A B', 'C A A', 'C A B', 'B A A', 'A A A'].map((l) => d.add(l).template);
    expect(got).toEqual(['A A A', 'A A <*>', 'B A A', 'B A <*>', 'C A A', 'C A <*>', 'B A <*>', 'A A A']);
    expect(totalSize(d.core)).toBe(4);
  });

  it('test_max_clusters_lru_single_leaf_node', () => {
    const d = drain({ maxClusters: 2, depth: 4 });
    const got = ['A A A', 'A A B', 'A B A', 'A B B', 'A C A', 'A C B', 'A B A', 'A A A'].map((l) => d.add(l).template);
    expect(got).toEqual(['A A A', 'A A <*>', 'A B A', 'A B <*>', 'A C A', 'A C <*>', 'A B <*>', 'A A A']);
  });

  it('test_match_only', () => {
    const d = drain();
    for (const l of ['aa aa aa', 'aa aa bb', 'aa aa cc', 'xx yy zz']) d.add(l);
    expect(d.match('aa aa tt')).toBe(1);
    expect(d.match('xx yy zz')).toBe(2);
    expect(d.match('xx yy rr')).toBeUndefined();
    expect(d.match('nothing')).toBeUndefined();
  });
});
