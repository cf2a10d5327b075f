/**
 * Texts only in the personal tab, in headless Chromium (issue 13 item 4): with the programme
 * setting on, Bram writes his observation of Anna's lesson in the tab (framed by the Teams host
 * stand-in, signed in with a locally signed SSO token); Anna reads it in the tab; and no card
 * sent to the Bot Connector stand-in or returned from a card action — to Bram, Anna or the
 * leader — contains the text. The chat's cards say only that Bram wrote his observation.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { at, LEADER, SCHOOL_ID, TEACHER_A, TEACHER_B } from '../domain/builders';
import { launchPersistentBrowser } from '../support/browser';
import { cardAction, personalInstall, type Person } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { startSsoStandIn, TENANT_ID, type SsoStandIn } from './sso-fixture';
import { NAMES, NOW, seedTabWorld } from './seed';
import { startHostStandIn, type HostStandIn } from './teams-host-stand-in';

const MARKER = 'MARKER-IN-TAB-ONLY-5c21';
const VISIT = 'visit-2'; // Bram observes Anna on Tuesday 24 March, 09:00 (seed.ts)

/** A person of the seeded school as Teams sends them (the seed's tenant). */
const teamsPerson = (aadObjectId: string): Person => ({
  id: `29:${aadObjectId}`,
  aadObjectId,
  name: NAMES[aadObjectId]!,
});
const inTenant = (activity: any) => ({
  ...activity,
  locale: 'nl-NL',
  conversation: { ...activity.conversation, tenantId: TENANT_ID },
  channelData: { ...activity.channelData, tenant: { id: TENANT_ID } },
});

