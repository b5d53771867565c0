/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
/** The pipeline in-process on real HDFS lines: train → registry → load → score (dry run, raw-line models, sessions). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DetectRecord } from './record';
import { scoreBatch } from './scorer';
import { scoreContext, trainedRuntime } from './runtime.spec-helper';

const HDFS = path.resolve(__dirname, '../../../testdata/labeled_raw/HDFS_2k/HDFS_2k.log');
const lines = fs.readFileSync(HDFS, 'utf8').split('\n').filter((l) => l.trim()).slice(0, 400);
const raw: DetectRecord[] = lines.map((l, i) => ({ id: `r${i}`, message: l }));
const FORMAT = '<Date> <Time> <Pid> <Level> <Component>: <Content>';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-spec-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));


describe('pipeline on real HDFS lines', () => {
  it('a model trained through Train with a log format cuts the same header from Detect messages', async () => {
    const { rt } = await trainedRuntime(raw, { logFormat: FORMAT, sessionRegex: '(blk_-?\\d+)', maxEpochs: 1 }, path.join(tmp, 'raw'));
    try {
      expect(rt.parts.settings.preprocess).toMatchObject({ logFormat: FORMAT, sessionRegex: '(blk_-?\\d+)', autoHeader: false, autoSession: false });
      // the serving context names no session rule: the model's own regex applies
      const verdicts = await scoreBatch(rt, scoreContext(rt), raw.slice(0, 50), false);
      expect(verdicts.map((v) => v.recordId)).toEqual(raw.slice(0, 50).map((r) => r.id));
      expect(verdicts.every((v) => !v.reasons.includes('drain.new_template'))).toBe(true);
      expect(verdicts[0]!.template).toMatch(/^PacketResponder <\*> for block <\*> terminating$/);
      expect(verdicts[0]!.sessionId).toBe('blk_38865049064139660');
    } finally {
      await rt.retire(0);
    }
  }, 60_000);

  it('without a format, common headers are cut and block ids become sessions, in training and serving alike', async () => {
    const { rt } = await trainedRuntime(raw, { maxEpochs: 1 }, path.join(tmp, 'auto'));
    try {
      expect(rt.parts.settings.preprocess).toMatchObject({ logFormat: '', autoHeader: true, autoSession: true });
      const verdicts = await scoreBatch(rt, scoreContext(rt), raw.slice(0, 50), true);
      expect(verdicts.every((v) => !v.reasons.includes('drain.new_template'))).toBe(true);
      expect(verdicts[0]!.template).toBe('PacketResponder <*> for block <*> terminating');
      expect(verdicts[0]!.sessionId).toBe('blk_38865049064139660');
      for (const v of verdicts) expect(v.template).not.toMatch(/081109|INFO|dfs\./);
    } finally {
      await rt.retire(0);
    }
  }, 60_000);

  it('dry run does not advance sessions; an unseen message is flagged; one-line sessions make DeepLog degenerate (reported, never flagging)', async () => {
    const content = raw.map((r) => ({ ...r, message: r.message.replace(/^.*?: /, '') }));
    const { rt } = await trainedRuntime(content, { maxEpochs: 8 }, path.join(tmp, 'content'));
    try {
      const ctx = scoreContext(rt);
      // HDFS_2k holds about one line per block: there is no sequence to learn
      expect(rt.parts.settings.degenerate).toEqual([expect.stringMatching(/sessions of one record \(median length 1\)/)]);
      expect(rt.parts.deeplogFlags).toBe(false);
      const [first] = await scoreBatch(rt, ctx, content.slice(0, 1), false);
      const sid = first!.sessionId;
      expect(sid).toBe('blk_38865049064139660');
      const before = ctx.sessions.peek(sid)!.keys.slice();
      const odd = { id: 'odd', message: 'segfault in module xyz at 0xdeadbeef', sessionId: sid };
      const [v] = await scoreBatch(rt, ctx, [odd], true);
      expect(v!.isAnomaly).toBe(true);
      expect(v!.reasons).toContain('drain.new_template');
      expect(v!.reasons).not.toContain('deeplog.unexpected_key');
      expect(v!.score).toBe(1);
      expect(ctx.sessions.peek(sid)!.keys).toEqual(before);
    } finally {
      await rt.retire(0);
    }
  }, 60_000);
});
