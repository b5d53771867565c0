/* eslint-disable @typescript-eslint/no-explicit-any -- API replies are walked loosely in assertions */
/**
 * The web console in a real browser (docs/api.md "Console API", README "Web console"):
 * `npm start`'s stack (real detector + collector processes, no Elasticsearch: the local store
 * and index answer) fed by the demo generator, the console loaded in headless Chromium (the
 * system's, driven by playwright-core): flagged groups with readable explanations, pattern
 * plots, a session timeline, the status; then "This template is normal" and the template
 * stops being flagged. Screenshots go to CONSOLE_SCREENSHOT_DIR (docs/img for the README).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RAW_LINE_SESSION_REGEX } from '@log-sentinel/demo-generator';
import { freePort } from '@log-sentinel/loopback-process';
import { DEMO_SESSION_IDLE_MS, runDemo } from './demo-run';
import { COLLECTOR_ENTRY, DETECTOR_ENTRY, LocalStack } from './local-stack';
import { stackDirs } from './stack-config';

jest.setTimeout(300_000);

/** The system Chromium (`apt-get install chromium`; .ci/run installs it). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const SHOTS = process.env.CONSOLE_SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ls-console-shots-'));

let home: string;
let stack: LocalStack | undefined;
let browser: Browser | undefined;
let url: string;
const log: string[] = [];

async function api(p: string, init?: RequestInit): Promise<any> {
  const res = await fetch(new URL(p, url), init);
  const body = await res.json();
  if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function post(items: Array<Record<string, string>>): Promise<string[]> {
  const res = await api('/logs', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: items.map((i) => JSON.stringify(i)).join('\n') + '\n' });
  return res.ids as string[];
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
}

beforeAll(async () => {
  if (!CHROMIUM) throw new Error('Chromium is missing: apt-get install chromium (or set CHROMIUM_PATH)');
  for (const entry of [DETECTOR_ENTRY, COLLECTOR_ENTRY]) if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-console-'));
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete baseEnv.ELASTIC_ADDR; // as `npm start` without Elasticsearch: the local store answers
  const dirs = stackDirs(home, home);
  stack = LocalStack.start({
    dirs,
    detectorPort: await freePort(),
    detectorMetricsPort: 0,
    collectorPort: await freePort(),
    baseEnv,
    detectorEnv: { DETECTOR_LEARNING_RECORDS: '1500', DETECTOR_SESSION_REGEX: RAW_LINE_SESSION_REGEX, DETECTOR_SESSION_TTL_MS: String(DEMO_SESSION_IDLE_MS) },
    stopGraceMs: 15_000,
  });
  url = stack.collectorUrl;
  await stack.ready;
  await runDemo({
    seed: 7,
    learningRecords: 1500,
    testSessions: 60,
    perKind: 2,
    timeoutMs: 200_000,
    collectorUrl: url,
    detectorAddr: stack.detectorAddr,
    watchDir: dirs.watch,
    home,
    cwd: home,
    baseEnv,
    stopGraceMs: 15_000,
    write: (l) => log.push(l),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('web console in Chromium against the demo stack (real detector + collector)', () => {
  it('shows the demo’s flagged groups with readable explanations, the pattern plots, a session timeline and the status', async () => {
    // Session verdicts arrive as the demo's sessions go idle: wait until both kinds are listed,
    // so the counts below compare one settled list.
    await until('record and session groups', 60_000, async () => {
      const kinds = new Set(((await api('/api/anomalies?since=24h&by=template&limit=200')).groups as { kind: string }[]).map((g) => g.kind));
      return kinds.has('record') && kinds.has('session') ? true : undefined;
    });
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/`);
    const groups = page.locator('[data-testid=anomaly-groups] > li.group');
    await groups.first().waitFor({ timeout: 15_000 });
    const api_ = await api('/api/anomalies?since=24h&by=template&limit=200');
    expect(api_.source).toBe('local');
    expect(await groups.count()).toBe(api_.groups.length);
    // The injected unseen message is a group of its own, in words.
    const unseen = page.locator('li.group', { hasText: 'TLS handshake' }).first();
    await expect(unseen.locator('.chip.reason').first().textContent()).resolves.toMatch(/never seen before|unexpected step/);
    await shot(page, 'console-anomalies.png');

    // Expand it: the explanation names the observed template and the session's recent templates.
    await unseen.locator('.group-head').click();
    const explanation = unseen.locator('[data-testid=explanation]').first();
    await explanation.waitFor();
    expect(await explanation.locator('.why').textContent()).toBeTruthy();
    expect(await unseen.locator('.doc-head').first().textContent()).toMatch(/model \S+/);
    expect(await explanation.locator('ol.trail li').count()).toBeGreaterThan(1);
    // Each model's view: Drain found a new template; DeepLog and Isolation Forest with their scores.
    const models = explanation.locator('[data-testid=models]');
    expect(await models.locator('tr', { hasText: 'Drain' }).textContent()).toMatch(/flagged.*never seen/);
    expect(await models.locator('tr', { hasText: 'Isolation Forest' }).textContent()).toMatch(/score \d\.\d+ \(threshold \d\.\d+\)/);
    await shot(page, 'console-explanation.png');

    // The "Show" drop-down narrows the list to one kind, as the API does with ?kind=.
    const show = page.locator('label', { hasText: 'Show' }).locator('select');
    for (const kind of ['record', 'session']) {
      const expected = (await api(`/api/anomalies?since=24h&by=template&limit=200&kind=${kind}`)).groups.length as number;
      expect(expected).toBeGreaterThan(0);
      expect(expected).toBeLessThan(api_.groups.length);
      await show.selectOption(kind);
      await until(`only ${kind} groups listed`, 15_000, async () =>
        (await groups.count()) === expected && (await groups.locator(`.group-head .kind-${kind}`).count()) === expected ? true : undefined,
      );
    }
    await show.selectOption('');
    await until('every group back', 15_000, async () => ((await groups.count()) === api_.groups.length ? true : undefined));

    // Patterns: a plot per template, the new one marked; a click shows its lines and parameters.
    await page.goto(`${url}/#/patterns`);
    const rows = page.locator('[data-testid=patterns] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid=patterns] svg.bars').count()).toBe(await rows.count());
    const tls = rows.filter({ hasText: 'TLS handshake' }).first();
    expect(await tls.locator('.chip.new').count()).toBe(1);
    const all = await rows.count();
    await page.locator('input[type=search]').fill('tls HANDSHAKE');
    await until('the search to keep only the TLS template', 15_000, async () => {
      const texts = await rows.allTextContents();
      return texts.length === 1 && /TLS handshake/.test(texts[0]!) ? true : undefined;
    });
    await page.locator('input[type=search]').fill('');
    await until('every template back', 15_000, async () => ((await rows.count()) === all ? true : undefined));
    await tls.locator('a').click();
    const detail = page.locator('[data-testid=pattern-detail]');
    await detail.locator('table.examples tbody tr').first().waitFor();
    expect(await detail.locator('.chip.param').count()).toBeGreaterThan(0);
    await shot(page, 'console-patterns.png');

    // Sessions: a flagged session's timeline with the flagged step highlighted.
    const flaggedSession = api_.groups.find((g: any) => g.kind === 'record' && g.latest.session?.id)!.latest.session.id as string;
    await page.goto(`${url}/#/sessions/${encodeURIComponent(flaggedSession)}`);
    const timeline = page.locator('[data-testid=timeline] ol.timeline');
    await timeline.locator('li').first().waitFor();
    expect(await timeline.locator('li.flagged').count()).toBeGreaterThan(0);
    await shot(page, 'console-sessions.png');

    // Status: the model the detector serves, spool depth, rates.
    await page.goto(`${url}/#/status`);
    await page.locator('[data-testid=model-version]').waitFor();
    const status = await api('/api/status');
    expect(await page.locator('[data-testid=model-version]').textContent()).toBe(status.detectors[0].model.version);
    expect(await page.locator('[data-testid=elasticsearch]').textContent()).toBe('disabled');
    await shot(page, 'console-status.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"This template is normal" calls the feedback API and the template is no longer flagged', async () => {
    // A flagged record whose session we can replay: the same steps under a new session id.
    const { groups } = await api('/api/anomalies?since=24h&by=template&limit=200');
    const candidates = groups.filter((g: any) => g.kind === 'record' && g.latest.template?.id && g.latest.session?.id && g.latest.anomaly.reasons.includes('deeplog.unexpected_key'));
    expect(candidates.length).toBeGreaterThan(0);
    let probe: { group: any; replay: (tag: string) => Promise<string> } | undefined;
    for (const g of candidates) {
      const s = await api(`/api/sessions/${encodeURIComponent(g.latest.session.id)}`);
      const upTo = s.steps.findIndex((st: any) => st.event_id === g.latest.event.id);
      if (upTo < 0) continue;
      const steps = s.steps.slice(0, upTo + 1);
      const replay = async (tag: string): Promise<string> => {
        const sid = `${g.latest.session.id}-replay-${tag}`;
        const ids = await post(steps.map((st: any) => ({ message: st.message, source: g.latest.service?.name ?? 'web', 'host.name': g.latest.host?.name ?? 'h', 'session.id': sid })));
        return ids[ids.length - 1]!;
      };
      // Before feedback, the replayed record is flagged again.
      const id = await replay('before');
      const flagged = await until('the replay’s verdict', 10_000, async () => {
        const docs = (await api(`/api/sessions/${encodeURIComponent(`${g.latest.session.id}-replay-before`)}`).catch(() => undefined))?.steps ?? [];
        const d = docs.find((x: any) => x.event_id === id);
        return d ? (d.is_anomaly as boolean) : undefined;
      });
      if (flagged) {
        probe = { group: g, replay };
        break;
      }
    }
    expect(probe).toBeDefined();
    const templateId = probe!.group.latest.template.id as string;

    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}/`);
    const row = page.locator(`li.group[data-group="${probe!.group.group.replace(/"/g, '\\"')}"]`);
    await row.locator('.group-head').click();
    await row.locator('[data-testid=template-normal]').first().click();
    await expect(row.locator('[data-testid=feedback-result]').first().textContent({ timeout: 60_000 })).resolves.toMatch(new RegExp(`Template ${templateId} marked normal`));
    await row.locator('[data-testid=mark-effect]').waitFor();

    // After feedback (counted from the next 10-second bucket, the time the console remembers), the same replay is not flagged, and the console says so.
    const markedAt = Date.parse((await page.evaluate(`JSON.parse(localStorage.getItem('log-sentinel.normal') ?? '{}')`) as Record<string, string>)[templateId]!);
    expect(markedAt).toBeGreaterThan(Date.now() - 60_000);
    await until('the bucket the feedback counts from', 15_000, async () => (Date.now() > markedAt ? true : undefined));
    const id = await probe!.replay('after');
    const after = await until('the replay’s verdict after feedback', 10_000, async () => {
      const s = await api(`/api/sessions/${encodeURIComponent(`${probe!.group.latest.session.id}-replay-after`)}`).catch(() => undefined);
      return s?.steps.find((x: any) => x.event_id === id);
    });
    expect(after.is_anomaly).toBe(false);
    const effect = row.locator('[data-testid=mark-effect]');
    await until('the console to count the new records', 20_000, async () => (/since [\d:]+: [1-9]\d* records, 0 flagged/.test((await effect.textContent()) ?? '') ? true : undefined));
    await shot(page, 'console-feedback.png');
    await page.close();
  });
});
