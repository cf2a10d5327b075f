/**
 * Browser end-to-end for the leader's buttons on "Wat tweetallen nodig hebben" (issue 15 items 2
 * and 5) in the M365 Agents Playground (headless chromium): Anna is also a school leader; the
 * needs job sends her the day's message with two pairs' requests as a proactive card; she opens
 * "Geregeld", types a line and sends it, then opens "Kan niet" on the other, picks a reason and
 * sends it — through the playground's own Adaptive Cards renderer (Action.ShowCard inside a
 * repeated container, Input.Text, Input.ChoiceSet, Action.Execute).
 */
import { strict as assert } from 'node:assert';
import type { PairNeed } from '../../src/domain/entities';
import { findBrowser } from '../support/browser';
import { buildPair, buildProfile } from '../domain/builders';
import { buildPairNeed } from '../store/builders';
import { ANNA, at, BRAM, LEADER, SCHOOL_ID, startPlaygroundWorld, type PlaygroundWorld } from './playground-world';

const CARLA = LEADER.aadObjectId; // a teacher of the second pair here
const DAAN = 'd0d0d0d0-4444-4444-8444-000000000004';
const NEED_1 = 'need:pair-2:noVisitPlanned:1';
const NEED_2 = 'need:pair-1:noObservation:1';
const NOTE = 'MARKER-PAIR-NOTE alleen voor ons';

describe('Playground end-to-end: the leader answers what pairs need on the card', function () {
  this.timeout(120_000);
  let world: PlaygroundWorld;

  before(async function () {
    this.timeout(240_000);
    await findBrowser();
  });

  before(async function () {
    this.timeout(90_000);
    // Tuesday 10 March 2026, 10:00 in Amsterdam: a school day, within school hours.
    world = await startPlaygroundWorld({ now: at('2026-03-10T10:00') });
    const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
    await world.store.replace({ ...school!, leaderIds: [...school!.leaderIds, ANNA.aadObjectId] });
    await world.store.create(buildPair({ schoolId: SCHOOL_ID, id: 'pair-2', memberIds: [CARLA, DAAN] }));
    // The teachers filled in their profiles (the playground's install events carry no names).
    for (const [userId, name] of [
      [ANNA.aadObjectId, ANNA.name],
      [BRAM.aadObjectId, BRAM.name],
      [CARLA, LEADER.name],
      [DAAN, 'Daan Visser'],
    ] as const)
      await world.store.create(
        buildProfile({ schoolId: SCHOOL_ID, id: `profile-${userId}`, userId, name, personIds: [userId] }),
      );
    const need = (o: Partial<PairNeed>) =>
      buildPairNeed({ schoolId: SCHOOL_ID, programmeId: 'programme-1', pairNote: NOTE, status: 'open', ...o });
    await world.store.create(
      need({
        id: NEED_1,
        pairId: 'pair-2',
        personIds: [CARLA, DAAN],
        categories: ['coverNeeded'],
        neededBy: '2026-03-13',
        requestedBy: DAAN,
        requestedAt: '2026-03-09T14:00:00.000Z',
      }),
    );
    await world.store.create(
      need({
        id: NEED_2,
        pairId: 'pair-1',
        step: 'noObservation',
        personIds: [ANNA.aadObjectId, BRAM.aadObjectId],
        categories: ['workload'],
        neededBy: undefined,
        requestedBy: BRAM.aadObjectId,
        requestedAt: '2026-03-10T07:30:00.000Z',
      }),
    );
  });

  after(async function () {
    this.timeout(30_000);
    await world?.stop();
  });

  it('should show the day’s requests on a card and arrange one with a line and decline the other with a reason', async () => {
    const { anna } = world;
    await anna.waitForBotText('Hallo van Tweetal');
    const seen = await anna.cardCount();
    const run = await world.service.jobs.run('needs');
    assert.equal(run.outcome, 'ran');
    const card = await anna.cardWith('2 tweetallen hebben iets nodig', { after: seen, timeoutMs: 20_000 });
    const text = await card.innerText();
    assert.match(text, /Vervanging nodig voor de klas/);
    assert.match(text, /Nodig vóór vrijdag 13 maart/);
    assert.match(text, /Carla Bakker en Daan Visser/);
    assert.match(text, /Anna de Vries en Bram Jansen/);
    assert.doesNotMatch(text, /MARKER-PAIR-NOTE/);

    // The first request (the oldest): "Geregeld", a line, send.
    await card.getByRole('button', { name: 'Geregeld' }).first().click();
    const line = card.getByRole('textbox', { name: /Een zin aan het tweetal/ });
    await line.click();
    await line.pressSequentially('Jan neemt vrijdag het tweede uur over.', { delay: 2 });
    await card.getByRole('button', { name: 'Stuur: geregeld' }).click();
    await anna.waitForBotText(/Genoteerd als geregeld\. Ik laat .* weten dat jij het geregeld hebt\./, 20_000);
    await world.service.services.background.idle();
    const arranged = await world.store.read(SCHOOL_ID, 'pairNeed', NEED_1);
    assert.equal(arranged?.status, 'arranged');
    assert.equal(arranged?.answeredBy, ANNA.aadObjectId);
    assert.equal(arranged?.leaderLine, 'Jan neemt vrijdag het tweede uur over.');

    // The second: "Kan niet", a reason, send.
    // The card came back up to date: the first request says who arranged it and has no buttons left.
    const again = await anna.cardWith('Geregeld door Anna de Vries', { after: seen });
    await again.getByRole('button', { name: 'Kan niet' }).last().click();
    await again.getByRole('radio', { name: 'geen budget' }).check();
    await again.getByRole('button', { name: 'Stuur: kan niet' }).click();
    await anna.waitForBotText(/Genoteerd: het kan niet \(geen budget\)/, 20_000);
    await world.service.services.background.idle();
    const declined = await world.store.read(SCHOOL_ID, 'pairNeed', NEED_2);
    assert.equal(declined?.status, 'declined');
    assert.equal(declined?.declineReason, 'budget');
    // Anna is in the second pair herself: she is told the answer in her own chat, in her own name.
    await anna.waitForBotText(/kan niet regelen wat jullie nodig hadden voor het schrijven van de observatie/, 20_000);
  });
});