describe('texts only in the personal tab, in headless Chromium', function () {
  this.timeout(120_000);
  let sso: SsoStandIn;
  let host: HostStandIn;
  let bot: TestBot;
  let browser: BrowserContext;
  let scratch: string;
  let now: DateTime = NOW;

  before(async () => {
    this.timeout(240_000);
    sso = await startSsoStandIn();
    host = await startHostStandIn();
    bot = await startTestBot({
      // No MicrosoftAppId: the Bot Connector stand-in's activities are not signed (the SSO audience is enough for the tab).
      env: {
        TAB_SSO_AUDIENCE: sso.audience,
        TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl,
        TAB_HOST_ORIGINS: host.origin,
      },
      clock: () => now,
    });
    await seedTabWorld(bot.store);
    const programme = (await bot.store.read(SCHOOL_ID, 'programme', 'programme-1'))!;
    await bot.store.replace({ ...programme, textsInTabOnly: true });
    // Anna, Bram and the leader have the app: their cards go through the connector stand-in.
    for (const id of [TEACHER_A, TEACHER_B, LEADER])
      await bot.post(inTenant(personalInstall(bot.connector.url, teamsPerson(id))));
    bot.connector.reset();
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
      viewport: { width: 1200, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
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

  async function openTab(userObjectId: string, subEntityId = ''): Promise<{ page: Page; tab: Frame }> {
    const token = await sso.sign({ oid: userObjectId, name: NAMES[userObjectId]! });
    const page = await browser.newPage();
    await page.goto(
      host.pageFor({
        tabUrl: `${bot.service.url}/tab/index.html`,
        token,
        locale: 'nl-NL',
        userObjectId,
        tenantId: TENANT_ID,
        subEntityId,
      }),
    );
    const frame = await (await page.waitForSelector('iframe#tab')).contentFrame();
    assert.ok(frame);
    await frame.waitForSelector('[data-testid="teacher-view"]', { timeout: 30_000 });
    return { page, tab: frame };
  }

  const act = (id: string, verb: string, data: Record<string, unknown>) =>
    bot.post(inTenant(cardAction(bot.connector.url, teamsPerson(id), verb, { schoolId: SCHOOL_ID, ...data })));

  it('should let Bram write his observation in the tab and Anna read it there, while no card carries it', async () => {
    now = at('2026-03-24T11:00'); // the visit has taken place
    const { page, tab } = await openTab(TEACHER_B);
    await tab.click('[data-testid="open-notes-2"]');
    const notes = tab.locator('[data-testid="visit-notes"]');
    await notes.locator('[data-testid="form-observation"]').waitFor();
    assert.match((await notes.textContent()) ?? '', /buiten de Teams-chat/);
    await notes.locator('[data-testid="input-facts"]').fill(`${MARKER} Drie leerlingen stonden op bij de instructie.`);
    await notes.locator('[data-testid="input-questions"]').fill('Wat deed je toen?');
    await notes.locator('[data-testid="save-observation"]').click();
    await notes.locator('[data-testid="notes-notice"], [data-testid="coach-findings"]').first().waitFor();
    if ((await notes.locator('[data-testid="coach-findings"]').count()) > 0)
      await notes.locator('[data-testid="keep-observation"]').click();
    await notes.locator('[data-testid="notes-notice"]').waitFor();
    assert.equal(await notes.locator('[data-testid="notes-notice"]').textContent(), 'Opgeslagen.');
    await page.close();
    await bot.service.services.background.idle();

    const stored = await bot.store.read(SCHOOL_ID, 'observation', `observation-${VISIT}`);
    assert.ok(stored?.facts.includes(MARKER), 'stored through the observation use case');
    assert.equal((await bot.store.read(SCHOOL_ID, 'visit', VISIT))?.state, 'observed');

    // Anna, the partner, reads it in the tab (opened at the visit by the deep link's subEntityId).
    const anna = await openTab(TEACHER_A, `visit:${VISIT}`);
    const annaNotes = anna.tab.locator('[data-testid="visit-notes"]');
    await annaNotes.locator('[data-testid="observation-facts"]').waitFor();
    assert.match(
      (await annaNotes.locator('[data-testid="observation-facts"]').textContent()) ?? '',
      new RegExp(MARKER),
    );
    await anna.page.close();

    // The chat: Anna's card was updated (she is told Bram wrote it), and every card answer of
    // Anna, Bram and the leader leaves the text out.
    const sent = JSON.stringify([...bot.connector.sent(), ...bot.connector.updated()]);
    if (process.env.DEBUG_TAB)
      console.log(bot.logs.filter((l) => /partner|deliver|reference|install|tab/.test(l)).join('\n'));
    assert.match(sent, /Bram Jansen heeft de observatie geschreven — lees die in het tabblad Tweetal/);
    const answers = [
      await act(TEACHER_A, 'visit.show', { visitId: VISIT }),
      await act(TEACHER_A, 'observation.read', { visitId: VISIT }),
      await act(TEACHER_A, 'reflection.open', { visitId: VISIT }),
      await act(TEACHER_B, 'visit.show', { visitId: VISIT }),
      await act(TEACHER_B, 'observation.open', { visitId: VISIT }),
      await act(TEACHER_B, 'observation.read', { visitId: VISIT }),
      await act(TEACHER_B, 'observation.submit', { visitId: VISIT, facts: `${MARKER} again`, keep: true }),
      await act(LEADER, 'observation.read', { visitId: VISIT }),
      await act(LEADER, 'visit.show', { visitId: VISIT }),
    ];
    assert.ok(
      answers.some((a) => JSON.stringify(a.body).includes('heeft de observatie geschreven')),
      JSON.stringify(answers.map((a) => a.body)).slice(0, 2000),
    );
    for (const answer of answers) assert.ok(!JSON.stringify(answer.body).includes(MARKER), JSON.stringify(answer.body));
    const everything = JSON.stringify([...bot.connector.sent(), ...bot.connector.updated()]);
    assert.ok(!everything.includes(MARKER), 'no card sent to Teams carries the text');
    assert.ok(!bot.logs.some((line) => line.includes(MARKER)), 'nor any log line');
  });

  it('should let Bram, who planned the visit, pick its focus from the suggestions in the tab, stored as its key', async () => {
    const { page, tab } = await openTab(TEACHER_B);
    await tab.click('[data-testid="open-notes-2"]');
    const notes = tab.locator('[data-testid="visit-notes"]');
    await notes.locator('[data-testid="form-plan"]').waitFor();
    const options = await notes
      .locator('[data-testid="focus-suggestions"] option')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    assert.deepEqual(options.slice(0, 2), ['Effectieve instructie', 'Veilig en stimulerend leerklimaat']);
    assert.ok(options.includes('Activerende instructie'), options.join(' | '));
    await notes.locator('[data-testid="input-focus"]').fill('Activerende instructie');
    await notes.locator('[data-testid="save-plan"]').click();
    await notes.locator('[data-testid="notes-notice"]').waitFor();
    assert.equal(await notes.locator('[data-testid="notes-notice"]').textContent(), 'Opgeslagen.');
    assert.equal(await notes.locator('[data-testid="input-focus"]').inputValue(), 'Activerende instructie');
    await page.close();
    assert.equal((await bot.store.read(SCHOOL_ID, 'visit', VISIT))?.focus, 'icalt.activatingTeaching');
  });
});
