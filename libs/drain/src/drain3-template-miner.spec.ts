/**
 * Drain3's template-miner test cases, translated: logpai/Drain3 `tests/test_template_miner.py` at
 * commit 0b653e8f3657a6a55393789583b0f62350887767 (MIT). Our code is our own. Translation notes:
 * a Drain3 `TemplateMinerConfig()` is {@link DRAIN3_DEFAULTS}; masks are JavaScript regexes
 * (`(?<name>…)`, `\k<name>` for Python's `(?P<name>…)`, `(?P=name)`); placeholders are always
 * `<NAME>` (test_extract_parameters sets a `[:`/`:]` mask prefix/suffix, written here with `<`/`>`).
 * test_load_config is translated in apps/cli (the config file belongs to the CLI).
 */
import { DRAIN3_DEFAULTS, type ExtraMask } from './options';
import { TemplateMiner } from './template-miner';

const NUM: ExtraMask = { pattern: '((?<=[^A-Za-z0-9])|^)([\\-\\+]?\\d+)((?=[^A-Za-z0-9])|$)', maskWith: 'NUM' };

describe('TemplateMiner against Drain3 test_template_miner.py', () => {
  it.each([
    ['unlimited clusters', undefined],
    ['limited clusters', 10],
  ])('test_save_load_snapshot (%s)', (_name, maxClusters) => {
    const miner1 = new TemplateMiner({ ...DRAIN3_DEFAULTS, ...(maxClusters === undefined ? {} : { maxClusters }) });
    for (const m of ['hello', 'hello ABC', 'hello BCD', 'hello XYZ', 'goodbye XYZ']) miner1.add(m);
    const miner2 = TemplateMiner.restore(JSON.stringify(miner1.snapshot()));
    expect(miner2.clusters().map((c) => c.id)).toEqual(miner1.clusters().map((c) => c.id));
    expect(miner2.snapshot().tree).toEqual(miner1.snapshot().tree);
    expect(miner2.add('hello yyy')).toEqual(miner1.add('hello yyy'));
    expect(miner2.add('goodbye ABC')).toEqual(miner1.add('goodbye ABC'));
  });

  it('test_extract_parameters', () => {
    const miner = new TemplateMiner({ ...DRAIN3_DEFAULTS, extraMasks: [NUM, { pattern: 'multiple words', maskWith: 'WORDS' }] });
    const addAndTest = (msg: string, expected: string[], exact = false): void => {
      const r = miner.add(msg);
      const params = miner.extractParameters(r.cluster.template, msg, exact);
      expect(params?.map((p) => p.value)).toEqual(expected);
    };
    addAndTest('hello', []);
    addAndTest('hello ABC', []);
    addAndTest('hello BCD', ['BCD']);
    addAndTest('hello    BCD', ['BCD']);
    addAndTest('hello\tBCD', ['BCD']);
    addAndTest('request took 123 ms', ['123']);
    addAndTest('file saved [test.xml]', []);
    addAndTest('new order received: <xyz>', []);
    addAndTest('order type: new, order priority:3', ['3']);
    addAndTest('order type: changed, order priority:5', ['changed,', '5']);
    addAndTest('sometimes one needs multiple words', ['multiple words'], true);
    addAndTest('sometimes one needs not', ['not'], true);
    addAndTest('sometimes one needs multiple words', ['multiple words'], true);
  });

  describe('test_extract_parameters_direct', () => {
    const masks: ExtraMask[] = [
      { pattern: 'hdfs://[\\w.:@-]*((/[\\w.~%+-]+)+/?)?', maskWith: 'hdfs_uri' },
      { pattern: '(?<quote>["\'`]).*?\\k<quote>', maskWith: 'quoted_string' },
      { pattern: '((?<p_0>[*_])\\2{0,2}).*?\\1', maskWith: 'markdown_emph' },
      { pattern: 'multiple \\*word\\* pattern', maskWith: '*words*' },
      { pattern: 'some \\S+ \\S+ pattern', maskWith: '*words*' },
      { pattern: '(\\d{1,3}\\.){3}\\d{1,3}', maskWith: 'ip' },
      { pattern: '(?<number>\\d+)\\.\\d+', maskWith: 'float' },
      { pattern: '0[xX][a-fA-F0-9]+', maskWith: 'integer' },
      { pattern: '(?<number>\\d+)', maskWith: 'integer' },
      { pattern: 'HelloWorld', maskWith: '*' },
      { pattern: 'MaskPrefix', maskWith: '<' },
    ];
    const miner = new TemplateMiner({ ...DRAIN3_DEFAULTS, extraMasks: masks });
    const vectors: [string, string, string[] | null, string[] | null][] = [
      ['<hdfs_uri>:<integer>+<integer>', 'hdfs://msra-sa-41:9000/pageinput2.txt:671088640+134217728', ['hdfs://msra-sa-41:9000/pageinput2.txt', '671088640', '134217728'], ['hdfs_uri', 'integer', 'integer']],
      ['Hello <quoted_string>', "Hello 'World'", ["'World'"], ['quoted_string']],
      ['<quoted_string><quoted_string>', `'This "should"'\`do no breakin'\``, [`'This "should"'`, "`do no breakin'`"], ['quoted_string', 'quoted_string']],
      ['This is <markdown_emph> <markdown_emph>!.', 'This is ___very___ *important*!.', ['___very___', '*important*'], ['markdown_emph', 'markdown_emph']],
      ['<float>.<*>', '0.15.Test', ['0.15', 'Test'], ['float', '*']],
      ['<ip>:<integer>', '192.0.0.1:5000', ['192.0.0.1', '5000'], ['ip', 'integer']],
      ['<ip>:<integer>:<integer>', '192.0.0.1:5000:123', ['192.0.0.1', '5000', '123'], ['ip', 'integer', 'integer']],
      ['<float>.<*>.<float>', '0.15.Test.0.2', ['0.15', 'Test', '0.2'], ['float', '*', 'float']],
      ['<float> <float>', '0.15 10.16', ['0.15', '10.16'], ['float', 'float']],
      ['<*words*>@<integer>', 'some other cool pattern@0xe1f', ['some other cool pattern', '0xe1f'], ['*words*', 'integer']],
      [
        'Another test with <*words*> that includes <integer><integer> and <integer> <*> <integer>',
        'Another test with some other 0Xadded pattern that includes 500xc0ffee and 0X4 times 5',
        ['some other 0Xadded pattern', '50', '0xc0ffee', '0X4', 'times', '5'],
        ['*words*', 'integer', 'integer', 'integer', '*', 'integer'],
      ],
      ['some <*words*> <*words*>', 'some multiple *word* pattern some confusing *word* pattern', ['multiple *word* pattern', 'some confusing *word* pattern'], ['*words*', '*words*']],
      ['<*words*> <*>', 'multiple *word* pattern <*words*>', ['multiple *word* pattern', '<*words*>'], ['*words*', '*']],
      ['<*> <*>', 'HelloWorld Test', ['HelloWorld', 'Test'], ['*', '*']],
      ['<*> <*>', 'HelloWorld <anything>', ['HelloWorld', '<anything>'], ['*', '*']],
      ['<*><integer>', 'HelloWorld1', ['HelloWorld', '1'], ['*', 'integer']],
      ['<*> works <*>', 'This works as-expected', ['This', 'as-expected'], ['*', '*']],
      ['<memory:<integer>>', '<memory:8>', ['8'], ['integer']],
      ['<memory:<integer> <core:<float>>>', '<memory:8 <core:0.5>>', ['8', '0.5'], ['integer', 'float']],
      ['<*> <memory:<<integer> <core:<float>>>', 'New: <memory:<8 <core:0.5>>', ['New:', '8', '0.5'], ['*', 'integer', 'float']],
      ['<<>', 'MaskPrefix', ['MaskPrefix'], ['<']],
      ['<<<>>', '<MaskPrefix>', ['MaskPrefix'], ['<']],
      ['There are no parameters here.', 'There are no parameters here.', [], []],
      ['<float> <float>', '0.15 10.16 3.19', null, null],
      ['<float> <float>', '0.15 10.16 test 3.19', null, null],
      ['<memory:<<integer> <core:<float>>>', '<memory:8 <core:0.5>>', null, null],
      ['<<>', '<<>', null, null],
      ['<*words*> <*words*>', '0.15 0.15', null, null],
    ];
    it.each(vectors)('%s ← %s', (template, content, values, names) => {
      const got = miner.extractParameters(template, content, true);
      if (values === null) expect(got).toBeUndefined();
      else {
        expect(got?.map((p) => p.value)).toEqual(values);
        expect(got?.map((p) => p.maskName)).toEqual(names);
      }
    });
  });

  it('test_match_only', () => {
    const miner = new TemplateMiner({ ...DRAIN3_DEFAULTS, extraDelimiters: ['_'], extraMasks: [NUM] });
    for (const m of ['aa aa aa', 'aa aa bb', 'xx yy zz', 'rrr qqq 123']) miner.add(m);
    expect(miner.match('aa   aa tt')?.cluster.id).toBe(1);
    expect(miner.match('aa aa 12')?.cluster.id).toBe(1);
    expect(miner.match('xx yy   zz')?.cluster.id).toBe(2);
    expect(miner.match('xx yy rr')).toBeUndefined();
    expect(miner.match('nothing')).toBeUndefined();
    expect(miner.match('rrr qqq   456   ')?.cluster.id).toBe(3);
    expect(miner.match('rrr qqq 555.2')).toBeUndefined(); // <NUM>.<NUM> is not the typed <NUM>
    expect(miner.match('rrr qqq num')).toBeUndefined(); // a word is not a <NUM>
  });

  it('test_match_strategies', () => {
    let miner = new TemplateMiner({ ...DRAIN3_DEFAULTS });
    for (const m of ['training4Model start', 'loadModel start', 'loadModel stop', 'this is a test']) miner.add(m);
    expect(miner.match('loadModel start', 'fallback')).toBeDefined();
    expect(miner.match('loadModel start', 'always')).toBeDefined();
    expect(miner.match('loadModel start', 'never')).toBeUndefined();
    miner.add('loadModel start');
    expect(miner.match('loadModel start', 'fallback')).toBeDefined();
    expect(miner.match('loadModel start', 'always')).toBeDefined();
    expect(miner.match('loadModel start', 'never')).toBeDefined();

    miner = new TemplateMiner({ ...DRAIN3_DEFAULTS, parametrizeNumericTokens: false });
    for (const m of ['training4Model start', 'loadModel start', 'loadModel stop', 'this is a test']) miner.add(m);
    expect(miner.match('loadModel start', 'fallback')).toBeDefined();
    expect(miner.match('loadModel start', 'always')).toBeDefined();
    expect(miner.match('loadModel start', 'never')).toBeDefined();
    for (const s of ['never', 'always', 'fallback'] as const) expect(miner.match('', s)).toBeUndefined();
    miner.add('');
    for (const s of ['never', 'always', 'fallback'] as const) expect(miner.match('', s)).toBeDefined();
  });
});
