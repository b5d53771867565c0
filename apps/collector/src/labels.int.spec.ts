/**
 * Issue 17, defect 14 through the built collector: a `labels.__proto__` field is refused with
 * its index and field named, while its neighbours in the same body are stored (docs/api.md).
 */
import { type CollectorProc, postLogs, startIsolatedCollector } from './testing/harness';

jest.setTimeout(60_000);

let c: CollectorProc | undefined;
afterAll(async () => {
  await c?.stop();
});

it('defect 14 (labels.__proto__ dropped): POST /logs refuses the item naming labels.__proto__ and stores its neighbours', async () => {
  c = await startIsolatedCollector('proto-label');
  const body = ['{"message":"first","labels":{"team":"a"}}', '{"message":"second","labels":{"__proto__":"x"}}', '{"message":"third"}'].join('\n');
  const r = await postLogs(c.url, body);
  expect(r.status).toBe(200);
  expect(r.body.accepted).toBe(2);
  expect(r.body.rejected).toEqual([{ index: 1, field: 'labels.__proto__', reason: expect.stringMatching(/"__proto__" is reserved/) }]);
  const alone = await postLogs(c.url, '{"message":"only","__proto__":"x"}', 'application/json');
  expect(alone.status).toBe(400);
  expect(JSON.stringify(alone.body)).toMatch(/__proto__/);
});
