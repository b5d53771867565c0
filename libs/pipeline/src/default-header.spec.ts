import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripCommonHeader } from './default-header';
import { deriveSessionId } from './default-session';

const TESTDATA = path.resolve(__dirname, '../../../testdata/loghub_2k');

describe('stripCommonHeader (models trained without a header format)', () => {
  it.each([
    ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating', 'PacketResponder 1 for block blk_38865049064139660 terminating', { Level: 'INFO', Pid: '148', Component: 'dfs.DataNode$PacketResponder' }],
    ['2026-06-01T12:00:03Z WARN payments Payment pay-9 declined', 'payments Payment pay-9 declined', { Level: 'WARN' }],
    ['2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application', 'Created MRAppMaster for application', { Level: 'INFO', Component: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster' }],
    ['Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0', 'authentication failure; logname= uid=0', { Host: 'combo', Component: 'sshd(pam_unix)', Pid: '19939' }],
    ['[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties', 'workerEnv.init() ok /etc/httpd/conf/workers2.properties', { Level: 'notice' }],
    ['ERROR payment gateway timeout', 'payment gateway timeout', { Level: 'ERROR' }],
  ])('%s', (line, content, fields) => {
    const s = stripCommonHeader(line);
    expect(s?.content).toBe(content);
    expect(s?.fields).toMatchObject(fields);
    expect(s?.fields.Timestamp ?? '').not.toMatch(/[a-z]{4}/);
  });

  it('keeps lines without a leading timestamp or level, and never empties a line', () => {
    expect(stripCommonHeader('User u42 logged in from 10.0.3.7')).toBeUndefined();
    expect(stripCommonHeader('Error reading file /etc/x')).toBeUndefined();
    expect(stripCommonHeader('2026-06-01T12:00:03Z')).toBeUndefined();
  });

  it('cuts the timestamp of every HDFS, Hadoop and Zookeeper line of loghub_2k (templates never hold them)', () => {
    for (const system of ['HDFS', 'Hadoop', 'Zookeeper']) {
      const lines = fs.readFileSync(path.join(TESTDATA, system, `${system}_2k.log`), 'utf8').split(/\r?\n/).filter((l) => l.trim());
      for (const l of lines) {
        const s = stripCommonHeader(l);
        expect({ system, line: l, cut: s !== undefined }).toMatchObject({ cut: true });
        expect(s!.content).not.toMatch(/^\d{2,4}[-/]?\d{2}/);
      }
    }
  });
});

describe('deriveSessionId (common id shapes)', () => {
  // Cases as data rows (input → expected); the same shape in other specs' tables is data, not repeated code.
  it.each([
    ['Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106', 'blk_-1608999687919862906'],
    ['GET /cart status=200 request_id=9f1c2e7a latency=41ms', '9f1c2e7a'],
    ['handled trace-id: 4bf92f3577b34da6 in 3 ms', '4bf92f3577b34da6'],
    ['Session sess-42 started for user user1042', 'sess-42'],
    ['checkout session=abc123 ok', 'abc123'],
  ])('%s', (line, id) => {
    expect(deriveSessionId(line)).toBe(id);
  });

  it('finds none in a line without an id shape', () => {
    expect(deriveSessionId('Session: user logged in from 10.0.3.7')).toBeUndefined();
    expect(deriveSessionId('instruction cache parity error corrected')).toBeUndefined();
  });
});
