/**
 * Browser end-to-end: two teachers, each in their own M365 Agents Playground (headless Debian
 * chromium), against one Tweetal. Anna's playground tells Tweetal she speaks Dutch (locale proxy);
 * Bram's sends what the playground sends (en-US). The school, programme, pair and cycle are
 * seeded in the store; everything else goes through the pages: typing, the date picker, the
 * card buttons, and the partner's card arriving as a proactive message in the other playground.
 */
import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import type { Observation, Visit } from '../../src/domain/entities';
import type { Stored } from '../../src/store/store';
import { findBrowser } from '../support/browser';
import { ANNA, at, SCHOOL_ID, startPlaygroundWorld, type PlaygroundWorld } from './playground-world';

const VISIT_ID = 'visit-cycle-1-1';
const FACTS_JUDGING = 'Na de uitleg was het goed stil en drie leerlingen stelden een vraag.';
const FACTS = 'Na vijf minuten uitleg was het stil; drie leerlingen stelden een vraag over opgave 4.';
const QUESTIONS = 'Wat maakte dat je de uitleg zo kort hield?';

/** Replace what an input holds by typing, as a person would. */
async function typeInto(input: Locator, text: string): Promise<void> {
  await input.click();
  await input.fill('');
  await input.pressSequentially(text, { delay: 2 });
}

async function visitOf(world: PlaygroundWorld): Promise<Stored<Visit> | undefined> {
  return world.store.read(SCHOOL_ID, 'visit', VISIT_ID);
}

