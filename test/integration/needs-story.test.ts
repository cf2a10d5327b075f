/**
 * Issue 15 end to end (items 1, 2, 3 and 5), over HTTP on 127.0.0.1 with the Bot Connector stand-in
 * and the job trigger, on SQLite and on Cosmos DB: two pairs fall behind and are nudged; one pair
 * says something is in its way; its nudges for that step pause while the other pair is nudged
 * on (the pair presses the button on its nudge card); the leaders' daily message brings the request (categories and dates, never the pair's
 * note); the leader presses "Geregeld" on that card with a line; both members are told in the
 * leader's name; the nudge clock of the step restarts on the arranged day, so the pair is nudged
 * again only a full threshold later.
 *
 * The steps of one story run in order and share the world; a step after a failed one fails fast.
 */
import { strict as assert } from 'node:assert';
import { addMembership } from '../../src/app/membership';
import { lineInputId } from '../../src/app/needs/leader-section';
import { tenantPartitionFor } from '../../src/teams/ids';
import { buildCycle, buildPair, buildProgramme } from '../domain/builders';
import { TENANT } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  conversationOf,
  executeActions,
  LEADER,
  local,
  SCHOOL_ID,
  startSchool,
  stopSchoolCosmos,
  STORE_KINDS,
  TEACHERS,
  type SchoolWorld,
} from './school-world';

after(stopSchoolCosmos);

const [anna, bram, chris, dewi] = TEACHERS;
const NOTE = 'MRK-PAIRNOTE-7q2 alleen voor ons: Bram heeft het zwaar';
const json = (x: unknown) => JSON.stringify(x);

