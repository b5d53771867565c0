/**
 * The detector client against a real gRPC server on loopback that records every request it
 * gets: re-scoring is a dry run (issue 11: re-scoring never changes live state), a `learning`
 * answer to a re-score stays pending, closed-session verdicts are collected from live
 * responses and by polling an idle detector, and feedback reaches every detector.
 */
import * as grpc from '@grpc/grpc-js';
import { loadDetectorProto, type DetectRequest__Output, type FeedbackRequest__Output, type SessionVerdict } from '@log-sentinel/proto';
import type { LogRecord, SessionVerdict as DomainSessionVerdict } from '@log-sentinel/schema';
import pino from 'pino';
import { DetectorClient } from './client';
import { FeedbackError } from './errors';

/** A detector stand-in: answers per its `status`, hands queued session verdicts to the next live Detect. */
class RecordingDetector {
  readonly detects: DetectRequest__Output[] = [];
  readonly feedbacks: FeedbackRequest__Output[] = [];
  status = 'scored';
  queued: SessionVerdict[] = [];
  feedbackCode: grpc.status | undefined;
  private server = new grpc.Server();
  port = 0;

  async start(): Promise<void> {
    const { grpcType } = loadDetectorProto();
    const unimplemented = (_call: unknown, cb: (e: Partial<grpc.ServiceError>) => void): void => cb({ code: grpc.status.UNIMPLEMENTED });
    this.server.addService(grpcType.sentinel.detector.v1.Detector.service, {
      Detect: (call: grpc.ServerUnaryCall<DetectRequest__Output, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        const req = call.request;
        this.detects.push(req);
        const results = req.records.map((r) => ({ record_id: r.id, status: this.status, template_id: 't1', template: 'tpl', model_version: 'v1', session_id: r.session_id }));
        const closed = req.dry_run ? [] : this.queued.splice(0);
        cb(null, { results, closed_sessions: closed });
      },
      Feedback: (call: grpc.ServerUnaryCall<FeedbackRequest__Output, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        this.feedbacks.push(call.request);
        if (this.feedbackCode !== undefined) cb({ code: this.feedbackCode, details: 'no model is serving yet' });
        else cb(null, { accepted: call.request.records.length, template_ids: ['t9'], windows_learned: 1, model_version: `v-${this.port}` });
      },
      DetectStream: unimplemented,
      Train: unimplemented,
      GetModel: unimplemented,
      CloseSessions: unimplemented,
    });
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
    );
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}

const log = pino({ level: 'silent' });
const rec = (id: string, sessionId = 's1'): LogRecord => ({
  id,
  timestamp: '2026-06-01T12:00:00.000Z',
  timestampAssigned: false,
  message: `message ${id}`,
  sessionId,
  labels: {},
  original: id,
  ingested: '2026-06-01T12:00:00.000Z',
  origin: 'http',
});
const opts = { deadlineMs: 2000, maxBatch: 100, concurrency: 2, breakerFailures: 3, breakerResetMs: 500 };
const servers: RecordingDetector[] = [];
const clients: DetectorClient[] = [];

async function detector(): Promise<RecordingDetector> {
  const d = new RecordingDetector();
  await d.start();
  servers.push(d);
  return d;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.stop();
});

describe('DetectorClient against a real gRPC server', () => {
  it('sends live scoring with dry_run false and every re-score with dry_run true; a learning answer to a re-score stays pending', async () => {
    const d = await detector();
    const c = new DetectorClient({ ...opts, addrs: [`127.0.0.1:${d.port}`], lingerMs: 2 }, log);
    clients.push(c);
    const live = await c.score([rec('a'), rec('b')]);
    expect(live.verdicts.map((v) => v.status)).toEqual(['scored', 'scored']);
    const again = await c.score([rec('a'), rec('b')], { rescore: true });
    expect(again).toMatchObject({ scored: 2 });
    expect(d.detects.map((r) => [r.dry_run, r.records.map((x) => x.id)])).toEqual([
      [false, ['a', 'b']],
      [true, ['a', 'b']],
    ]);

    d.status = 'learning'; // restarted without a model
    const learningLive = await c.score([rec('c')]);
    expect(learningLive.verdicts[0]!.status).toBe('learning');
    const learningRescore = await c.score([rec('d'), rec('e')], { rescore: true });
    expect(learningRescore.scored).toBe(0);
    expect(learningRescore.verdicts.map((v) => v.status)).toEqual(['pending', 'pending']);
    expect(d.detects.slice(2).map((r) => r.dry_run)).toEqual([false, true]);
  });

  it('hands closed-session verdicts of live responses to the hook once, polls an idle detector with an empty Detect, and never collects them on dry runs', async () => {
    const d = await detector();
    const got: DomainSessionVerdict[] = [];
    const c = new DetectorClient({ ...opts, addrs: [`127.0.0.1:${d.port}`], sessionPollMs: 100 }, log, { onSessionVerdicts: (v) => got.push(...v) });
    clients.push(c);
    const verdict = (id: string): SessionVerdict => ({ session_id: id, is_anomaly: true, score: 0.9, reasons: ['deeplog.missing_step'], model_version: 'v1', explanation: 'ended early', records: 5, flagged_records: 0, status: 'idle', recent: ['a', 'b'] });

    d.queued.push(verdict('blk_1'));
    await c.score([rec('r1')], { rescore: true }); // a dry run: the verdict stays with the detector
    expect(got).toEqual([]);
    const before = Date.now();
    await c.score([rec('r2')]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ sessionId: 'blk_1', isAnomaly: true, reasons: ['deeplog.missing_step'], records: 5, flaggedRecords: 0, recent: ['a', 'b'], status: 'scored' });
    expect(Date.parse(got[0]!.closedAt)).toBeGreaterThanOrEqual(before);

    // No traffic: the client polls with empty live Detects, which bring the next verdict.
    const detectsBefore = d.detects.length;
    d.queued.push(verdict('blk_2'));
    const until = Date.now() + 5000;
    while (got.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(got.map((v) => v.sessionId)).toEqual(['blk_1', 'blk_2']);
    const polls = d.detects.slice(detectsBefore);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.records.length === 0 && r.dry_run === false)).toBe(true);
  });

  it('sends feedback to every detector with the records as they are; refusals and unreachable detectors are told apart', async () => {
    const [d1, d2] = [await detector(), await detector()];
    const c = new DetectorClient({ ...opts, addrs: [`127.0.0.1:${d1.port}`, `127.0.0.1:${d2.port}`] }, log);
    clients.push(c);
    const out = await c.feedback([rec('f1', 'blk_7')], 'known maintenance');
    expect(out.map((o) => [o.addr, o.accepted, o.templateIds, o.modelVersion])).toEqual([
      [`127.0.0.1:${d1.port}`, 1, ['t9'], `v-${d1.port}`],
      [`127.0.0.1:${d2.port}`, 1, ['t9'], `v-${d2.port}`],
    ]);
    expect(d1.feedbacks[0]).toMatchObject({ note: 'known maintenance', records: [{ id: 'f1', message: 'message f1', session_id: 'blk_7' }] });

    d2.feedbackCode = grpc.status.FAILED_PRECONDITION;
    await expect(c.feedback([rec('f2')])).rejects.toMatchObject({ code: 'FEEDBACK_REFUSED', message: expect.stringMatching(/no model is serving yet/) });
    d2.feedbackCode = undefined;
    await d2.stop();
    const err = await c.feedback([rec('f3')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedbackError);
    expect((err as FeedbackError).code).toBe('DETECTOR_UNAVAILABLE');
  });
});
