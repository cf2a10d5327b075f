/**
 * The personal tab in headless Chromium (found by test/support/browser.ts, driven by playwright-core),
 * framed by a Teams host stand-in that answers teams-js's initialize, getContext and
 * getAuthToken; the token is signed by the local Entra ID stand-in. Takes the README's screenshots
 * (tab-teacher.png, tab-leader.png) into a temporary folder, so a test run leaves the checkout as
 * it was; `SCREENSHOTS_DIR=docs/screenshots npx mocha test/tab/tab-browser.test.ts` renews the README's.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { projectRoot } from '../../src/project-root';
import type { CoachTally } from '../../src/domain/entities';
import { LEADER, SCHOOL_ID, TEACHER_A, TEACHER_C } from '../domain/builders';
import { launchPersistentBrowser } from '../support/browser';
import { startTestBot, type TestBot } from '../support/test-bot';
import { APP_ID, startSsoStandIn, TENANT_ID, type SsoStandIn } from './sso-fixture';
import { NAMES, NOW, seedTabWorld, TEACHER_E } from './seed';
import { startHostStandIn, type HostStandIn } from './teams-host-stand-in';

/** Where the screenshots go: SCREENSHOTS_DIR (relative to the project), else a temporary folder. */
const KEEP_SCREENSHOTS = process.env.SCREENSHOTS_DIR;
let SCREENSHOTS = '';

/** A coach tally of programme-1: counts only, as a saved observation leaves them. */
function growthTally(id: string, authorId: string, visitAt: string, judging: number, hasQuestion = true): CoachTally {
  return {
    type: 'coachTally',
    id: `coach-tally-${id}`,
    schoolId: SCHOOL_ID,
    personIds: [authorId],
    programmeId: 'programme-1',
    visitId: id,
    authorId,
    visitAt,
    findings: { judgement: judging, interpretation: 0, advice: 0, generalisation: 0 },
    hasQuestion,
    savedAt: visitAt,
  };
}

