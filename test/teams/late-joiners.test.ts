/**
 * Issue 9 item 5: late joiners. Once pairs run, a teacher who joins the team in March, or a
 * leader who wants to take part, is placed from the pairing card — added to a running pair
 * (which becomes a trio, keeping its cycle and visits) or paired with another newcomer — and
 * refusals come back on the card the leader pressed, with her numbers kept.
 */
import { strict as assert } from 'node:assert';
import { groupFieldFor } from '../../src/app/pairing/groups-input';
import { membershipId } from '../../src/app/membership';
import { tenantPartitionFor } from '../../src/teams/ids';
import { person, teamInstall, TENANT, type Person } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  composePairs,
  inputValues,
  LEADER,
  partnerCardsTo,
  SCHOOL_ID,
  setUpProgramme,
  startWorld,
  STORE_KINDS,
  TEACHERS,
  type World,
} from './programme-world';

const [anna, , , , eva] = TEACHERS;
const FENNA = person(6, 'Fenna de Boer');

/** Fenna joins the team: Teams sends conversationUpdate membersAdded (ids only, no name). */
async function fennaJoinsTheTeam(world: World): Promise<void> {
  world.bot.connector.roster.push({
    id: FENNA.id,
    aadObjectId: FENNA.aadObjectId,
    name: FENNA.name,
    tenantId: TENANT,
    userRole: 'user',
  });
  const install = teamInstall(world.bot.connector.url, LEADER);
  const response = await world.bot.post({
    ...install,
    membersAdded: [{ id: FENNA.id, aadObjectId: FENNA.aadObjectId }],
    channelData: { ...install.channelData, eventType: 'teamMemberAdded' },
  });
  assert.equal(response.status, 200);
}

/** The pairing card as the leader gets it, and the number the card gives the running pair of `who`. */
async function pairingCard(world: World, locale = 'nl-NL') {
  const card = cardOf((await world.say(LEADER, 'tweetallen', locale))[0]);
  const text = cardText(card);
  const numberOf = (who: Person) => {
    const line = text.split('\n').find((l) => /^\d+\. /.test(l) && l.includes(who.name));
    assert.ok(line, `no running pair line with ${who.name} in:\n${text}`);
    return Number(line.split('.')[0]);
  };
  return { card, text, numberOf };
}

const confirm = (world: World, card: any, numbers: Record<string, unknown>, locale = 'nl-NL') =>
  world.act(
    LEADER,
    'pairing.confirm',
    { ...actionData(card, 'pairing.confirm'), ...inputValues(card), ...numbers },
    locale,
  );

