import { strict as assert } from 'node:assert';
import { at } from '../domain/builders';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';
import { refusalOf } from '../support/refusal';

after(stopLocalCosmos);

const VISIT = 'visit-cycle-1-1';
const text = (x: unknown) => JSON.stringify(x);

/** Anna planned, Ben confirmed, and the visit moment has passed. */
async function visitHappened(world: World): Promise<void> {
  await world.act(world.anna, 'visit.plan.submit', planData(world));
  await world.act(world.ben, 'visit.confirm', { visitId: VISIT, revision: 1 });
  world.now = at('2026-03-10T11:00');
  world.bot.connector.reset();
}

for (const kind of STORE_KINDS) {
  describe(`After the visit: observations and reflection over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    it('should refuse observations before the visit moment and from the observed teacher', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      await world.act(world.ben, 'visit.confirm', { visitId: VISIT, revision: 1 });
      const early = await world.act(world.anna, 'observation.submit', {
        visitId: VISIT,
        facts: 'Drie leerlingen stonden op.',
      });
      assert.equal(refusalOf(early)?.code, 'VISIT_NOT_YET');
      world.now = at('2026-03-10T11:00');
      const wrongRole = await world.act(world.ben, 'observation.submit', {
        visitId: VISIT,
        facts: 'Drie leerlingen stonden op.',
      });
      assert.equal(refusalOf(wrongRole)?.code, 'NOT_YOUR_TURN');
      assert.equal(await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`), undefined);
    });

    it('should show the judging words and store nothing, then store the text once when the observer keeps it', async () => {
      await visitHappened(world);
      const facts = 'Goede les! Drie leerlingen stonden op tijdens de instructie.';
      const hinted = await world.act(world.anna, 'observation.submit', {
        visitId: VISIT,
        facts,
        questions: 'Wat zag jij?',
      });
      assert.equal(hinted.status, 200);
      const card = text(hinted.body.value);
      assert.match(card, /“Goede”/);
      assert.match(card, /Kun je beschrijven wat je zag of hoorde/);
      assert.ok(card.includes('Drie leerlingen stonden op'), 'the text stays in the form');
      const keep = hinted.body.value.actions.find((a: any) => a.data?.keep === true);
      assert.ok(keep, 'a "keep my text" button');
      assert.equal(
        await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`),
        undefined,
        'nothing stored yet',
      );

      const kept = await world.act(world.anna, 'observation.submit', {
        ...keep.data,
        facts,
        questions: 'Wat zag jij?',
      });
      const again = await world.act(world.anna, 'observation.submit', {
        ...keep.data,
        facts,
        questions: 'Wat zag jij?',
      });
      assert.equal(kept.status, 200);
      assert.equal(again.status, 200);
      const stored = await world.bot.store.query(world.schoolId, { type: 'observation', pairId: 'pair-1' });
      assert.equal(stored.length, 1, 'one observation for two submits');
      assert.equal(stored[0].facts, facts);
      const tally = await world.bot.store.read(world.schoolId, 'coachTally', `coach-tally-${VISIT}`);
      assert.deepEqual(tally?.findings, { judgement: 1, interpretation: 0, advice: 0, generalisation: 0 });
      assert.equal(tally?.hasQuestion, true);
      for (const word of ['Goede', 'Drie leerlingen', 'Wat zag jij'])
        assert.ok(!JSON.stringify(tally).includes(word), 'the tally holds counts, never text');
      assert.equal((await world.bot.store.read(world.schoolId, 'visit', VISIT))?.state, 'observed');
      assert.ok(
        !world.bot.logs.some((line) => line.includes('Drie leerlingen')),
        'the observation never reaches the logs',
      );
      const benCards = world.bot.connector
        .updated()
        .concat(world.bot.connector.sent(`a:personal-${world.ben.aadObjectId}`));
      assert.ok(benCards.length >= 1, "Ben's card shows the new state");
      assert.match(text(benCards), /Onze aantekeningen lezen|Read our notes/);
    });

    it('should show each kind of finding with its phrase highlighted in the observer’s sentence, an explanation and an invitation, when the text slips in several ways', async () => {
      await visitHappened(world);
      const facts =
        'Hij had er blijkbaar geen last van. Je moet eerder ingrijpen. Niemand luisterde. Je zei "goed zo".';
      const hinted = await world.act(world.anna, 'observation.submit', { visitId: VISIT, facts }, { locale: 'en-US' });
      assert.equal(hinted.status, 200, text(hinted.body));
      const card = hinted.body.value;
      const cardJson = text(card);
      for (const heading of ['Interpretation', 'Advice', 'Generalisation'])
        assert.match(cardJson, new RegExp(`"${heading}"`));
      assert.ok(!cardJson.includes('"Judgement"'), 'a quoted "goed zo" is what was said, not a judgement');
      const runs = JSON.stringify(card).match(/\{"type":"TextRun"[^}]*\}/g) ?? [];
      const highlighted = runs
        .map((r) => JSON.parse(r))
        .filter((r) => r.highlight === true)
        .map((r) => r.text);
      assert.deepEqual(highlighted, ['blijkbaar', 'last van', 'Je moet', 'Niemand']);
      assert.match(cardJson, /What was going through your mind at that moment\?/);
      assert.match(cardJson, /You may also keep your text as it is/);
      assert.equal(await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`), undefined);
      const keep = card.actions.find((a: any) => a.data?.keep === true);
      const revise = card.actions.find((a: any) => a.verb === 'observation.submit' && a.data?.keep !== true);
      assert.ok(keep && revise, 'both "revise" and "keep my text" stay');
      const revised = await world.act(world.anna, 'observation.submit', {
        ...revise.data,
        facts: 'Drie leerlingen praatten. Je reageerde niet.',
      });
      assert.equal(revised.status, 200);
      assert.equal(
        (await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`))?.facts,
        'Drie leerlingen praatten. Je reageerde niet.',
      );
    });

    it('should store a factual observation at once, let the observed teacher reflect, and show both only to the pair', async () => {
      await visitHappened(world);
      const posted = await world.act(world.anna, 'observation.submit', {
        visitId: VISIT,
        facts: 'Drie leerlingen stonden op tijdens de instructie.',
        questions: 'Wat merkte jij?',
      });
      assert.equal(posted.status, 200, text(posted.body));
      const reflected = await world.act(world.ben, 'reflection.submit', {
        visitId: VISIT,
        reflection: 'Ik sprak lang; de check kwam laat.',
      });
      assert.equal(reflected.status, 200, text(reflected.body));
      assert.ok(await world.bot.store.read(world.schoolId, 'reflection', `reflection-${VISIT}`));
      for (const member of [world.anna, world.ben]) {
        const notes = await world.act(member, 'observation.read', { visitId: VISIT });
        assert.equal(notes.status, 200);
        assert.match(text(notes.body.value), /Drie leerlingen stonden op/);
        assert.match(text(notes.body.value), /de check kwam laat/);
      }
      for (const outsider of [world.lena, world.carl]) {
        const notes = await world.act(outsider, 'observation.read', { visitId: VISIT });
        assert.equal(notes.status, 400);
        assert.equal(refusalOf(notes)?.code, 'NOT_A_PAIR_MEMBER');
        assert.ok(!text(notes.body).includes('Drie leerlingen'));
      }
    });

    it('should show the observer their own growth in "mijn cyclus", and not their partner', async () => {
      await visitHappened(world);
      await world.act(world.anna, 'observation.submit', {
        visitId: VISIT,
        facts: 'Drie leerlingen stonden op tijdens de instructie.',
        questions: 'Wat merkte jij?',
      });
      await world.say(world.anna, 'mijn cyclus');
      await world.say(world.ben, 'mijn cyclus');
      assert.match(
        text(world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`)),
        /Jouw observaties in dit traject: 1 geschreven, waarvan 1 zonder oordeel en 1 met een vraag aan je collega/,
      );
      const bens = text(world.bot.connector.sentCards(`a:personal-${world.ben.aadObjectId}`));
      assert.match(bens, /Waar staan we|cyclus|status/i);
      assert.ok(!bens.includes('Jouw observaties'), "the partner never sees the observer's figures");
    });

    it('should accept an edit with the current version, and answer a stale one with both texts to choose from', async () => {
      await visitHappened(world);
      await world.act(world.anna, 'observation.submit', { visitId: VISIT, facts: 'Drie leerlingen stonden op.' });
      const current = await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`);
      const edited = await world.act(world.anna, 'observation.submit', {
        visitId: VISIT,
        version: current!.version,
        facts: 'Vier leerlingen stonden op.',
      });
      assert.equal(edited.status, 200, text(edited.body));
      const stale = await world.act(world.anna, 'observation.submit', {
        visitId: VISIT,
        version: current!.version,
        facts: 'Vijf leerlingen stonden op.',
      });
      // Saved in another window in between: both texts are shown, nothing is overwritten.
      const card = JSON.stringify(stale.body.value);
      assert.ok(card.includes('Vier leerlingen stonden op.') && card.includes('Vijf leerlingen stonden op.'), card);
      assert.equal(
        (await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`))?.facts,
        'Vier leerlingen stonden op.',
      );
      const keepMine = stale.body.value.actions.find((a: any) => a.data?.resolve === 'mine');
      const kept = await world.act(world.anna, 'observation.submit', keepMine.data);
      assert.equal(kept.status, 200, text(kept.body));
      assert.equal(
        (await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`))?.facts,
        'Vijf leerlingen stonden op.',
      );
    });

    it('should refuse empty and over-long texts in the user language', async () => {
      await visitHappened(world);
      const empty = await world.act(world.anna, 'observation.submit', { visitId: VISIT, facts: '   ' });
      assert.equal(refusalOf(empty)?.code, 'FIELD_REQUIRED');
      assert.match(refusalOf(empty)?.message ?? '', /wat je zag en hoorde/i);
      const long = await world.act(
        world.anna,
        'observation.submit',
        { visitId: VISIT, facts: 'a'.repeat(4001) },
        { locale: 'en-US' },
      );
      assert.equal(refusalOf(long)?.code, 'TEXT_TOO_LONG');
      assert.match(refusalOf(long)?.message ?? '', /what you saw and heard.*4,000/i);
      assert.equal(await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`), undefined);
    });

    it('should answer "observatie" with the observation form for the observer and the reflection form for the observed teacher', async () => {
      await visitHappened(world);
      await world.say(world.anna, 'observatie');
      await world.say(world.ben, 'observatie');
      assert.match(text(world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`)), /Observaties/);
      assert.match(text(world.bot.connector.sentCards(`a:personal-${world.ben.aadObjectId}`)), /Je reflectie/);
    });
  });
}
