import { strict as assert } from 'node:assert';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';

after(stopLocalCosmos);

const verbsOf = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]!);

for (const kind of STORE_KINDS) {
  describe(`video rules on the visit card (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    const chatOf = (who: { aadObjectId: string }) => `a:personal-${who.aadObjectId}`;

    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    it('should show both partners the video rules when a plan says video, and record each confirmation', async () => {
      const planned = await world.act(world.anna, 'visit.plan.submit', planData(world, { video: 'true' }));
      const own = JSON.stringify(planned.body.value);
      assert.match(own, /Videoregels van de school/);
      assert.match(own, /De opname is van de geobserveerde leraar\. Hij wordt gemaakt op een apparaat van school/);
      assert.ok(verbsOf(planned.body.value).includes('visit.video.confirm'));
      const [toBen] = world.bot.connector.sentCards(chatOf(world.ben));
      assert.match(JSON.stringify(toBen), /The recording belongs to the observed teacher/, 'in his language');
      assert.ok(verbsOf(toBen).includes('visit.video.confirm'));

      const mine = await world.act(world.anna, 'visit.video.confirm', { visitId: 'visit-cycle-1-1' });
      assert.ok(!verbsOf(mine.body.value).includes('visit.video.confirm'), 'no second confirmation asked');
      assert.match(JSON.stringify(mine.body.value), /Tot nu toe akkoord: Anna/);
      await world.act(world.anna, 'visit.video.confirm', { visitId: 'visit-cycle-1-1' });
      const his = await world.act(world.ben, 'visit.video.confirm', { visitId: 'visit-cycle-1-1' });
      assert.match(JSON.stringify(his.body.value), /Jullie gingen allebei akkoord met deze regels/);
      const visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.deepEqual(visit?.videoConfirmedBy, [world.anna.aadObjectId, world.ben.aadObjectId], 'once each');
      const outsider = await world.act(world.carl, 'visit.video.confirm', { visitId: 'visit-cycle-1-1' });
      assert.ok(!JSON.stringify(outsider.body).includes('allebei akkoord'));
      assert.deepEqual(
        (await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1'))?.videoConfirmedBy,
        visit?.videoConfirmedBy,
        'someone outside the pair changes nothing',
      );
    });

    it("should show the leader's own video rules when the programme has them", async () => {
      const [programme] = await world.bot.store.query(world.schoolId, { type: 'programme' });
      await world.bot.store.replace({ ...programme!, videoRules: 'EIGEN-REGELS: alleen de camera van de sectie.' });
      const planned = await world.act(world.anna, 'visit.plan.submit', planData(world, { video: 'true' }));
      assert.match(JSON.stringify(planned.body.value), /EIGEN-REGELS: alleen de camera van de sectie\./);
      assert.doesNotMatch(JSON.stringify(planned.body.value), /apparaat van school/);
    });

    it('should remind the observed teacher after the debrief to delete the recording and record it on the cycle card', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world, { video: 'true' }));
      const visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      await world.bot.store.replace({ ...visit!, state: 'debriefed', debriefedAt: '2026-03-12T15:00:00.000Z' });
      const observer = await world.act(world.anna, 'visit.show', { visitId: 'visit-cycle-1-1' });
      assert.ok(!verbsOf(observer.body.value).includes('visit.video.deleted'), 'the observer is not asked');
      const refused = await world.act(world.anna, 'visit.video.deleted', { visitId: 'visit-cycle-1-1' });
      assert.ok(refused.status >= 200);
      assert.equal((await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1'))?.videoDeletedAt, undefined);

      const observed = await world.act(world.ben, 'visit.show', { visitId: 'visit-cycle-1-1' });
      assert.match(JSON.stringify(observed.body.value), /verwijder de opname nu/);
      assert.ok(verbsOf(observed.body.value).includes('visit.video.deleted'));
      await world.say(world.ben, 'status', 'en-GB');
      assert.match(
        JSON.stringify(world.bot.connector.sentCards(chatOf(world.ben)).at(-1)),
        /has not yet confirmed that the recording was deleted/,
      );
      const done = await world.act(world.ben, 'visit.video.deleted', { visitId: 'visit-cycle-1-1' });
      assert.match(JSON.stringify(done.body.value), /Ben Jansen bevestigde op .* dat de opname is verwijderd/);
      assert.ok((await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1'))?.videoDeletedAt);
      await world.say(world.anna, 'mijn cyclus');
      assert.match(
        JSON.stringify(world.bot.connector.sentCards(chatOf(world.anna)).at(-1)),
        /Video van bezoek 1: Ben Jansen bevestigde dat de opname is verwijderd/,
      );
    });
  });
}