/** Poll the store (bounded) until `check` holds. */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Playground end-to-end (M365 Agents Playground in headless chromium)', function () {
  this.timeout(120_000);
  let world: PlaygroundWorld;

  before(async function () {
    // The first run without a system browser unpacks @sparticuz/chromium (about half a minute).
    this.timeout(240_000);
    await findBrowser();
  });

  before(async function () {
    this.timeout(90_000);
    // Monday 2 March 2026, 10:00 in Amsterdam: inside the seeded programme (February to June).
    world = await startPlaygroundWorld({ now: at('2026-03-02T10:00') });
  });

  after(async function () {
    this.timeout(30_000);
    await world?.stop();
  });

  it('should greet each teacher in their own playground and answer "hulp" with the help card in their language', async () => {
    await world.anna.waitForBotText('Hallo van Tweetal');
    await world.bram.waitForBotText('Hello from Tweetal');

    const before = { anna: await world.anna.cardCount(), bram: await world.bram.cardCount() };
    await world.anna.say('hulp');
    await world.bram.say('hulp');

    const annaHelp = await world.anna.cardWith('Tweetal: coachen in tweetallen', { after: before.anna });
    const annaText = await annaHelp.innerText();
    // The Dutch reader sees the Dutch words first (the one command table).
    assert.match(annaText, /plannen \/ inplannen \/ plan/);
    assert.match(annaText, /Plan een lesbezoek|lesbezoek/i);
    assert.doesNotMatch(annaText, /coaching in pairs/);

    const bramHelp = await world.bram.cardWith('Tweetal: coaching in pairs', { after: before.bram });
    assert.match(await bramHelp.innerText(), /Plan a classroom visit with your partner/);
    // Each page shows only its own person's conversation.
    assert.doesNotMatch(await world.anna.transcript(), /coaching in pairs/);
    assert.doesNotMatch(await world.bram.transcript(), /coachen in tweetallen/);
  });

  it('should let Anna plan a visit on the card, Bram confirm it in his own chat, and Anna post an observation after the visit, revising a judging word', async () => {
    const { anna, bram } = world;

    // Bram has talked to Tweetal (as in the test above), so Tweetal knows his name and language:
    // the playground's install events carry neither a name nor (conversationUpdate) a locale.
    let seen = await bram.cardCount();
    await bram.say('help');
    await bram.cardWith('Tweetal: coaching in pairs', { after: seen });

    // --- Anna plans: "plannen" gives the plan card; she types into it and uses the date picker.
    seen = await anna.cardCount();
    await anna.say('plannen');
    const plan = await anna.cardWith('Lesbezoek plannen', { after: seen });
    assert.match(await plan.innerText(), /Bezoek 1 van 2/);
    assert.equal(
      await plan.getByRole('combobox', { name: /Wie kijkt bij wie/ }).inputValue(),
      'Ik kijk bij Bram Jansen',
    );
    const date = plan.locator('.fui-DatePicker input');
    await date.pressSequentially('2026-03-04', { delay: 5 }); // focus and type; a click would open the calendar
    await anna.page.keyboard.press('Tab'); // not Enter: that breaks the next click
    const time = plan.getByRole('combobox', { name: /Tijd/ });
    await time.pressSequentially('09:00', { delay: 5 });
    await anna.page.keyboard.press('Tab');
    await typeInto(plan.getByRole('textbox', { name: /Klas of les/ }), '3B wiskunde, 2e uur');
    await plan.getByRole('combobox', { name: /Kijkdoel/ }).click();
    await anna.page.getByRole('option', { name: 'Duidelijke instructie' }).click();
    await typeInto(plan.getByRole('textbox', { name: /Bespreekdoel/ }), 'Hoe controleer ik of iedereen het snapt?');
    await plan.getByRole('radio', { name: 'Feiten en een tip' }).check();
    assert.match(await date.inputValue(), /2026/);
    seen = await bram.cardCount();
    await plan.getByRole('button', { name: 'Stel dit bezoek voor' }).click();

    // Anna's card becomes the proposed visit, in Dutch.
    const annaVisit = await anna.cardWith('Anna de Vries kijkt bij Bram Jansen');
    const annaVisitText = await annaVisit.innerText();
    assert.match(annaVisitText, /Voorgesteld door Anna de Vries voor woensdag 4 maart, 09:00; wacht op bevestiging/);
    assert.match(annaVisitText, /3B wiskunde, 2e uur/);
    assert.match(annaVisitText, /Duidelijke instructie/);
    assert.match(annaVisitText, /Feiten en een tip/);
    assert.equal(
      await annaVisit.getByRole('button', { name: 'Bevestigen' }).count(),
      0,
      'the proposer does not confirm her own proposal',
    );

    const proposed = await eventually(
      () => visitOf(world),
      (v) => v?.state === 'proposed',
      'the proposed visit',
    );
    assert.equal(proposed!.observerId, ANNA.aadObjectId);
    assert.equal(proposed!.startsAt, '2026-03-04T08:00:00.000Z');
    assert.equal(proposed!.feedbackPreference, 'tips');

    // --- Bram gets the proposal in his own playground (a proactive 1:1 message), in English.
    const bramVisit = await bram.cardWith('Anna de Vries observes Bram Jansen', { after: seen, timeoutMs: 20_000 });
    const bramVisitText = await bramVisit.innerText();
    assert.match(bramVisitText, /Proposed by Anna de Vries for Wednesday 4 March, 09:00; waiting for confirmation/);
    assert.match(bramVisitText, /3B wiskunde, 2e uur/);
    await bramVisit.getByRole('button', { name: 'Confirm' }).click();

    await bram.waitForBotText('Confirmed for Wednesday 4 March, 09:00');
    await eventually(
      () => visitOf(world),
      (v) => v?.state === 'confirmed',
      'the confirmed visit',
    );
    // Anna's copy is updated in place in her chat.
    await anna.waitForBotText('Bevestigd voor woensdag 4 maart, 09:00', 20_000);

    // --- After the visit moment (the clock moves on), Anna writes her observation.
    world.setNow(at('2026-03-04T11:30'));
    seen = await anna.cardCount();
    await anna.say('observatie');
    const form = await anna.cardWith('Observaties', { after: seen });
    assert.match(await form.innerText(), /Je bezoek bij Bram Jansen op woensdag 4 maart, 09:00/);
    assert.match(await form.innerText(), /Duidelijke instructie/);
    await typeInto(form.getByRole('textbox', { name: /Wat zag en hoorde je/ }), FACTS_JUDGING);
    await typeInto(form.getByRole('textbox', { name: /Vragen aan je collega/ }), QUESTIONS);
    await form.getByRole('button', { name: 'Observaties opslaan' }).click();

    // The judging word comes back marked, with the invitation to describe instead; nothing is stored.
    const hint = await anna.waitForBotText('Deze woorden lezen mogelijk als een oordeel: “goed”.');
    assert.match(await hint.innerText(), /Kun je beschrijven wat je zag of hoorde\?/);
    assert.equal(await world.store.read(SCHOOL_ID, 'observation', `observation-${VISIT_ID}`), undefined);
    const revised = anna.cards().filter({ hasText: 'Deze woorden lezen mogelijk als een oordeel' }).last();
    assert.equal(
      await revised.getByRole('textbox', { name: /Wat zag en hoorde je/ }).inputValue(),
      FACTS_JUDGING,
      'the text is kept for revising',
    );
    await typeInto(revised.getByRole('textbox', { name: /Wat zag en hoorde je/ }), FACTS);
    await revised.getByRole('button', { name: 'Aangepast: opslaan' }).click();

    // Confirmation on Anna's page; Bram's card moves on too.
    await anna.waitForBotText('De observaties staan klaar. Volgende stap: een moment voor het nagesprek afspreken.');
    await bram.waitForBotText('The observations are in.', 20_000);
    const observed = await eventually(
      () => visitOf(world),
      (v) => v?.state === 'observed',
      'the observed visit',
    );
    assert.ok(observed);
    const observations = (await world.store.query(SCHOOL_ID, { type: 'observation' })) as Stored<Observation>[];
    assert.equal(observations.length, 1);
    assert.equal(observations[0]!.facts, FACTS);
    assert.equal(observations[0]!.questions, QUESTIONS);

    // What Anna wrote never reaches the logs.
    for (const secret of [FACTS, FACTS_JUDGING, QUESTIONS]) {
      assert.equal(world.logs.filter((line) => line.includes(secret)).length, 0, 'observation text in the logs');
    }
  });
});
