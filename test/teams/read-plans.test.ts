import { strict as assert } from 'node:assert';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';

after(stopLocalCosmos);

const text = (x: unknown) => JSON.stringify(x);

for (const kind of STORE_KINDS) {
  describe(`Read plans: a turn reads ahead what the person's last turn of its kind read (issue 12, ${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    /**
     * What reaches the store underneath the turns while `work` runs: per call, its kind and
     * partition. A partition read is one call (Cosmos DB answers one by ids with point reads side
     * by side: those are part of it).
     */
    async function storeCalls(work: () => Promise<unknown>): Promise<string[]> {
      // Work of earlier turns done after their answer (a partner's card) is not this turn's.
      await world.bot.service.services.background.idle();
      const store = world.bot.store as any;
      const calls: string[] = [];
      const partitionReads = new Map<string, number>();
      const where = (partition: string) =>
        partition === world.schoolId ? 'school' : partition.startsWith('tenant') ? 'tenant' : partition;
      const originals = new Map<string, (...args: unknown[]) => Promise<unknown>>();
      for (const name of ['read', 'readPartition', 'query', 'queryAllSchools']) {
        const original = store[name] as (...args: unknown[]) => Promise<unknown>;
        originals.set(name, original);
        store[name] = async (...args: unknown[]) => {
          const partition = String(args[0]);
          if (!(name === 'read' && partitionReads.get(partition))) calls.push(`${name}:${where(partition)}`);
          if (name !== 'readPartition') return original.apply(store, args);
          partitionReads.set(partition, (partitionReads.get(partition) ?? 0) + 1);
          try {
            return await original.apply(store, args);
          } finally {
            partitionReads.set(partition, partitionReads.get(partition)! - 1);
          }
        };
      }
      try {
        await work();
        await world.bot.service.services.background.idle();
        return calls;
      } finally {
        for (const name of originals.keys()) delete store[name];
      }
    }

    const statusCardOf = (who: World['anna']) => {
      const cards = world.bot.connector.sentCards(`a:personal-${who.aadObjectId}`);
      return cards[cards.length - 1];
    };

    it('should read "mijn cyclus" in one read of the tenant and one of the school the second time', async () => {
      const first = await storeCalls(() => world.say(world.anna, 'mijn cyclus'));
      assert.ok(first.length >= 4, `the first turn reads as it goes: ${first.join(', ')}`);
      const firstCard = statusCardOf(world.anna);
      const second = await storeCalls(() => world.say(world.anna, 'mijn cyclus'));
      assert.deepEqual(second.sort(), ['readPartition:school', 'readPartition:tenant']);
      assert.equal(text(statusCardOf(world.anna)), text(firstCard), 'the same card');
      assert.match(text(firstCard), /Je coacht samen met Ben/);
    });

    it('should read a visit card refresh in one read of the tenant and one of the school', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const card = (await world.act(world.anna, 'visit.refresh', { visitId: 'visit-cycle-1-1' })).body.value;
      const data = card.refresh.action.data;
      await world.act(world.anna, 'visit.refresh', data);
      const calls = await storeCalls(() => world.act(world.anna, 'visit.refresh', data));
      assert.deepEqual(calls.sort(), ['readPartition:school', 'readPartition:tenant']);
    });

    it('should show what is stored now: the plan is what to read, never what was read', async () => {
      await world.say(world.anna, 'mijn cyclus');
      assert.match(text(statusCardOf(world.anna)), /Lesbezoeken gedaan: 0 van 2/);
      assert.doesNotMatch(text(statusCardOf(world.anna)), /wacht op bevestiging/);
      // Between Anna's two turns she plans a visit and Ben confirms it (other turns, other kinds).
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const calls = await storeCalls(() => world.say(world.anna, 'mijn cyclus'));
      assert.match(text(statusCardOf(world.anna)), /wacht op bevestiging/, 'the planned visit shows');
      assert.deepEqual(calls.sort(), ['readPartition:school', 'readPartition:tenant']);
      await world.act(world.ben, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
      await world.say(world.anna, 'mijn cyclus');
      assert.doesNotMatch(text(statusCardOf(world.anna)), /wacht op bevestiging/, 'and its confirmation');
    });

    it("should keep plans per person: Ben's first status reads as it goes and shows his own pair", async () => {
      await world.say(world.anna, 'mijn cyclus');
      await world.say(world.anna, 'mijn cyclus');
      const ben = await storeCalls(() => world.say(world.ben, 'mijn cyclus'));
      assert.ok(ben.length >= 4, `no plan of Anna's is used for Ben: ${ben.join(', ')}`);
      assert.match(text(statusCardOf(world.ben)), /Je coacht samen met Anna/);
      const carl = await storeCalls(() => world.say(world.carl, 'mijn cyclus'));
      assert.ok(carl.length >= 4);
      assert.doesNotMatch(text(statusCardOf(world.carl)), /Anna|Ben/);
    });

    it('should keep no plan for text or verbs the bot does not know, nor for forged card data', async () => {
      const plans = world.bot.service.services.readPlans;
      const before = plans.size;
      await world.say(world.anna, 'iets wat geen opdracht is');
      await world.act(world.anna, 'no.such.verb', { visitId: 'visit-cycle-1-1', schoolId: world.schoolId });
      await world.act(world.anna, '', {});
      assert.equal(plans.size, before);
      // A known verb with a forged id gets a plan of its own key: it is read ahead for that key only.
      const forged = await world.act(world.anna, 'visit.refresh', { visitId: 'a/b?c', schoolId: world.schoolId });
      assert.notEqual(forged.status, 200);
      const answer = await world.act(world.anna, 'visit.refresh', {
        visitId: 'visit-cycle-2-1',
        schoolId: world.schoolId,
      });
      assert.doesNotMatch(text(answer.body), /Carl/, "another pair's visit stays hidden");
    });
  });
}