describe('personal tab in headless Chromium inside a Teams host stand-in', function () {
  this.timeout(90_000);
  let sso: SsoStandIn;
  let host: HostStandIn;
  let bot: TestBot;
  let browser: BrowserContext;
  let scratch: string;

  before(async () => {
    // The first run without a system browser unpacks @sparticuz/chromium (about half a minute).
    this.timeout(240_000);
    sso = await startSsoStandIn();
    host = await startHostStandIn();
    bot = await startTestBot({
      env: {
        MicrosoftAppId: APP_ID,
        TAB_SSO_AUDIENCE: sso.audience,
        TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl,
        TAB_HOST_ORIGINS: host.origin,
      },
      clock: () => NOW,
    });
    await seedTabWorld(bot.store);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-chromium-'));
    const home = path.join(scratch, 'home');
    for (const dir of ['config', 'cache', 'data']) fs.mkdirSync(path.join(home, dir), { recursive: true });
    browser = await launchPersistentBrowser(path.join(scratch, 'profile'), {
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        XDG_DATA_HOME: path.join(home, 'data'),
      },
      viewport: { width: 1200, height: 760 },
      deviceScaleFactor: 1,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    // Network only on 127.0.0.1: anything else (teams-js's CDN list of host origins) is refused.
    await browser.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
    SCREENSHOTS = KEEP_SCREENSHOTS
      ? path.resolve(projectRoot(), KEEP_SCREENSHOTS)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-tab-screenshots-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await bot?.stop();
    await host?.stop();
    await sso?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    if (SCREENSHOTS && !KEEP_SCREENSHOTS) fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  async function openTab(userObjectId: string, name: string): Promise<{ page: Page; tab: Frame }> {
    const token = await sso.sign({ oid: userObjectId, name });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(
      host.pageFor({
        tabUrl: `${bot.service.url}/tab/index.html`,
        token,
        locale: 'nl-NL',
        userObjectId,
        tenantId: TENANT_ID,
      }),
    );
    const frame = await (await page.waitForSelector('iframe#tab')).contentFrame();
    assert.ok(frame, 'the tab frame is there');
    await frame.waitForSelector('[data-testid="teacher-view"], [data-testid="error"], [data-testid="not-in-teams"]', {
      timeout: 30_000,
    });
    assert.deepEqual(errors, [], 'no script errors in the host page');
    return { page, tab: frame };
  }

  it('should show a teacher her partner, her cycle as a timeline and what is next, and open the chat with the bot', async () => {
    const { page, tab } = await openTab(TEACHER_A, NAMES[TEACHER_A]!);
    const calls: string[] = await page.evaluate(() => (window as any).__hostCalls);
    assert.ok(
      ['initialize', 'getContext', 'authentication.getAuthToken'].every((f) => calls.includes(f)),
      `teams-js asked the host: ${calls.join(', ')}`,
    );

    assert.equal(await tab.textContent('h1'), 'Mijn coaching');
    assert.match((await tab.textContent('[data-testid="partner"]')) ?? '', /Mijn collega\s*BJ\s*Bram Jansen/);
    const visit1 = tab.locator('[data-testid="visit-1"]');
    assert.match((await visit1.textContent()) ?? '', /Bezoek 1Jij kijkt bij Bram Jansen/);
    assert.equal(await visit1.locator('[data-done="true"]').count(), 5);
    const visit2 = tab.locator('[data-testid="visit-2"]');
    assert.match((await visit2.textContent()) ?? '', /Bram Jansen kijkt bij jou/);
    assert.match((await visit2.textContent()) ?? '', /dinsdag 24 maart, 09:00/);
    assert.deepEqual(
      await visit2
        .locator('.milestone')
        .evaluateAll((items) =>
          items.map((li) => `${li.getAttribute('data-milestone')}:${li.getAttribute('data-done')}`),
        ),
      ['planned:true', 'confirmed:true', 'observed:false', 'debriefPlanned:false', 'debriefed:false'],
    );
    assert.equal(await tab.textContent('[data-testid="cycle-progress"]'), '1 van 2 lesbezoeken gedaan');
    const card = tab.locator('[data-testid="next-step"] .ac-adaptiveCard');
    assert.equal(await card.count(), 1, 'the next step is an Adaptive Card rendered by the adaptivecards renderer');
    assert.match((await card.textContent()) ?? '', /Het lesbezoek staat gepland\..*Er hoeft nu niets te gebeuren\./s);

    await tab.click('[data-testid="open-chat"]');
    await card.locator('button.ac-pushButton').click();
    // openLink travels to the host by postMessage: wait (bounded) until both clicks arrived.
    await page
      .waitForFunction(() => ((window as any).__openedLinks ?? []).length >= 2, undefined, { timeout: 10_000 })
      .catch(() => undefined);
    const links: string[] = await page.evaluate(() => (window as any).__openedLinks);
    assert.deepEqual(links, [
      `https://teams.microsoft.com/l/chat/0/0?users=28:${APP_ID}`,
      `https://teams.microsoft.com/l/chat/0/0?users=28:${APP_ID}&message=status`,
    ]);

    await tab.locator('body').evaluate(() => document.fonts.ready);
    await tab.locator('#app').screenshot({ path: path.join(SCREENSHOTS, 'tab-teacher.png') });
    assert.ok(fs.statSync(path.join(SCREENSHOTS, 'tab-teacher.png')).size > 10_000, 'a real screenshot');
    await page.close();
  });

  it('should tell the leader "not enough observations yet" and draw no growth chart when no month has 5 observations by 3 observers', async () => {
    // Two colleagues wrote six observations in March: below the minimum of three observers.
    for (const [i, author] of [TEACHER_A, TEACHER_C, TEACHER_A, TEACHER_C, TEACHER_A, TEACHER_C].entries())
      await bot.store.create(growthTally(`few-${i}`, author, `2026-03-0${i + 2}T09:00:00.000Z`, 0));
    const { page, tab } = await openTab(LEADER, NAMES[LEADER]!);
    await tab.click('[data-testid="nav-leader"]');
    const programme = tab.locator('[data-testid="programme-programme-1"]');
    await programme.locator('[data-testid="completion-chart"]').waitFor();
    assert.equal(
      await programme.locator('[data-testid="growth-not-enough"]').textContent(),
      'Beschrijven zonder oordeel: nog niet genoeg observaties om een ontwikkeling te tonen.',
    );
    assert.equal(await programme.locator('[data-testid="growth-chart"]').count(), 0);
    for (const tally of await bot.store.query(SCHOOL_ID, { type: 'coachTally' }))
      await bot.store.delete(SCHOOL_ID, tally.id);
    await page.close();
  });

  it('should show the school leader completion per programme and pair, and no teacher text', async () => {
    const { page, tab } = await openTab(LEADER, NAMES[LEADER]!);
    // March: five observations by three colleagues (shown); February: two (not shown).
    const growth: [string, string, number, boolean][] = [
      [TEACHER_A, '2026-03-02', 0, true],
      [TEACHER_C, '2026-03-03', 0, true],
      [TEACHER_E, '2026-03-04', 1, false],
      [TEACHER_A, '2026-03-09', 0, true],
      [TEACHER_C, '2026-03-10', 2, true],
      [TEACHER_A, '2026-02-16', 1, true],
      [TEACHER_E, '2026-02-17', 0, false],
    ];
    for (const [i, [author, day, judging, question]] of growth.entries())
      await bot.store.create(growthTally(`seen-${i}`, author, `${day}T09:00:00.000Z`, judging, question));
    await tab.click('[data-testid="nav-leader"]');
    await tab.waitForSelector('[data-testid="leader-view"]');
    const programme = tab.locator('[data-testid="programme-programme-1"]');
    const facts = (await programme.locator('.ac-adaptiveCard').textContent()) ?? '';
    assert.match(facts, /Effectieve instructie/);
    assert.match(facts, /Lesbezoeken gedaan\s*4 \/ 6/);
    assert.match(facts, /Nagesprekken gevoerd\s*3/);
    // The digest's words (app/progress/wording.ts).
    assert.match(facts, /Tweetallen op schema\s*1/);
    assert.match(facts, /Tweetallen die achterlopen\s*1/);
    assert.match(facts, /Tweetallen rond\s*1/);
    const row = async (pairId: string) => ({
      names: await tab.locator(`[data-testid="pair-${pairId}"] td`).first().textContent(),
      visits: await tab.locator(`[data-testid="pair-${pairId}"] [data-testid="visits"]`).textContent(),
      debriefs: await tab.locator(`[data-testid="pair-${pairId}"] [data-testid="debriefs"]`).textContent(),
      step: await tab.locator(`[data-testid="pair-${pairId}"] [data-testid="step"]`).textContent(),
      status: await tab.locator(`[data-testid="pair-${pairId}"] .badge`).textContent(),
    });
    assert.deepEqual(await row('pair-1'), {
      names: 'Anna de Vries & Bram Jansen',
      visits: '1 / 2',
      debriefs: '1',
      step: 'wacht op het lesbezoek',
      status: 'Op schema',
    });
    assert.deepEqual(await row('pair-2'), {
      names: 'Chris Bakker & Dewi Smit',
      visits: '1 / 2',
      debriefs: '0',
      step: 'nagesprek afspreken',
      status: 'Loopt achter',
    });
    assert.deepEqual(await row('pair-3'), {
      names: 'Eva Visser & Femke de Boer',
      visits: '2 / 2',
      debriefs: '2',
      step: 'cyclus rond',
      status: 'Rond',
    });
    const completion = programme.locator('[data-testid="completion-chart"]');
    assert.deepEqual(JSON.parse((await completion.getAttribute('data-visits-done'))!).slice(-1), [4]);
    assert.deepEqual(JSON.parse((await completion.getAttribute('data-visits-agreed'))!).slice(-1), [6]);
    assert.ok(((await completion.boundingBox())?.height ?? 0) > 100, 'the completion chart is drawn');
    const chart = programme.locator('[data-testid="growth-chart"]');
    assert.deepEqual(JSON.parse((await chart.getAttribute('data-labels'))!), ['februari 2026', 'maart 2026']);
    assert.deepEqual(JSON.parse((await chart.getAttribute('data-described'))!), [null, 60], 'February is hidden');
    assert.deepEqual(JSON.parse((await chart.getAttribute('data-question'))!), [null, 80]);
    assert.equal(await programme.locator('[data-testid="growth-not-enough"]').count(), 0);
    const text = (await tab.locator('body').textContent()) ?? '';
    assert.ok(!text.includes('MARKER'), 'the leader page shows no observation, reflection, debrief or focus text');

    // Tall enough for the whole page (the table of pairs included) in the README's screenshot.
    await page.setViewportSize({ width: 1200, height: 1400 });
    await tab
      .locator('body')
      .evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await tab.locator('body').evaluate(() => document.fonts.ready);
    await tab.locator('#app').screenshot({ path: path.join(SCREENSHOTS, 'tab-leader.png'), animations: 'disabled' });
    assert.ok(fs.statSync(path.join(SCREENSHOTS, 'tab-leader.png')).size > 10_000, 'a real screenshot');
    await page.close();
  });

  it('should tell the reader to open the tab in Teams when there is no Teams host around it', async () => {
    const page = await browser.newPage();
    await page.goto(`${bot.service.url}/tab/index.html`);
    assert.equal(
      await (await page.waitForSelector('[data-testid="not-in-teams"]', { timeout: 20_000 })).textContent(),
      'Open dit tabblad in Microsoft Teams.',
    );
    await page.close();
  });
});
