import { strict as assert } from 'node:assert';
import { at } from '../domain/builders';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';

after(stopLocalCosmos);

const text = (x: unknown) => JSON.stringify(x);
const buttons = (card: any): any[] => card.body.flatMap((b: any) => b.actions ?? []);

for (const kind of STORE_KINDS) {
  describe(`Status (mijn cyclus) over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    it('should show the partner, the progress and a plan button when nothing is planned ("mijn cyclus")', async () => {
      await world.say(world.anna, 'mijn cyclus');
      const [card] = world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`);
      assert.match(text(card), /Je coacht samen met Ben/);
      assert.match(text(card), /Lesbezoeken gedaan: 0 van 2/);
      assert.equal(buttons(card)[0].verb, 'visit.plan.open');
    });

    it('should follow the step: confirm for the partner, observe for the observer after the visit, in English on request', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const ben = await world.act(world.ben, 'status.show', {});
      assert.match(text(ben.body.value), /wacht op bevestiging/);
      assert.deepEqual(buttons(ben.body.value)[0].data, { visitId: 'visit-cycle-1-1', schoolId: world.schoolId });
      await world.act(world.ben, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
      world.now = at('2026-03-10T11:00');
      const anna = await world.act(world.anna, 'status.show', {}, { locale: 'en-GB' });
      assert.match(text(anna.body.value), /time for the observations/);
      assert.equal(buttons(anna.body.value)[0].verb, 'observation.open');
      const benNow = await world.act(world.ben, 'status.show', {});
      assert.equal(buttons(benNow.body.value)[0].verb, 'reflection.open');
    });

    it('should treat a pair of an archived programme as history: no pair until the new programme pairs them', async () => {
      const programmes = await world.bot.store.query(world.schoolId, { type: 'programme' });
      assert.equal(programmes.length, 1);
      await world.bot.store.replace({ ...programmes[0]!, status: 'archived' });
      const anna = await world.act(world.anna, 'status.show', {});
      assert.equal(anna.status, 400);
      assert.equal(anna.body.value.code, 'NO_PAIR');
      const plan = await world.act(world.anna, 'visit.plan.submit', planData(world));
      assert.equal(plan.body.value?.code ?? plan.body.type, 'NO_PAIR');
    });

    it('should tell someone without a pair so, and never show another pair to the leader', async () => {
      const leader = await world.act(world.lena, 'status.show', {});
      assert.equal(leader.status, 400);
      assert.equal(leader.body.value.code, 'NO_PAIR');
      await world.say(world.lena, 'status');
      const sent = world.bot.connector.sent(`a:personal-${world.lena.aadObjectId}`);
      assert.equal(sent.length, 1);
      assert.ok(sent[0].text && !sent[0].text.includes('Anna'), 'a plain explanation, nothing about pairs');
    });
  });
}
