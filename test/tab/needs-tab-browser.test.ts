/**
 * The leader's buttons on "Wat tweetallen nodig hebben" in the personal tab, in headless Chromium
 * inside the Teams host stand-in (issue 15 items 2 and 5): "Geregeld" with a line and "Kan niet"
 * with a reason write through POST /api/tab/needs/…, the reply shows in place, and the pair is
 * told 1:1 through the real sender (Bot Connector stand-in). The pair's note never shows.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { LEADER, SCHOOL_ID, TEACHER_A, TEACHER_B, TEACHER_C } from '../domain/builders';
import { addReachablePeople, conversationOf } from '../jobs/people';
import { buildPairNeed } from '../store/builders';
import { launchPersistentBrowser } from '../support/browser';
import { startTestBot, type TestBot } from '../support/test-bot';
import { startSsoStandIn, TENANT_ID, type SsoStandIn } from './sso-fixture';
import { NAMES, NOW, seedTabWorld, TEACHER_D } from './seed';
import { startHostStandIn, type HostStandIn } from './teams-host-stand-in';

const NOTE = 'MARKER-PAIR-NOTE alleen voor ons';
const NEED_1 = 'need:pair-1:noVisitPlanned:1';
const NEED_2 = 'need:pair-2:noDebriefScheduled:1';

describe('the leader answers what pairs need in the tab (headless Chromium, Teams host stand-in)', function () {
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
        TAB_SSO_AUDIENCE: sso.audience,
        TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl,
        TAB_HOST_ORIGINS: host.origin,
      },
      clock: () => NOW,
    });
    await seedTabWorld(bot.store);
    const need = { schoolId: SCHOOL_ID, programmeId: 'programme-1', pairNote: NOTE, status: 'open' as const };
    await bot.store.create(
      buildPairNeed({
        ...need,
        id: NEED_1,
        pairId: 'pair-1',
        personIds: [TEACHER_A, TEACHER_B],
        categories: ['coverNeeded'],
        neededBy: '2026-03-24',
        requestedBy: TEACHER_A,
        requestedAt: '2026-03-16T09:00:00.000Z',
      }),
    );
    await bot.store.create(
      buildPairNeed({
        ...need,
        id: NEED_2,
        pairId: 'pair-2',
        step: 'noDebriefScheduled',
        personIds: [TEACHER_C, TEACHER_D],
        categories: ['noFreeTime', 'workload'],
        neededBy: undefined,
        requestedBy: TEACHER_C,
        requestedAt: '2026-03-17T13:00:00.000Z',
      }),
    );
    await addReachablePeople(bot.store, TENANT_ID, [TEACHER_A, TEACHER_B, TEACHER_C, TEACHER_D], bot.connector.url);
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
    // Network only on 127.0.0.1.
    await browser.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
  });

  after(async () => {
    await browser?.close();
    await bot?.stop();
    await host?.stop();
    await sso?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function openLeaderTab(): Promise<{ page: Page; tab: Frame }> {
    const token = await sso.sign({ oid: LEADER, name: NAMES[LEADER]! });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(
      host.pageFor({
        tabUrl: `${bot.service.url}/tab/index.html`,
        token,
        locale: 'nl-NL',
        userObjectId: LEADER,
        tenantId: TENANT_ID,
      }),
    );
    const frame = await (await page.waitForSelector('iframe#tab')).contentFrame();
    assert.ok(frame, 'the tab frame is there');
    await frame.waitForSelector('[data-testid="teacher-view"], [data-testid="error"]', { timeout: 30_000 });
    await frame.click('[data-testid="nav-leader"]');
    await frame.waitForSelector('[data-testid="needs"]');
    assert.deepEqual(errors, [], 'no script errors in the host page');
    return { page, tab: frame };
  }

  /** The pair's messages, once the answer's background delivery is done. */
  async function toldTexts(...teachers: string[]): Promise<string[]> {
    await bot.service.services.background.idle();
    return teachers.flatMap((t) => bot.connector.sent(conversationOf(t)).map((a) => String(a.text)));
  }

  it('should list both requests without the pairs’ notes, and arrange one with a line and decline the other with a reason', async () => {
    const { page, tab } = await openLeaderTab();
    const needs = tab.locator('[data-testid="needs"]');
    assert.equal(await needs.locator('h3').textContent(), 'Wat tweetallen nodig hebben');
    const first = needs.locator('[data-testid="need-pair-1"]');
    assert.match((await first.textContent()) ?? '', /Anna de Vries en Bram Jansen/);
    assert.equal(await first.locator('[data-testid="need-categories"]').textContent(), 'Vervanging nodig voor de klas');
    assert.equal(
      await first.locator('[data-testid="need-details"]').textContent(),
      'Voor het plannen van een lesbezoek · Sinds maandag 16 maart · Nodig vóór dinsdag 24 maart',
    );
    assert.ok(!((await tab.locator('body').textContent()) ?? '').includes('MARKER'), 'no pair’s note in the tab');

    await first.locator('[data-testid="need-arrange"]').click();
    await first.locator('[data-testid="need-line"]').fill('Jan neemt donderdag het derde uur over.');
    await first.locator('[data-testid="need-send-arrange"]').click();
    await first.locator('[data-testid="need-reply"]:not(:empty)').waitFor();
    assert.equal(
      await first.locator('[data-testid="need-reply"]').textContent(),
      'Genoteerd als geregeld. Ik laat Anna de Vries en Bram Jansen weten dat jij het geregeld hebt.',
    );
    assert.equal(await first.locator('[data-testid="need-arrange"]').count(), 0, 'no second answer from this row');
    const toPair1 = await toldTexts(TEACHER_A, TEACHER_B);
    assert.equal(toPair1.length, 2);
    for (const text of toPair1) {
      assert.match(text, /^Lotte Leider heeft geregeld wat jullie nodig hadden voor het plannen van een lesbezoek/);
      assert.match(text, /Jan neemt donderdag het derde uur over\./);
    }

    const second = needs.locator('[data-testid="need-pair-2"]');
    await second.locator('[data-testid="need-decline"]').click();
    await second.locator('[data-testid="need-reason"]').selectOption('timetableFixed');
    await second.locator('[data-testid="need-send-decline"]').click();
    await second.locator('[data-testid="need-reply"]:not(:empty)').waitFor();
    assert.match((await second.locator('[data-testid="need-reply"]').textContent()) ?? '', /rooster ligt vast/);
    const toPair2 = await toldTexts(TEACHER_C, TEACHER_D);
    assert.equal(toPair2.length, 2);
    for (const text of toPair2) assert.match(text, /De reden: rooster ligt vast\./);
    assert.equal((await bot.store.read(SCHOOL_ID, 'pairNeed', NEED_1))?.status, 'arranged');
    assert.equal((await bot.store.read(SCHOOL_ID, 'pairNeed', NEED_2))?.declineReason, 'timetableFixed');
    await page.close();

    // Opened again: nothing open is left to answer.
    const again = await openLeaderTab();
    assert.equal(await again.tab.locator('[data-testid="needs-none"]').textContent(), 'Er staat nu geen verzoek open.');
    await again.page.close();
  });
});
