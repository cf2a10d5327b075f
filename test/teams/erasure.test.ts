import { strict as assert } from 'node:assert';
import { tenantPartitionFor } from '../../src/teams/ids';
import { documentTypes } from '../store/builders';
import { TENANT } from '../support/teams-activities';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';

after(stopLocalCosmos);

/** Every document type (src/domain/entities.ts) but the ones kept outside a school's partition. */
const SCHOOL_TYPES = documentTypes.filter(
  (type) => !['personReference', 'membership', 'jobLease', 'exportLink'].includes(type),
);
const MARKERS = [
  'ANNA-LES-4711',
  'ANNA-KIJKDOEL-4711',
  'ANNA-BESPREEKDOEL-4711',
  'ANNA-FEITEN-4711',
  'ANNA-VRAAG-4711',
];

for (const kind of STORE_KINDS) {
  describe(`delete my data: complete and humane (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    const benChat = () => `a:personal-${world.ben.aadObjectId}`;

    beforeEach(async () => {
      world = await startWorld(kind);
      // Anna plans a visit with her own words; Ben gets the visit card (remembered for updates).
      const planned = await world.act(
        world.anna,
        'visit.plan.submit',
        planData(world, {
          lesson: MARKERS[0],
          focusOther: MARKERS[1],
          discussionGoal: MARKERS[2],
        }),
      );
      assert.equal(planned.status, 200, JSON.stringify(planned.body));
      assert.match(JSON.stringify(world.bot.connector.sentCards(benChat())), /ANNA-LES-4711/, "on Ben's card");
      const base = {
        schoolId: world.schoolId,
        pairId: 'pair-1',
        personIds: [world.anna.aadObjectId, world.ben.aadObjectId],
        visitId: 'visit-cycle-1-1',
      };
      await world.bot.store.create({
        ...base,
        type: 'observation',
        id: 'obs-anna',
        authorId: world.anna.aadObjectId,
        facts: MARKERS[3],
        questions: MARKERS[4],
        postedAt: '2026-03-10T12:00:00.000Z',
      });
      await world.bot.store.create({
        ...base,
        type: 'reflection',
        id: 'refl-ben',
        authorId: world.ben.aadObjectId,
        text: 'BEN-REFLECTIE',
        postedAt: '2026-03-11T12:00:00.000Z',
      });
      world.bot.connector.reset();
    });
    afterEach(async () => world.stop());

    it("should leave none of the person's texts in any document of the school nor on any card sent or updated afterwards", async () => {
      const response = await world.act(world.anna, 'mydata.delete', { confirm: 'yes' });
      assert.equal(response.status, 200);

      const stored: unknown[] = [];
      for (const type of SCHOOL_TYPES) stored.push(...(await world.bot.store.query(world.schoolId, { type })));
      stored.push(...(await world.bot.store.query(tenantPartitionFor(TENANT), { type: 'membership' })));
      stored.push(...(await world.bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' })));
      const everything = JSON.stringify(stored);
      const sent = JSON.stringify([world.bot.connector.sent(), world.bot.connector.updated(), response.body]);
      for (const marker of MARKERS) {
        assert.ok(!everything.includes(marker), `${marker} is still stored`);
        assert.ok(!sent.includes(marker), `${marker} is on a card sent or updated afterwards`);
      }
      assert.ok(everything.includes('BEN-REFLECTIE'), "the partner's own text stays");
      const visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.deepEqual([visit?.lesson, visit?.focus, visit?.discussionGoal], ['', '', '']);
      assert.equal(visit?.cardRefs?.[world.anna.aadObjectId], undefined, 'her card reference is gone');
      assert.ok(!JSON.stringify(visit).includes(world.anna.aadObjectId), 'the visit no longer names her');
    });

    it("should update the partner's visit card in place and tell the partner in one sentence what it means for the cycle", async () => {
      await world.act(world.anna, 'mydata.delete', { confirm: 'yes' });
      const updated = world.bot.connector.updated(benChat());
      assert.equal(updated.length, 1, "Ben's visit card is updated in place");
      const card = JSON.stringify(updated[0]);
      assert.ok(!card.includes('visit.confirm'), 'no more buttons on a closed cycle');
      assert.equal(world.bot.connector.sentCards(benChat()).length, 0, 'no new visit card');
      const texts = world.bot.connector.sent(benChat()).map((a) => a.text);
      assert.equal(texts.length, 1);
      assert.match(
        texts[0],
        /^Your colleague Anna de Vries has left the programme and deleted their data/,
        'in his language',
      );
      assert.match(texts[0], /so your cycle is closed and your school leader can pair you with someone new\.$/);
      assert.equal(texts[0].split(/[.!?](\s|$)/).filter((s: string) => s.trim()).length, 1, 'one sentence');
      const [pair] = await world.bot.store.query(world.schoolId, { type: 'pair', personId: world.ben.aadObjectId });
      assert.equal(pair?.status, 'closed');
      assert.equal((await world.bot.store.read(world.schoolId, 'cycle', 'cycle-1'))?.status, 'closed');
    });

    it('should tell the person what remains, answer "mijn cyclus" clearly afterwards and let them start again with "profiel"', async () => {
      const response = await world.act(world.anna, 'mydata.delete', { confirm: 'yes' });
      assert.match(response.body.value, /Wat blijft, zijn anonieme aantallen voor de school/);
      assert.match(response.body.value, /Stuur "profiel"\.$/);
      const membership = await world.bot.store.read(
        tenantPartitionFor(TENANT),
        'membership',
        `member-${world.anna.aadObjectId}`,
      );
      assert.ok(membership?.leftAt, 'the membership (ids only) records that she left');

      world.bot.connector.reset();
      await world.say(world.anna, 'mijn cyclus');
      const [status] = world.bot.connector.sent(`a:personal-${world.anna.aadObjectId}`);
      assert.match(status.text, /^Je hebt op maandag 2 maart je gegevens verwijderd en doet niet meer mee/);
      assert.doesNotMatch(JSON.stringify(status), /welke school|which school/i);

      world.bot.connector.reset();
      await world.say(world.anna, 'profiel');
      const cards = world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`);
      assert.equal(cards.length, 1, 'the profile form opens');
      assert.ok(JSON.stringify(cards[0]).includes('profile.save'));
    });
  });
}
