/** The Drain configuration file: JSON validated by zod, and Drain3's own `.ini`. */
import * as fs from 'node:fs';
import { TemplateMiner } from '@log-sentinel/drain';
import { CliError } from '../../cli-error';
import { drain3IniOptions, readDrainConfig } from './config-file';
import { drainOptionsFromFlags } from './flags';
import { tempDirPerTest } from '../../temp-dir.spec-helper';

/**
 * An ini file laid out like Drain3's `tests/drain3_test.ini` (logpai/Drain3 at commit
 * bfabf61a96c88454102644cf92851c5e40f424be, MIT): seven masking instructions, 1024 clusters,
 * `_` as extra delimiter, plus sections this build ignores. The last mask uses Python's
 * `(?P<name>…)` syntax.
 */
const DRAIN3_INI = String.raw`[SNAPSHOT]
snapshot_interval_minutes = 10
compress_state = True

[MASKING]
masking = [
          {"regex_pattern":"((?<=[^A-Za-z0-9])|^)(([0-9a-f]{2,}:){3,}([0-9a-f]{2,}))((?=[^A-Za-z0-9])|$)", "mask_with": "ID"},
          {"regex_pattern":"((?<=[^A-Za-z0-9])|^)(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})((?=[^A-Za-z0-9])|$)", "mask_with": "IP"},
          {"regex_pattern":"((?<=[^A-Za-z0-9])|^)([0-9a-f]{6,} ?){3,}((?=[^A-Za-z0-9])|$)", "mask_with": "SEQ"},
          {"regex_pattern":"((?<=[^A-Za-z0-9])|^)([0-9A-F]{4} ?){4,}((?=[^A-Za-z0-9])|$)", "mask_with": "SEQ"},
          {"regex_pattern":"((?<=[^A-Za-z0-9])|^)(0x[a-f0-9A-F]+)((?=[^A-Za-z0-9])|$)", "mask_with": "HEX"},
          {"regex_pattern":"((?<=[^A-Za-z0-9])|^)([\\-\\+]?\\d+)((?=[^A-Za-z0-9])|$)", "mask_with": "NUM"},
          {"regex_pattern":"(?<=executed cmd )(?P<cmd>\".+?\")", "mask_with": "CMD"}
          ]

[DRAIN]
sim_th = 0.4
depth = 4
max_children = 100
max_clusters = 1024
extra_delimiters = ["_"]

[PROFILING]
enabled = True
report_sec = 30
`;

describe('Drain configuration file', () => {
  const tmp = tempDirPerTest('drain-config-');
  const write = (name: string, text: string): string => {
    fs.writeFileSync(tmp.path(name), text);
    return tmp.path(name);
  };

  it("reads Drain3's ini (test_load_config: 1024 clusters, extra delimiter _, 7 masks) and mines with it", async () => {
    const o = await readDrainConfig(write('drain3.ini', DRAIN3_INI));
    expect(o.maxClusters).toBe(1024);
    expect(o.extraDelimiters).toEqual(['_']);
    expect(o.extraMasks).toHaveLength(7);
    expect(o.extraMasks![6]).toEqual({ pattern: '(?<=executed cmd )(?<cmd>".+?")', maskWith: 'CMD' });
    expect(o).toMatchObject({ simThreshold: 0.4, depth: 4, maxChildren: 100, genericMasks: false, collapseParams: false });
    const miner = new TemplateMiner(o);
    expect(miner.add('connected to 10.0.0.1 port 22 via eth_0').cluster.template).toBe('connected to <IP> port <NUM> via eth <NUM>');
    expect(miner.add('executed cmd "rm -rf /tmp/x" ok').cluster.template).toBe('executed cmd <CMD> ok');
  });

  it('reads a JSON file with the library option names', async () => {
    const config = { simThreshold: 0.6, extraMasks: [{ pattern: 'req-[0-9a-f]+', maskWith: 'REQ' }], disabledRules: ['dateWords'], enabledRules: ['singleQuoted'], splitOnValueChange: false };
    const file = write('drain.json', JSON.stringify(config));
    expect(await readDrainConfig(file)).toEqual(config);
  });

  it.each([
    ['bad.json', '{"simTreshold": 0.5}', /bad\.json': .*simTreshold/],
    ['bad2.json', '{"simThreshold": 2}', /bad2\.json': .*simThreshold/],
    ['bad3.json', '{nope', /bad3\.json': not valid JSON/],
    ['bad4.json', '{"disabledRules": ["nope"]}', /bad4\.json': .*disabledRules/],
    ['bad.ini', '[DRAIN]\nsim_th = high\n', /bad\.ini': \[DRAIN\] sim_th must be a number, got high/],
    ['bad2.ini', '[DRAIN]\nsimilarity = 0.4\n', /bad2\.ini': \[DRAIN\] similarity is not a Drain3 setting/],
    ['bad3.ini', '[MASKING]\nmasking = [{"regex": "x"}]\n', /bad3\.ini': \[MASKING\] masking/],
    ['bad4.ini', '[MASKING]\nmask_prefix = [:\n', /mask_prefix other than < is not supported/],
  ])('names the file and the problem: %s', async (name, text, message) => {
    const file = write(name, text);
    await expect(readDrainConfig(file)).rejects.toThrow(message);
    await expect(readDrainConfig(file)).rejects.toThrow(CliError);
  });

  it('names a missing file', async () => {
    await expect(readDrainConfig(tmp.path('none.json'))).rejects.toThrow(/--drain-config '.*none\.json': no such file/);
  });

  it('flags override the file; --mask adds typed masks after the file’s; the library validates the result', async () => {
    const file = write('drain.json', JSON.stringify({ simThreshold: 0.6, extraMasks: [{ pattern: 'a+', maskWith: 'A' }] }));
    const o = await drainOptionsFromFlags('parse', { drainConfig: file, simTh: 0.7, mask: ['B=b+'], defaultMasks: false, extraDelimiter: ['|'] });
    expect(o).toEqual({ simThreshold: 0.7, genericMasks: false, extraDelimiters: ['|'], extraMasks: [{ pattern: 'a+', maskWith: 'A' }, { pattern: 'b+', maskWith: 'B' }] });
    await expect(drainOptionsFromFlags('parse', { mask: ['B=('] })).rejects.toThrow(/parse: Drain flags: option extraMasks\[0\]\.pattern is not a valid regular expression/);
    await expect(drainOptionsFromFlags('parse', { mask: ['nomask'] })).rejects.toThrow(/--mask must be NAME=REGEX/);
  });

  it('turns Python group syntax into JavaScript', async () => {
    const o = drain3IniOptions('[MASKING]\nmasking = [{"regex_pattern": "(?P<q>[\\"\'])x(?P=q)", "mask_with": "Q"}]\n', await import('zod'));
    expect(o.extraMasks).toEqual([{ pattern: `(?<q>["'])x\\k<q>`, maskWith: 'Q' }]);
  });
});
