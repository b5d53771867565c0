/**
 * @jest-environment ./libs/deeplog/testing/onnx-environment.js
 */
/** The pipeline in-process on real HDFS lines: train → registry → load → score (dry run, raw-line models, sessions). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readModelVersion, writeModelVersion } from '@log-sentinel/model-registry';
import { buildRuntime } from './model-loader';
import type { DetectRecord } from './record';
import { scoreBatch, type ScoreContext } from './scorer';
import { compileSessionKey } from './session-key';
import { SessionStore } from './session-store';
import { trainModelFiles } from './trainer';

const HDFS = path.resolve(__dirname, '../../../testdata/labeled_raw/HDFS_2k/HDFS_2k.log');
const lines = fs.readFileSync(HDFS, 'utf8').split('\n').filter((l) => l.trim()).slice(0, 400);
const raw: DetectRecord[] = lines.map((l, i) => ({ id: `r${i}`, message: l }));
const FORMAT = '<Date> <Time> <Pid> <Level> <Component>: <Content>';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-spec-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function context(window: number, sessionRegex?: string): ScoreContext {
  return {
    sessions: new SessionStore({ maxSessions: 10_000, ttlMs: 3600_000, maxBytes: 1 << 26 }, window),
    sessionKey: compileSessionKey({ sessionRegex }),
    nowMs: () => 0,
    untimed: 'none',
  };
}

describe('pipeline on real HDFS lines', () => {
  it('a model trained through Train with a log format cuts the same header from Detect messages', async () => {
    const trained = await trainModelFiles(raw, { logFormat: FORMAT, sessionRegex: '(blk_-?\\d+)', maxEpochs: 1 }, () => undefined);
    const { dir } = await writeModelVersion(path.join(tmp, 'raw'), trained.files, trained.meta);
    const rt = await buildRuntime(await readModelVersion(dir), { windowMs: 0, maxBatchItems: 1024 });
    try {
      expect(rt.parts.settings.parseMessages).toBe(true);
      const verdicts = await scoreBatch(rt, context(rt.parts.window, '(blk_-?\\d+)'), raw.slice(0, 50), false);
      expect(verdicts.map((v) => v.recordId)).toEqual(raw.slice(0, 50).map((r) => r.id));
      expect(verdicts.every((v) => !v.reasons.includes('drain.new_template'))).toBe(true);
      expect(verdicts[0]!.template).toMatch(/^PacketResponder <\*> for block <\*> terminating$/);
      expect(verdicts[0]!.sessionId).toBe('blk_38865049064139660');
    } finally {
      await rt.retire(0);
    }
  }, 60_000);

  it('dry run does not advance sessions; an unseen message is flagged by Drain and DeepLog', async () => {
    const content = raw.map((r) => ({ ...r, message: r.message.replace(/^.*?: /, ''), sessionId: 'stream-1' }));
    const trained = await trainModelFiles(content, { maxEpochs: 1 }, () => undefined);
    const { dir } = await writeModelVersion(path.join(tmp, 'content'), trained.files, trained.meta);
    const rt = await buildRuntime(await readModelVersion(dir), { windowMs: 0, maxBatchItems: 1024 });
    try {
      const ctx = context(rt.parts.window);
      await scoreBatch(rt, ctx, content.slice(0, 5), false);
      const before = ctx.sessions.peek('stream-1')!.keys.slice();
      const odd = { id: 'odd', message: 'segfault in module xyz at 0xdeadbeef', sessionId: 'stream-1' };
      const [v] = await scoreBatch(rt, ctx, [odd], true);
      expect(v!.isAnomaly).toBe(true);
      expect(v!.reasons).toEqual(expect.arrayContaining(['drain.new_template', 'deeplog.unexpected_key']));
      expect(v!.score).toBe(1);
      expect(ctx.sessions.peek('stream-1')!.keys).toEqual(before);
    } finally {
      await rt.retire(0);
    }
  }, 60_000);
});
