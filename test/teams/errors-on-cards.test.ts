/**
 * Issue 9 item 6: a refusal a person can cause is shown on the card they pressed (Teams shows an
 * error invoke response only as "Your response was sent to the app"), in their language, with
 * what they typed kept — and nothing is stored.
 */
import { strict as assert } from 'node:assert';
import { groupFieldFor } from '../../src/app/pairing/groups-input';
import { at } from '../domain/builders';
import { planData, startWorld as startVisitWorld, stopLocalCosmos, type World } from '../app/visits/world';
import {
  actionData,
  cardOf,
  fillProfile,
  inputValues,
  LEADER,
  SCHOOL_ID,
  setUpProgramme,
  startWorld as startProgrammeWorld,
  TEACHERS,
} from './programme-world';

after(stopLocalCosmos);

/** The refusal shown on a card answer: its code (from the banner's id) and text. */
function refusalOn(response: { status: number; body: any }): { code: string; text: string } {
  assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 300));
  assert.equal(response.body.type, 'application/vnd.microsoft.card.adaptive', 'answered with a card');
  const banner = response.body.value.body.find((b: any) => typeof b.id === 'string' && b.id.startsWith('error.'));
  assert.ok(banner, 'the card shows the refusal');
  return { code: banner.id.slice('error.'.length), text: banner.text };
}

const inputValue = (card: any, id: string): unknown => {
  let found: unknown;
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.id === id && typeof node.type === 'string' && node.type.startsWith('Input.')) found = node.value;
      Object.values(node).forEach(walk);
    }
  };
  walk(card.body);
  return found;
};

describe('Refusals shown on the card the person pressed (issue 9, item 6)', function () {
  this.timeout(90_000);

  describe('visit and debrief forms', () => {
    let world: World;
    beforeEach(async () => {
      world = await startVisitWorld('sqlite');
    });
    afterEach(async () => world.stop());

    it('should answer a past moment on the plan form with the plan form, the reason on it and the typed values kept', async () => {
      const response = await world.act(
        world.anna,
        'visit.plan.submit',
        planData(world, { date: '2026-03-01', lesson: '4A biologie' }),
      );
      const { code, text } = refusalOn(response);
      assert.equal(code, 'DATE_IN_PAST');
      assert.match(text, /al voorbij/);
      const card = response.body.value;
      assert.equal(inputValue(card, 'date'), '2026-03-01');
      assert.equal(inputValue(card, 'lesson'), '4A biologie');
      assert.ok(JSON.stringify(card).includes('visit.plan.submit'), 'the form can be sent again');
      assert.deepEqual(await world.bot.store.query(world.schoolId, { type: 'visit', pairId: 'pair-1' }), []);
    });

    it('should answer in English when the person reads English', async () => {
      const response = await world.act(world.anna, 'visit.plan.submit', planData(world, { date: '2026-03-01' }), {
        locale: 'en-GB',
      });
      assert.match(refusalOn(response).text, /already passed/);
    });

    it('should answer a past debrief moment on the debrief form with the reason on it', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      await world.act(world.ben, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
      world.now = at('2026-03-10T11:00');
      await world.act(world.anna, 'observation.submit', { visitId: 'visit-cycle-1-1', facts: 'Drie leerlingen.' });
      const revision = (await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1'))!.revision;
      const response = await world.act(world.anna, 'debrief.propose.submit', {
        visitId: 'visit-cycle-1-1',
        revision,
        date1: '2026-03-09',
        time1: '15:00',
      });
      const { code } = refusalOn(response);
      assert.equal(code, 'DATE_IN_PAST');
      assert.equal(inputValue(response.body.value, 'date1'), '2026-03-09');
      assert.ok(JSON.stringify(response.body.value).includes('debrief.propose.submit'));
      const visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.equal(visit?.state, 'observed', 'nothing changed');
    });

    it('should still refuse an outsider with a typed error, without showing them the card', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const response = await world.act(world.carl, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
      assert.equal(response.status, 400);
      assert.equal(response.body.value.code, 'NOT_A_PAIR_MEMBER');
    });
  });

  describe('pairing card', () => {
    it("should keep the leader's edited group numbers when a group has one member", async () => {
      const world = await startProgrammeWorld('sqlite');
      try {
        await setUpProgramme(world);
        const [anna, bram, chris, dewi, eva] = TEACHERS;
        for (const [who, subject, years] of [
          [anna, 'wiskunde', 20],
          [bram, 'wiskunde', 2],
          [chris, 'Engels', 15],
          [dewi, 'Engels', 1],
          [eva, 'biologie', 8],
        ] as const)
          await fillProfile(world, who, subject, years);
        const card = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
        const chosen = {
          ...inputValues(card),
          [groupFieldFor(anna.aadObjectId)]: 1,
          [groupFieldFor(eva.aadObjectId)]: 1,
          [groupFieldFor(bram.aadObjectId)]: 2,
          [groupFieldFor(chris.aadObjectId)]: 2,
          [groupFieldFor(dewi.aadObjectId)]: 3,
          [groupFieldFor(LEADER.aadObjectId)]: 0,
        };
        const response = await world.act(LEADER, 'pairing.confirm', {
          ...actionData(card, 'pairing.confirm'),
          ...chosen,
        });
        const { code } = refusalOn(response);
        assert.equal(code, 'GROUP_SIZE');
        const values = inputValues(response.body.value);
        assert.equal(Number(values[groupFieldFor(dewi.aadObjectId)]), 3, "Dewi's number as the leader typed it");
        assert.equal(Number(values[groupFieldFor(eva.aadObjectId)]), 1, "Eva's number as the leader typed it");
        assert.deepEqual(await world.store.query(SCHOOL_ID, { type: 'pair' }), []);
      } finally {
        await world.stop();
      }
    });
  });
});
