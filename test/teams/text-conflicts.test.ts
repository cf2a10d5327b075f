/**
 * No silent drop of anyone's text, over HTTP (issue 10, acceptance 3): both partners open the
 * record form of the debrief and write their agreements at the same time. The second to press
 * "save" gets — on the card they pressed, in their language — "your partner saved first" with
 * both texts (escaped) and three ways on; merging saves both. The same invoke posted twice (as
 * Teams retries) saves once and answers the same.
 */
import { strict as assert } from 'node:assert';
import { at, utc } from '../domain/builders';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';
import { cardAction } from '../support/teams-activities';

after(stopLocalCosmos);

const text = (x: unknown) => JSON.stringify(x);
const VISIT = 'visit-cycle-1-1';

/** Plan, confirm, observe, propose and pick the debrief; the debrief has taken place. */
async function debriefHeld(world: World): Promise<void> {
  const { anna, ben } = world;
  const planned = await world.act(anna, 'visit.plan.submit', planData(world));
  assert.equal(planned.status, 200, text(planned.body));
  const revision = async () => (await world.bot.store.read(world.schoolId, 'visit', VISIT))!.revision;
  await world.act(ben, 'visit.confirm', { visitId: VISIT, revision: await revision() });
  world.now = at('2026-03-10T11:00');
  await world.act(anna, 'observation.submit', { visitId: VISIT, facts: 'Drie leerlingen stonden op.' });
  await world.act(anna, 'debrief.propose.submit', {
    visitId: VISIT,
    revision: await revision(),
    date1: '2026-03-12',
    time1: '15:00',
  });
  await world.act(ben, 'debrief.pick', { visitId: VISIT, revision: await revision(), moment: utc('2026-03-12T15:00') });
  world.now = at('2026-03-12T16:00');
  assert.equal((await world.bot.store.read(world.schoolId, 'visit', VISIT))?.state, 'debriefScheduled');
}

/** The record form's submit button data, as the card carries it. */
async function openedForm(world: World, who: World['anna']): Promise<Record<string, unknown>> {
  const opened = await world.act(who, 'debrief.record.open', { visitId: VISIT });
  assert.equal(opened.status, 200, text(opened.body));
  const submit = opened.body.value.actions.find((a: any) => a.verb === 'debrief.record.submit');
  assert.ok(submit, text(opened.body.value));
  return submit.data;
}

const inputsOf = (card: any): Record<string, string> =>
  Object.fromEntries(
    JSON.stringify(card)
      .match(/\{[^{}]*"type":"Input\.Text"[^{}]*\}/g)!
      .map((raw) => JSON.parse(raw))
      .map((input: any) => [input.id, input.value]),
  );

const annas = { agreements: 'Kortere instructie, **eerst** voordoen', nextStep: 'Check na tien minuten' };
const bens = { agreements: 'Meer [oefentijd](https://example.org) geven', nextStep: 'Volgende keer de start bekijken' };