for (const kind of STORE_KINDS) {
  describe(`A pair says something is in its way and the leader clears it, over HTTP (${kind})`, function () {
    this.timeout(120_000);
    let world: SchoolWorld;
    let failed = false;
    let needId = '';
    const leaderSaw: string[] = [];

    /** The 1:1 messages (activities) Tweetal sent since call `from`, per conversation. */
    const sentSince = (from: number) =>
      world.bot.connector.calls
        .slice(from)
        .filter((c) => c.method === 'POST' && /\/activities/.test(c.path) && !/\/activities\/[^/]+$/.test(c.path));
    const nudgedSince = (from: number) =>
      sentSince(from)
        .filter((c) => /Een berichtje van|A message from/.test(cardText(cardOf(c.body)) ?? ''))
        .map((c) => c.conversationId)
        .sort();

    before(async () => {
      world = await startSchool(kind, local('2026-02-02T09:00')); // Monday
      const store = world.store;
      const school = await store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      await store.replace({ ...school!, leaderIds: [LEADER.aadObjectId] });
      const inSchool = { schoolId: SCHOOL_ID };
      await store.create(buildProgramme({ ...inSchool, nudgeSenderName: 'Lotte', createdBy: LEADER.aadObjectId }));
      for (const [id, members] of [
        ['pair-1', [anna, bram]],
        ['pair-2', [chris, dewi]],
      ] as const) {
        await store.create(buildPair({ ...inSchool, id, memberIds: members.map((m) => m.aadObjectId) }));
        await store.create(buildCycle({ ...inSchool, id: `cycle-${id}`, pairId: id }));
      }
      // Everyone has opened the chat with Tweetal (their conversation references are stored).
      for (const who of [LEADER, anna, bram, chris, dewi]) {
        await addMembership(store, tenantPartitionFor(TENANT), TENANT, who.aadObjectId, SCHOOL_ID, world.now, who.name);
        await world.say(who, 'hulp');
      }
    });
    after(async () => world?.stop());
    beforeEach(function () {
      if (failed) throw new Error('an earlier step failed');
    });
    afterEach(function () {
      if (this.currentTest?.state === 'failed') failed = true;
    });

    it('should nudge both pairs when they are behind (no visit planned eight days after pairing)', async () => {
      world.now = local('2026-02-10T10:00'); // Tuesday
      const from = world.bot.connector.calls.length;
      const run = await world.trigger('nudges');
      assert.equal(run.body.outcome, 'ran', json(run.body));
      assert.deepEqual(nudgedSince(from), [anna, bram, chris, dewi].map(conversationOf).sort());
    });

    it('should take a pair’s "Er zit iets in de weg" from the button on its nudge, for the step it blocks', async () => {
      world.now = local('2026-02-10T10:30');
      const { data } = world.button(anna, 'need.open');
      const opened = await world.act(anna, 'need.open', data);
      assert.equal(opened.status, 200, json(opened.body));
      const send = executeActions(opened.body.value).find((a) => a.verb === 'need.request');
      assert.ok(send, 'the form has a send button');
      const sent = await world.act(anna, 'need.request', {
        ...send.data,
        categories: 'coverNeeded,noFreeTime',
        neededBy: '2026-02-20',
        pairNote: NOTE,
      });
      assert.equal(sent.status, 200, json(sent.body));
      const [need] = await world.store.query(SCHOOL_ID, { type: 'pairNeed' });
      assert.equal(need?.status, 'open');
      assert.equal(need?.step, 'noVisitPlanned');
      assert.equal(need?.pairId, 'pair-1');
      needId = need!.id;
    });

    it('should send the leader the day’s message with the request — names, categories, dates, never the note', async () => {
      world.now = local('2026-02-10T11:00');
      const from = world.bot.connector.calls.length;
      const run = await world.trigger('needs');
      assert.equal(run.body.outcome, 'ran', json(run.body));
      assert.equal(run.body.report.sent, 1, json(run.body));
      const sent = sentSince(from);
      assert.deepEqual(
        sent.map((c) => c.conversationId),
        [conversationOf(LEADER)],
        'the leader alone',
      );
      const card = cardOf(sent[0]!.body);
      const text = cardText(card);
      leaderSaw.push(json(sent[0]!.body));
      assert.match(text, /Een tweetal heeft iets nodig/);
      assert.match(text, /Anna de Vries en Bram Jansen/);
      assert.match(text, /Geen vrije tijd in het rooster om te kijken en vervanging nodig voor de klas/);
      assert.match(text, /Sinds dinsdag 10 februari/);
      assert.match(text, /Nodig vóór vrijdag 20 februari/);
      const again = await world.trigger('needs');
      assert.equal(again.body.outcome, 'done', 'the same hour does not run twice');
      world.now = local('2026-02-10T15:00');
      const later = await world.trigger('needs');
      assert.equal(later.body.report.sent, 0, 'one message per leader and day');
      assert.equal(later.body.report.done, 1);
    });

    it('should pause the blocked step’s nudges for that pair while the other pair is nudged on, and the digest say it waits for the school', async () => {
      world.now = local('2026-02-17T10:00'); // Tuesday, the next week
      const from = world.bot.connector.calls.length;
      const run = await world.trigger('nudges');
      assert.equal(run.body.outcome, 'ran', json(run.body));
      assert.deepEqual(
        nudgedSince(from),
        [chris, dewi].map(conversationOf).sort(),
        'Anna and Bram wait for the school',
      );
      // The leader's digest counts them as waiting for the school and lists the request with its buttons.
      const [reply] = await world.say(LEADER, 'overzicht');
      const digest = cardText(cardOf(reply));
      leaderSaw.push(json(reply));
      assert.match(digest, /Tweetallen die wachten op de school\n1/);
      assert.match(digest, /Tweetallen die achterlopen\n1/);
      assert.match(digest, /Wat tweetallen nodig hebben/);
      assert.match(digest, /Anna de Vries en Bram Jansen/);
      assert.ok(executeActions(cardOf(reply)).some((a) => a.verb === 'need.arrange'));
    });

    it('should let the leader press "Geregeld" with a line on the day’s card and tell both members in the leader’s name', async () => {
      world.now = local('2026-02-17T11:00');
      // The day's message (the digest shown since has the same buttons; this press is on the message).
      const card = world.cardsSeenBy(LEADER).find((c) => /Een tweetal heeft iets nodig/.test(cardText(c)));
      const data = actionData(card, 'need.arrange');
      assert.equal(data['card'], 'batch');
      assert.equal(data['needId'], needId);
      assert.ok(!json(card).includes('MRK-PAIRNOTE'));
      const from = world.bot.connector.calls.length;
      const answer = await world.act(LEADER, 'need.arrange', {
        ...data,
        [lineInputId(needId)]: 'Jan neemt donderdag het 3e uur over.',
      });
      assert.equal(answer.status, 200, json(answer.body));
      leaderSaw.push(json(answer.body));
      // The day's message comes back up to date: the reply on top, the request answered, no buttons for it.
      const updated = cardText(answer.body.value);
      assert.match(updated, /Genoteerd als geregeld\. Ik laat Anna de Vries en Bram Jansen weten/);
      assert.match(updated, /Geregeld door Lotte Leider/);
      assert.ok(!executeActions(answer.body.value).some((a) => a.verb === 'need.arrange'));
      const told = sentSince(from);
      assert.deepEqual(told.map((c) => c.conversationId).sort(), [anna, bram].map(conversationOf).sort());
      for (const call of told) {
        assert.match(
          call.body.text,
          /^Lotte Leider heeft geregeld wat jullie nodig hadden voor het plannen van een lesbezoek: geen vrije tijd in het rooster om te kijken en vervanging nodig voor de klas\./,
        );
        assert.match(call.body.text, /Lotte Leider schrijft erbij: "Jan neemt donderdag het 3e uur over\."/);
      }
      const second = await world.act(LEADER, 'need.arrange', data);
      assert.match(cardText(second.body.value), /Je hebt dit verzoek al beantwoord\. Ik heb niets veranderd\./);
      assert.equal(sentSince(from).length, 2, 'the pair is told once');
      const stored = await world.store.read(SCHOOL_ID, 'pairNeed', needId);
      assert.equal(stored?.status, 'arranged');
      assert.equal(stored?.answeredBy, LEADER.aadObjectId);
    });

    it('should restart the step’s nudge clock on the arranged day: no nudge two days later, a nudge a full threshold later', async () => {
      world.now = local('2026-02-19T10:00'); // Thursday, two days after "Geregeld"
      let from = world.bot.connector.calls.length;
      const soon = await world.trigger('nudges');
      assert.equal(soon.body.outcome, 'ran', json(soon.body));
      assert.ok(!nudgedSince(from).includes(conversationOf(anna)), 'not yet: the clock restarted on 17 February');
      world.now = local('2026-02-25T10:00'); // Wednesday, eight days after "Geregeld"
      from = world.bot.connector.calls.length;
      const due = await world.trigger('nudges');
      assert.equal(due.body.outcome, 'ran', json(due.body));
      const nudged = nudgedSince(from);
      for (const who of [anna, bram]) assert.ok(nudged.includes(conversationOf(who)), `${who.name} is nudged again`);
    });

    it('should never have shown the leader, nor logged, the pair’s own note', () => {
      assert.ok(!leaderSaw.join('\n').includes('MRK-PAIRNOTE'));
      assert.equal(world.bot.logs.filter((line) => line.includes('MRK-PAIRNOTE')).length, 0);
    });
  });
}