for (const kind of STORE_KINDS)
  describe(`Late joiners are placed from the pairing card while pairs run (issue 9, item 5) (${kind})`, function () {
    this.timeout(60_000);
    let world: World;

    beforeEach(async () => {
      world = await startWorld(kind);
      await setUpProgramme(world);
      await composePairs(world); // Anna, Bram, Chris, Dewi in two pairs; Eva not taking part
    });
    afterEach(async () => world.stop());

    it('should store a teacher who joins the team with her roster name, and list her on the pairing card with the running pairs read-only', async () => {
      await fennaJoinsTheTeam(world);
      const membership = await world.store.read(
        tenantPartitionFor(TENANT),
        'membership',
        membershipId(FENNA.aadObjectId),
      );
      assert.equal(membership?.name, 'Fenna de Boer');
      assert.ok(membership?.schoolIds.includes(SCHOOL_ID));

      const { card, text, numberOf } = await pairingCard(world);
      assert.match(text, /Huidige tweetallen/);
      assert.match(text, /Deze tweetallen lopen; hun bezoeken blijven zoals ze zijn/);
      const annas = numberOf(anna);
      assert.ok(annas === 1 || annas === 2);
      const values = inputValues(card);
      for (const running of TEACHERS.slice(0, 4))
        assert.equal(values[groupFieldFor(running.aadObjectId)], undefined, 'read-only');
      // Eva and Fenna have no pair: the suggestion pairs them under a new number (3), never 1 or 2.
      assert.equal(values[groupFieldFor(FENNA.aadObjectId)], 3);
      assert.equal(values[groupFieldFor(eva.aadObjectId)], 3);
      assert.equal(values[groupFieldFor(LEADER.aadObjectId)], 0, 'the leader takes part only with a number');
      const running = await world.store.query(SCHOOL_ID, { type: 'pair', where: { status: 'active' } });
      const listed = String(actionData(card, 'pairing.confirm')['pairIds']).split(',');
      assert.deepEqual([...listed].sort(), running.map((p) => p.id).sort(), 'the card carries the pairs it numbered');
    });

    it('should add a late joiner to a running pair: it becomes a trio with the same cycle and visits, the rotation takes her in, and the three are told', async () => {
      // Anna plans the first visit of her pair before Fenna arrives.
      const plan = cardOf((await world.say(anna, 'plannen'))[0]);
      const planned = await world.act(anna, 'visit.plan.submit', {
        ...actionData(plan, 'visit.plan.submit'),
        ...inputValues(plan),
        date: '2026-02-10',
        time: '09:00',
        lesson: '3B',
        focusChoice: 'Duidelijke instructie',
      });
      assert.equal(planned.status, 200, JSON.stringify(planned.body));
      const [pairBefore] = await world.store.query(SCHOOL_ID, { type: 'pair', personId: anna.aadObjectId });
      const [cycleBefore] = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: pairBefore!.id });
      const visitsBefore = await world.store.query(SCHOOL_ID, { type: 'visit', pairId: pairBefore!.id });
      assert.equal(visitsBefore.length, 1, cardText(planned.body.value));

      await fennaJoinsTheTeam(world);
      const { card, numberOf } = await pairingCard(world);
      world.bot.connector.reset();
      const response = await confirm(world, card, {
        [groupFieldFor(FENNA.aadObjectId)]: numberOf(anna),
        [groupFieldFor(eva.aadObjectId)]: 0,
      });
      assert.equal(response.status, 200);
      const after = cardText(response.body.value);
      assert.match(after, /Eén persoon geplaatst: geen nieuw tweetal en één tweetal werd een drietal/);
      assert.match(after, /Fenna de Boer/);
      assert.match(after, /\(drietal\)/);

      const pair = await world.store.read(SCHOOL_ID, 'pair', pairBefore!.id);
      assert.deepEqual([...pair!.memberIds].sort(), [...pairBefore!.memberIds, FENNA.aadObjectId].sort());
      assert.ok(pair!.personIds?.includes(FENNA.aadObjectId));
      const cycles = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: pair!.id });
      assert.equal(cycles.length, 1, 'the same cycle runs on');
      assert.equal(cycles[0]!.id, cycleBefore!.id);
      assert.equal(cycles[0]!.visitsAgreed, 3, 'a trio agrees to three visits');
      assert.equal(cycles[0]!.visitsCompleted, 0);
      const visitsAfter = await world.store.query(SCHOOL_ID, { type: 'visit', pairId: pair!.id });
      assert.deepEqual(visitsAfter, visitsBefore, 'the visits stay untouched');

      // Fenna is told she was added; Anna and Bram that someone joins them.
      const fennas = partnerCardsTo(world, FENNA).map(cardText);
      assert.equal(fennas.length, 1);
      assert.match(fennas[0]!, /bij een lopend tweetal gezet/);
      assert.match(fennas[0]!, /Anna de Vries/);
      const partner = TEACHERS.find((t) => t !== anna && pairBefore!.memberIds.includes(t.aadObjectId))!;
      for (const member of [anna, partner]) {
        const cards = partnerCardsTo(world, member).map(cardText);
        assert.equal(cards.length, 1, `${member.name} is told once`);
        assert.match(cards[0]!, /Er komt iemand bij jullie tweetal/);
        assert.match(cards[0]!, /Fenna de Boer/);
      }
      assert.equal(partnerCardsTo(world, eva).length, 0);

      // A second click places nobody twice and tells nobody again.
      world.bot.connector.reset();
      await confirm(world, card, {
        [groupFieldFor(FENNA.aadObjectId)]: numberOf(anna),
        [groupFieldFor(eva.aadObjectId)]: 0,
      });
      assert.equal((await world.store.read(SCHOOL_ID, 'pair', pair!.id))!.memberIds.length, 3);
      assert.equal(partnerCardsTo(world, FENNA).length + partnerCardsTo(world, anna).length, 0);

      // Fenna's first "plannen": the plan card lets her choose among the trio.
      const fennaPlan = cardText(cardOf((await world.say(FENNA, 'plannen'))[0]));
      assert.match(fennaPlan, /Anna de Vries/);
    });

    it('should refuse adding someone to a trio and placing someone alone on the card the leader pressed, keeping her numbers, in her language', async () => {
      await fennaJoinsTheTeam(world);
      let { card, numberOf } = await pairingCard(world);
      await confirm(world, card, {
        [groupFieldFor(FENNA.aadObjectId)]: numberOf(anna),
        [groupFieldFor(eva.aadObjectId)]: 0,
      });

      ({ card, numberOf } = await pairingCard(world, 'en-US'));
      const full = await confirm(world, card, { [groupFieldFor(eva.aadObjectId)]: numberOf(anna) }, 'en-US');
      assert.equal(full.status, 200);
      const fullCard = full.body.value;
      assert.match(
        cardText(fullCard),
        new RegExp(`Pair ${numberOf(anna)} would get 4 members; a pair can grow to a trio, not more`),
      );
      assert.ok(JSON.stringify(fullCard).includes('"error.PAIR_FULL"'));
      assert.equal(
        inputValues(fullCard)[groupFieldFor(eva.aadObjectId)],
        numberOf(anna),
        "the leader's number is kept",
      );

      const alone = await confirm(world, card, { [groupFieldFor(eva.aadObjectId)]: 3 }, 'en-US');
      assert.match(
        cardText(alone.body.value),
        /Group 3 has one member\. .*Someone on their own can join a running pair/,
      );
      assert.equal(inputValues(alone.body.value)[groupFieldFor(eva.aadObjectId)], 3);
      const pairs = await world.store.query(SCHOOL_ID, { type: 'pair', where: { status: 'active' } });
      assert.equal(pairs.length, 2, 'nothing was created by a refusal');
    });

    it('should pair two unplaced people — the leader who wants to take part and a teacher — as a new pair, and tell them', async () => {
      const { card } = await pairingCard(world);
      world.bot.connector.reset();
      const response = await confirm(world, card, {
        [groupFieldFor(LEADER.aadObjectId)]: 3,
        [groupFieldFor(eva.aadObjectId)]: 3,
      });
      assert.equal(response.status, 200);
      assert.match(cardText(response.body.value), /Eén tweetal gemaakt/);
      const [leaders] = await world.store.query(SCHOOL_ID, { type: 'pair', personId: LEADER.aadObjectId });
      assert.deepEqual([...leaders!.memberIds].sort(), [eva.aadObjectId, LEADER.aadObjectId].sort());
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: leaders!.id })).length, 1);
      assert.match(cardText(partnerCardsTo(world, LEADER)[0]), /Eva Mulder/);
      assert.match(cardText(partnerCardsTo(world, eva)[0]), /Lotte Leider/);
      // The leader now plans like any teacher.
      const [plan] = await world.say(LEADER, 'plannen');
      assert.match(cardText(cardOf(plan)), /Eva Mulder/);
    });

    it('should suggest a lone newcomer the running pair she fits best, under its number', async () => {
      // Eva takes part after all (a pair with the leader), so Fenna is the only one without a pair.
      let { card } = await pairingCard(world);
      await confirm(world, card, { [groupFieldFor(LEADER.aadObjectId)]: 3, [groupFieldFor(eva.aadObjectId)]: 3 });
      await fennaJoinsTheTeam(world);
      const view = await pairingCard(world);
      card = view.card;
      assert.match(view.text, /Erbij in tweetal \d/);
      assert.match(view.text, /Komt erbij als derde; de bezoeken van het tweetal blijven staan/);
      const suggested = inputValues(card)[groupFieldFor(FENNA.aadObjectId)] as number;
      assert.ok(suggested >= 1 && suggested <= 3, `a running pair's number, got ${suggested}`);
      const response = await confirm(world, card, {});
      assert.match(cardText(response.body.value), /één tweetal werd een drietal/);
    });
  });
