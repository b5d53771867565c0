import { logsPathOf } from './logs-route';

describe('logsPathOf (which requests the node:http POST /logs route takes from Express)', () => {
  // Cases as data rows (input → expected); the same shape in other specs' tables is data, not repeated code.
  it.each([
    ['/logs', '/logs'],
    ['/logs/', '/logs/'],
    ['/LOGS', '/LOGS'],
    ['/Logs?source=x', '/Logs'],
    ['/logs/?a=1&b=2', '/logs/'],
    ['http://evil/logs', '/logs'],
    ['http://127.0.0.1:8080/logs?x', '/logs'],
  ])('takes %s (path %s), as Express routed it to POST /logs', (url, path) => {
    expect(logsPathOf(url)).toBe(path);
  });

  it.each(['/', '/logs//', '/logsx', '/log', '/logs/x', '/log%73', '/es/logs', '//logs', '*', 'http://[bad', '', undefined])('leaves %s to Express', (url) => {
    expect(logsPathOf(url)).toBeUndefined();
  });
});
