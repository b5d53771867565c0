import { LogFormat } from '@log-sentinel/drain';
import { SeededRandom } from '@log-sentinel/seeded-random';
import { HDFS_LOG_FORMAT, HDFS_SESSION_REGEX, renderHdfsSessions, type RenderedLine } from './hdfs-render';
import { HDFS_EVENTS, renderContent, type BlockFacts } from './hdfs-templates';

/** The first sessions of DeepLog's hdfs_train and hdfs_test_abnormal (wuyifan18/DeepLog data/). */
const SESSIONS = [
  [5, 5, 5, 22, 11, 9, 11, 9, 11, 9, 26, 26, 26, 23, 23, 23, 21, 21, 21],
  [22, 5, 5, 5, 11, 9, 11, 9, 11, 9, 26, 26, 26],
  [22, 5, 5, 5, 26, 26, 26, 11, 9, 11, 9, 11, 9, 2, 3, 23, 23, 23, 21, 21, 21],
  [5, 22, 5, 5, 7],
  [22, 5, 5, 5, 11, 9, 11, 9, 26, 26, 11, 9, 26, 18, 25, 5, 6, 16, 26, 2, 3, 4, 3, 4, 23, 23, 23, 21, 21, 21, 21, 20, 27, 28],
];

const fmt = LogFormat.compile(HDFS_LOG_FORMAT);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const templateRegex = (t: string): RegExp => new RegExp(`^${t.split('<*>').map(escape).join('.*')}$`);
const blockOf = (line: string): string => new RegExp(HDFS_SESSION_REGEX).exec(line)![0];
const render = (sessions: number[][], seed: number, concurrency?: number): RenderedLine[] => [...renderHdfsSessions(sessions, { seed, concurrency })];

describe('HDFS templates', () => {
  const facts: BlockFacts = {
    blockId: 'blk_-1608999687919862906',
    replicas: ['10.251.73.220', '10.250.19.102', '10.251.126.5'],
    client: '10.251.73.220',
    size: 67108864,
    file: '/user/root/rand/_temporary/_task_200811092030_0001_m_000590_0/part-00590',
    subdir: 17,
  };

  it('covers the 30 loghub events with one filler per <*>', () => {
    expect(HDFS_EVENTS.map((e) => e.key)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const e of HDFS_EVENTS) expect({ key: e.key, fills: e.fills.length }).toEqual({ key: e.key, fills: e.template.split('<*>').length - 1 });
  });

  it.each(HDFS_EVENTS.map((e) => [e.key, e] as const))('key %i renders content matching its template, with the block id', (_, e) => {
    const rng = new SeededRandom(e.key);
    for (let i = 0; i < 20; i++) {
      const content = renderContent(e, facts, rng);
      expect(content).toMatch(templateRegex(e.template));
      expect(blockOf(content)).toBe(facts.blockId);
      expect(content).not.toMatch(/\s$|^\s|undefined|NaN/);
    }
  });

  it('renders the real HDFS_2k contents of the common events exactly in shape', () => {
    const rng = new SeededRandom(1);
    const r = (k: number): string => renderContent(HDFS_EVENTS[k - 1]!, facts, rng);
    expect(r(11)).toMatch(/^PacketResponder [0-2] for block blk_-1608999687919862906 terminating$/);
    expect(r(26)).toMatch(/^BLOCK\* NameSystem\.addStoredBlock: blockMap updated: 10\.25\d\.\d+\.\d+:50010 is added to blk_-1608999687919862906 size 67108864$/);
    expect(r(22)).toBe('BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_000590_0/part-00590. blk_-1608999687919862906');
    expect(r(5)).toMatch(/^Receiving block blk_-1608999687919862906 src: \/10\.251\.73\.220:\d{5} dest: \/10\.251\.73\.220:50010$/);
    expect(r(21)).toBe('Deleting block blk_-1608999687919862906 file /mnt/hadoop/dfs/data/current/subdir17/blk_-1608999687919862906');
    expect(r(30)).toMatch(/^BLOCK\* ask 10\.25\d\.\d+\.\d+:50010 to delete {2}blk_-1608999687919862906$/);
  });
});

describe('renderHdfsSessions', () => {
  it('writes HDFS headers the log format parses, with the level and component of the event', () => {
    for (const line of render(SESSIONS, 7)) {
      const p = fmt.parse(line.text);
      const e = HDFS_EVENTS[line.key - 1]!;
      expect(p.matched).toBe(true);
      expect(p.fields).toMatchObject({ Level: e.level, Component: e.component });
      expect(p.fields.Date).toMatch(/^\d{6}$/);
      expect(p.fields.Time).toMatch(/^\d{6}$/);
      expect(p.fields.Pid).toMatch(/^\d+$/);
      expect(p.content).toMatch(templateRegex(e.template));
    }
  });

  it('gives each session one block id of 18-19 digits, used in every line of it and in no other session', () => {
    const lines = render(SESSIONS, 3);
    const ids = new Map<number, Set<string>>();
    for (const l of lines) (ids.get(l.session) ?? ids.set(l.session, new Set()).get(l.session)!).add(blockOf(l.text));
    expect([...ids.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
    for (const set of ids.values()) {
      expect(set.size).toBe(1);
      expect([...set][0]).toMatch(/^blk_-?\d{18,19}$/);
    }
    expect(new Set([...ids.values()].map((s) => [...s][0])).size).toBe(SESSIONS.length);
  });

  it('interleaves sessions but keeps each session in order, with non-decreasing timestamps', () => {
    const lines = render(SESSIONS, 11);
    expect(lines).toHaveLength(SESSIONS.flat().length);
    for (const [i, s] of SESSIONS.entries()) {
      const mine = lines.filter((l) => l.session === i);
      expect(mine.map((l) => l.key)).toEqual(s);
      expect(mine.map((l) => l.step)).toEqual(s.map((_, j) => j));
    }
    // interleaved: some session's lines are not contiguous
    const runs = lines.filter((l, i) => i === 0 || lines[i - 1]!.session !== l.session).length;
    expect(runs).toBeGreaterThan(SESSIONS.length);
    const stamps = lines.map((l) => l.text.slice(0, 13));
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('keeps at most `concurrency` sessions open', () => {
    const many = Array.from({ length: 40 }, (_, i) => SESSIONS[i % SESSIONS.length]!);
    const lines = render(many, 5, 4);
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    lines.forEach((l, i) => {
      if (!first.has(l.session)) first.set(l.session, i);
      last.set(l.session, i);
    });
    for (let i = 0; i < lines.length; i++) {
      const open = [...first.keys()].filter((s) => first.get(s)! <= i && last.get(s)! >= i).length;
      expect(open).toBeLessThanOrEqual(4);
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    expect(render(SESSIONS, 42)).toEqual(render(SESSIONS, 42));
    expect(render(SESSIONS, 42).map((l) => l.text)).not.toEqual(render(SESSIONS, 43).map((l) => l.text));
  });

  it('refuses a key without a template and an empty session', () => {
    expect(() => render([[5, 31]], 1)).toThrow(/no HDFS template for log key 31/);
    expect(() => render([[5], []], 1)).toThrow(/session 1 is empty/);
  });
});