for (const kind of STORE_KINDS) {
  describe(`Agreements written by both partners at once, over HTTP (${kind})`, function () {
    this.timeout(90_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
      await debriefHeld(world);
    });
    afterEach(async () => world.stop());

    it('should show the second partner both texts when the first saved first, and save a merge of both', async () => {
      const annaForm = await openedForm(world, world.anna);
      const benForm = await openedForm(world, world.ben);
      const saved = await world.act(world.anna, 'debrief.record.submit', { ...annaForm, ...annas });
      assert.equal(saved.status, 200, text(saved.body));

      const late = await world.act(world.ben, 'debrief.record.submit', { ...benForm, ...bens });
      assert.equal(late.status, 200, text(late.body));
      const card = late.body.value;
      const shown = text(card);
      assert.match(shown, /Je partner sloeg eerder op/, 'in his language, on the card he pressed');
      assert.ok(
        shown.includes('Kortere instructie, \\\\*\\\\*eerst\\\\*\\\\* voordoen'),
        `Anna's text, escaped: ${shown}`,
      );
      assert.ok(shown.includes('Meer \\\\[oefentijd\\\\]\\\\(https://example.org\\\\) geven'), "Ben's text, escaped");
      const resolutions = card.actions.map((a: any) => a.data?.resolve).sort();
      assert.deepEqual(resolutions, ['merge', 'mine', 'theirs']);
      const note = () => world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${VISIT}`);
      assert.equal((await note())?.agreements, annas.agreements, "nothing of Anna's was overwritten");

      // Merge: the fields come prefilled with both texts; Ben saves them as they are.
      const inputs = inputsOf(card);
      assert.ok(inputs.agreements!.includes(annas.agreements) && inputs.agreements!.includes(bens.agreements));
      const merge = card.actions.find((a: any) => a.data?.resolve === 'merge');
      const merged = await world.act(world.ben, 'debrief.record.submit', { ...merge.data, ...inputs });
      assert.equal(merged.status, 200, text(merged.body));
      assert.ok(!text(merged.body.value).includes('sloeg eerder op'), 'saved: the visit card, no second conflict');
      const stored = await note();
      assert.ok(stored!.agreements.includes(annas.agreements) && stored!.agreements.includes(bens.agreements));
      assert.ok(stored!.nextStep.includes(annas.nextStep) && stored!.nextStep.includes(bens.nextStep));
      assert.equal((await world.bot.store.read(world.schoolId, 'cycle', 'cycle-1'))?.visitsCompleted, 1);
      assert.ok(!world.bot.logs.some((line) => line.includes('oefentijd')), 'the texts never reach the logs');
    });

    it("should count merged agreements as both partners' text: in each one's export, and gone when either erases", async () => {
      const annaForm = await openedForm(world, world.anna);
      const benForm = await openedForm(world, world.ben);
      await world.act(world.anna, 'debrief.record.submit', { ...annaForm, ...annas });
      const late = await world.act(world.ben, 'debrief.record.submit', { ...benForm, ...bens });
      const merge = late.body.value.actions.find((a: any) => a.data?.resolve === 'merge');
      const merged = await world.act(world.ben, 'debrief.record.submit', {
        ...merge.data,
        ...inputsOf(late.body.value),
      });
      assert.equal(merged.status, 200, text(merged.body));
      const note = () => world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${VISIT}`);
      assert.equal((await note())?.authorId, world.ben.aadObjectId, 'Ben saved the merge last');

      const exported = await world.act(world.anna, 'mydata.export', {});
      assert.equal(exported.status, 200, text(exported.body));
      assert.ok(
        text(exported.body).includes('Kortere instructie'),
        `her words are her own text in her export: ${text(exported.body)}`,
      );

      const erased = await world.act(world.anna, 'mydata.delete', { confirm: 'yes' });
      assert.equal(erased.status, 200, text(erased.body));
      assert.equal(await note(), undefined, 'the note holding her words is gone, though Ben saved it last');
    });

    it('should keep the saved text or save mine, as the second partner chooses', async () => {
      const annaForm = await openedForm(world, world.anna);
      const benForm = await openedForm(world, world.ben);
      await world.act(world.anna, 'debrief.record.submit', { ...annaForm, ...annas });
      const late = await world.act(world.ben, 'debrief.record.submit', { ...benForm, ...bens });
      const action = (resolve: string) => late.body.value.actions.find((a: any) => a.data?.resolve === resolve);
      const note = () => world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${VISIT}`);

      const theirs = await world.act(world.ben, 'debrief.record.submit', action('theirs').data);
      assert.equal(theirs.status, 200, text(theirs.body));
      assert.match(text(theirs.body.value), /De opgeslagen tekst blijft/);
      assert.equal((await note())?.agreements, annas.agreements);

      const mine = await world.act(world.ben, 'debrief.record.submit', action('mine').data);
      assert.equal(mine.status, 200, text(mine.body));
      assert.deepEqual(
        { agreements: (await note())?.agreements, nextStep: (await note())?.nextStep },
        bens,
        'keep mine saves his words',
      );
    });

    it('should give exactly one of two saves pressed at the same moment the conflict card, with the winner’s text', async () => {
      const annaForm = await openedForm(world, world.anna);
      const benForm = await openedForm(world, world.ben);
      const answers = await Promise.all([
        world.act(world.anna, 'debrief.record.submit', { ...annaForm, ...annas }),
        world.act(world.ben, 'debrief.record.submit', { ...benForm, ...bens }),
      ]);
      for (const answer of answers) assert.equal(answer.status, 200, text(answer.body));
      const conflicts = answers.filter((a) => text(a.body.value).includes('sloeg eerder op'));
      assert.equal(conflicts.length, 1, 'one saved, the other is shown both texts');
      const stored = await world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${VISIT}`);
      const loser = conflicts[0] === answers[0] ? annas : bens;
      assert.notEqual(stored?.agreements, loser.agreements);
      assert.ok(text(conflicts[0]!.body.value).includes(loser.nextStep), 'the unsaved words are on the card');
    });

    it('should show the same person both texts when they saved other words in another window first', async () => {
      const window1 = await openedForm(world, world.anna);
      const window2 = await openedForm(world, world.anna);
      await world.act(world.anna, 'debrief.record.submit', { ...window1, ...annas });
      const late = await world.act(world.anna, 'debrief.record.submit', { ...window2, ...bens });
      const shown = text(late.body.value);
      assert.match(shown, /Eerder opgeslagen in een ander venster/);
      assert.ok(shown.includes('Check na tien minuten') && shown.includes('Volgende keer de start bekijken'), shown);
      const note = await world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${VISIT}`);
      assert.equal(note?.agreements, annas.agreements);
    });

    it('should save the same invoke posted twice once and answer both the same', async () => {
      const form = await openedForm(world, world.anna);
      const invoke = cardAction(
        world.bot.connector.url,
        world.anna,
        'debrief.record.submit',
        { ...form, ...annas },
        { replyToId: `card-of-${world.anna.aadObjectId}` },
      );
      const first = await world.bot.post(invoke);
      assert.equal(await world.bot.service.services.background.idle(20_000), true, "Ben's card is updated once");
      assert.ok(world.bot.connector.updated().length + world.bot.connector.sent().length > 0, 'Ben was told');
      world.bot.connector.reset();
      const retried = await world.bot.post(invoke);
      assert.equal(await world.bot.service.services.background.idle(20_000), true);
      assert.deepEqual(
        [...world.bot.connector.updated(), ...world.bot.connector.sent(`a:personal-${world.ben.aadObjectId}`)],
        [],
        'the retry does not tell Ben a second time',
      );
      assert.equal(first.status, 200, text(first.body));
      assert.equal(retried.status, 200, text(retried.body));
      assert.deepEqual(retried.body, first.body, 'the retry is answered as the first');
      const notes = await world.bot.store.query(world.schoolId, { type: 'debriefNote', pairId: 'pair-1' });
      assert.equal(notes.length, 1);
      assert.equal(notes[0]!.agreements, annas.agreements);
      assert.equal((await world.bot.store.read(world.schoolId, 'cycle', 'cycle-1'))?.visitsCompleted, 1);
    });
  });
}
