/**
 * Browser end-to-end for the pair's button "Er zit iets in de weg" (issue 15 items 1 and 5) in
 * the M365 Agents Playground (headless chromium): Anna opens "mijn cyclus", presses the button,
 * the form replaces the card; she ticks two categories (a multi-select choice set rendered as
 * checkboxes), picks a date with the date picker, types a note and sends it — through the
 * playground's own Adaptive Cards renderer. The card answers in place; the store holds one open
 * request with the note, which no log line carries.
 */
import { strict as assert } from 'node:assert';
import { findBrowser } from '../support/browser';
import { ANNA, at, SCHOOL_ID, startPlaygroundWorld, type PlaygroundWorld } from './playground-world';

const NOTE = 'MARKER-NOTE dinsdag vijfde uur';

describe('Playground end-to-end: a pair says what is in its way', function () {
  this.timeout(120_000);
  let world: PlaygroundWorld;

  before(async function () {
    this.timeout(240_000);
    await findBrowser();
  });

  before(async function () {
    this.timeout(90_000);
    // Tuesday 10 March 2026, 10:00 in Amsterdam; paired on 2 February, nothing planned yet.
    world = await startPlaygroundWorld({ now: at('2026-03-10T10:00') });
  });

  after(async function () {
    this.timeout(30_000);
    await world?.stop();
  });

  it('should open the form from mijn cyclus, send two categories, a date and a note, and answer on the card', async () => {
    const { anna } = world;
    await anna.waitForBotText('Hallo van Tweetal');
    const seen = await anna.cardCount();
    await anna.say('mijn cyclus');
    const status = await anna.cardWith('Mijn cyclus', { after: seen });
    await status.getByRole('button', { name: 'Er zit iets in de weg' }).click();
    const form = await anna.cardWith('Wat zit er in de weg?', { after: seen });
    assert.match(await form.innerText(), /Voor het plannen van een lesbezoek/);
    await form.getByRole('checkbox', { name: 'Geen vrije tijd in het rooster om te kijken' }).check();
    await form.getByRole('checkbox', { name: 'Vervanging nodig voor mijn klas' }).check();
    // Focus and type into the date picker (a click would open the calendar).
    await form.locator('.fui-DatePicker input').pressSequentially('2026-03-20', { delay: 5 });
    const note = form.getByRole('textbox', { name: /Notitie voor jullie tweeën/ });
    await note.click();
    await note.pressSequentially(NOTE, { delay: 2 });
    await form.getByRole('button', { name: 'Verzoek versturen' }).click();
    const answered = await anna.cardWith(/Je verzoek staat bij de schoolleider/, { after: seen, timeoutMs: 20_000 });
    const text = await answered.innerText();
    assert.match(text, /geen vrije tijd in het rooster om te kijken en vervanging nodig voor mijn klas/);
    assert.match(text, /Nodig vóór vrijdag 20 maart/);
    assert.equal(await answered.getByRole('button', { name: 'Verzoek versturen' }).count(), 0, 'no second send');

    const needs = await world.store.query(SCHOOL_ID, { type: 'pairNeed' });
    assert.deepEqual(
      needs.map((n) => [n.id, n.status, n.categories, n.neededBy, n.pairNote, n.requestedBy]),
      [['need:pair-1:noVisitPlanned:1', 'open', ['noFreeTime', 'coverNeeded'], '2026-03-20', NOTE, ANNA.aadObjectId]],
    );
    assert.ok(world.logs.some((line) => line.includes('pair need requested')));
    assert.ok(!world.logs.join('\n').includes('MARKER-NOTE'), 'the note is in no log line');
  });
});
