/**
 * Issue 9, items 1–3 over HTTP: what a member of a pair or a trio sees and may do follows the one
 * set of visit rules (src/domain/visit-rules.ts) on every path — commands, cards and buttons.
 */
import { strict as assert } from 'node:assert';
import { documentsAbout } from '../../src/app/my-data/collect';
import { at } from '../domain/builders';
import { refusalOf } from '../support/refusal';
import {
  debriefedVisit,
  makeTrio,
  observedVisit,
  scheduledDebrief,
  startWorld,
  stopLocalCosmos,
  type World,
} from '../app/visits/world';

after(stopLocalCosmos);

const text = (x: unknown) => JSON.stringify(x);

/** Everything the bot sent to a person in their 1:1 chat since the last reset. */
const sentTo = (world: World, who: World['anna']) => world.bot.connector.sent(`a:personal-${who.aadObjectId}`);

/** The buttons of a card (top-level and in action sets). */
function buttons(card: any): any[] {
  const inBody = (items: any[]): any[] =>
    items.flatMap((b: any) => [...(b.actions ?? []), ...inBody(b.items ?? []), ...inBody(b.columns ?? [])]);
  return [...(card.actions ?? []), ...inBody(card.body ?? [])];
}

describe('One rule, one place: every path follows the visit rules (sqlite)', function () {
  this.timeout(120_000);
  let world: World;
  beforeEach(async () => {
    world = await startWorld('sqlite');
  });
  afterEach(async () => world.stop());

  describe('item 1: observe before the next visit has taken place', () => {
    it('should answer "the visit has not happened yet" instead of the previous visit\'s reflection form when visit 2 is still ahead', async () => {
      // Visit 1: Anna observes Ben, debriefed. Visit 2: Ben observes Anna, planned for next week.
      await debriefedVisit(world, 1, world.anna, world.ben, '2026-03-10', '2026-03-12');
      const planned = await world.act(world.ben, 'visit.plan.submit', {
        cycleId: 'cycle-1',
        sequence: 2,
        roles: `${world.ben.aadObjectId}|${world.anna.aadObjectId}`,
        date: '2026-03-19',
        time: '09:00',
        lesson: '2A',
        focusChoice: 'Duidelijke instructie',
        feedbackPreference: 'questions',
      });
      assert.equal(planned.status, 200, text(planned.body));
      for (const who of [world.ben, world.anna]) {
        world.bot.connector.reset();
        await world.say(who, 'observatie');
        const answer = text(sentTo(world, who));
        assert.match(answer, /Het bezoek heeft nog niet plaatsgevonden/, `${who.name} is told it has not happened`);
        assert.doesNotMatch(answer, /reflection-form|reflectie|Kortere instructie/i, 'no form of visit 1');
      }
    });

    it('should answer "not happened yet" when the next visit is not even planned', async () => {
      await debriefedVisit(world, 1, world.anna, world.ben, '2026-03-10', '2026-03-12');
      world.bot.connector.reset();
      await world.say(world.ben, 'observe', 'en-GB');
      assert.match(text(sentTo(world, world.ben)), /has not happened yet/);
    });
  });

  describe('item 2: a trio', () => {
    beforeEach(async () => makeTrio(world));

    it("should preselect the rotation in the plan card as one of its choices, also for visit 2's outsider", async () => {
      await debriefedVisit(world, 1, world.anna, world.ben, '2026-03-10', '2026-03-12');
      for (const who of [world.anna, world.ben, world.carl]) {
        world.bot.connector.reset();
        await world.say(who, 'plannen');
        const plan = world.bot.connector.sentCards(`a:personal-${who.aadObjectId}`)[0];
        const roles = plan.body.find((b: any) => b.id === 'roles');
        assert.equal(roles.value, `${world.ben.aadObjectId}|${world.carl.aadObjectId}`, `rotation for ${who.name}`);
        assert.ok(
          roles.choices.some((c: any) => c.value === roles.value),
          `${who.name}'s default is one of the choices`,
        );
      }
    });

    it('should keep the notes of a visit to its two people: no "read our notes" for the third, refused by the button', async () => {
      const id = await debriefedVisit(world, 1, world.anna, world.ben, '2026-03-10', '2026-03-12');
      world.bot.connector.reset();
      await world.say(world.carl, 'status');
      const carlStatus = world.bot.connector.sentCards(`a:personal-${world.carl.aadObjectId}`)[0];
      assert.ok(!buttons(carlStatus).some((b) => b.verb === 'observation.read'), 'no "read our notes" for Carl');
      const forged = await world.act(world.carl, 'observation.read', { visitId: id });
      assert.equal(refusalOf(forged)?.code, 'NOT_YOUR_TURN');
      assert.doesNotMatch(text(forged.body), /Drie leerlingen|Kortere instructie/);

      const benNotes = await world.act(world.ben, 'observation.read', { visitId: id });
      assert.match(text(benNotes.body.value), /Drie leerlingen/);
      assert.match(
        text(benNotes.body.value),
        /Alleen jij en Anna de Vries kunnen dit lezen/,
        'the privacy line names the one other reader (by her Teams name: the roster first, then the profile)',
      );
    });

    it('should invite only the two people of the visit to its debrief meeting, not the third member', async () => {
      world.bot.connector.roster = [world.anna, world.ben, world.carl].map((p) => ({
        id: p.id,
        aadObjectId: p.aadObjectId,
        name: p.name,
        userPrincipalName: `${p.name.split(' ')[0]!.toLowerCase()}@school.nl`,
      }));
      const id = await observedVisit(world, 1, world.anna, world.ben, '2026-03-10');
      await scheduledDebrief(world, id, world.anna, world.ben, '2026-03-12');
      const card = await world.act(world.ben, 'visit.refresh', { visitId: id });
      const link = /https:\/\/teams\.microsoft\.com\/l\/meeting\/new\?[^"]+/.exec(text(card.body.value))?.[0];
      assert.ok(link, 'Ben gets the meeting link');
      assert.equal(new URL(link!).searchParams.get('attendees'), 'anna@school.nl,ben@school.nl');
      const carls = await world.act(world.carl, 'visit.refresh', { visitId: id });
      assert.doesNotMatch(text(carls.body.value), /meeting\/new/, 'Carl gets no meeting link');
    });

    it("should keep the third member's export free of the texts of a visit they were not in", async () => {
      await debriefedVisit(world, 1, world.anna, world.ben, '2026-03-10', '2026-03-12');
      const carls = await documentsAbout(world.bot.store, world.schoolId, world.carl.aadObjectId);
      assert.deepEqual(
        carls.filter((d) => ['observation', 'reflection', 'debriefNote'].includes(d.type)).map((d) => d.id),
        [],
      );
      const bens = await documentsAbout(world.bot.store, world.schoolId, world.ben.aadObjectId);
      assert.ok(bens.some((d) => d.type === 'observation'));
    });
  });

  describe('item 3: a debrief is recorded after its moment', () => {
    it('should refuse "record agreements" before the picked moment, change nothing, and not offer it on the card', async () => {
      const id = await observedVisit(world, 1, world.anna, world.ben, '2026-03-10');
      await scheduledDebrief(world, id, world.anna, world.ben, '2026-03-13');
      world.now = at('2026-03-11T14:26');
      const card = await world.act(world.ben, 'visit.refresh', { visitId: id });
      assert.ok(!buttons(card.body.value).some((b) => b.verb === 'debrief.record.open'), 'not offered yet');
      const early = await world.act(world.ben, 'debrief.record.submit', {
        visitId: id,
        agreements: 'Kortere instructie',
        nextStep: 'Check',
      });
      assert.equal(refusalOf(early)?.code, 'DEBRIEF_NOT_YET');
      assert.match(refusalOf(early)!.message, /nog niet plaatsgevonden/, 'said in Dutch, with what to do');
      assert.equal((await world.bot.store.read(world.schoolId, 'visit', id))?.state, 'debriefScheduled');
      assert.equal(await world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${id}`), undefined);

      world.now = at('2026-03-13T16:00');
      const later = await world.act(world.ben, 'visit.refresh', { visitId: id });
      assert.ok(
        buttons(later.body.value).some((b) => b.verb === 'debrief.record.open'),
        'offered after the moment',
      );
      const recorded = await world.act(world.ben, 'debrief.record.submit', {
        visitId: id,
        agreements: 'Kortere instructie',
        nextStep: 'Check',
      });
      assert.equal(recorded.status, 200);
      assert.equal((await world.bot.store.read(world.schoolId, 'visit', id))?.state, 'debriefed');
    });
  });
});
