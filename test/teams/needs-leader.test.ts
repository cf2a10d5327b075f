/**
 * The leader's buttons on "Wat tweetallen nodig hebben" (issue 15 item 2) over HTTP, with the
 * real proactive sender and the Bot Connector stand-in: "Geregeld" with a line and "Kan niet"
 * with a reason, leaders only; the pair is told 1:1 in the leader's name, once; a second answer
 * (another leader, a Teams retry) says who answered and changes nothing.
 */
import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { addMembership } from '../../src/app/membership';
import { lineInputId, reasonInputId } from '../../src/app/needs/leader-section';
import { schoolIdFor, tenantPartitionFor } from '../../src/teams/ids';
import { buildCycle, buildPair, buildProgramme, buildSchool } from '../domain/builders';
import { addReachablePeople, conversationOf } from '../jobs/people';
import { buildPairNeed } from '../store/builders';
import { startTestBot, type TestBot } from '../support/test-bot';
import { cardAction, person, personalMessage, TEAM_ID, TENANT } from '../support/teams-activities';

const TUESDAY = DateTime.fromISO('2026-02-10T10:00', { zone: 'Europe/Amsterdam' });
const NEED = 'need:pair-1:noVisitPlanned:1';

describe('the leader answers what a pair needs (bot over HTTP, real sender, Bot Connector stand-in)', () => {
  let bot: TestBot;
  const leader = person(9, 'Lotte Leider');
  const leader2 = person(8, 'Karel Kok');
  const anna = person(1, 'Anna de Vries');
  const bram = person(2, 'Bram Jansen');
  const schoolId = schoolIdFor(TENANT, TEAM_ID);

  beforeEach(async () => {
    bot = await startTestBot({ clock: () => TUESDAY });
    const store = bot.store;
    await store.create(
      buildSchool({
        id: schoolId,
        schoolId,
        tenantId: TENANT,
        teamId: TEAM_ID,
        leaderIds: [leader.aadObjectId, leader2.aadObjectId],
      }),
    );
    await store.create(buildProgramme({ schoolId }));
    await store.create(buildPair({ schoolId, id: 'pair-1', memberIds: [anna.aadObjectId, bram.aadObjectId] }));
    await store.create(buildCycle({ schoolId, id: 'cycle-1', pairId: 'pair-1' }));
    await store.create(
      buildPairNeed({
        schoolId,
        id: NEED,
        pairId: 'pair-1',
        programmeId: 'programme-1',
        personIds: [anna.aadObjectId, bram.aadObjectId],
        categories: ['coverNeeded', 'workload'],
        requestedBy: anna.aadObjectId,
        requestedAt: '2026-02-09T14:00:00.000Z',
        pairNote: 'Alleen voor ons tweeën',
        status: 'open',
      }),
    );
    for (const p of [leader, leader2, anna, bram])
      await addMembership(store, tenantPartitionFor(TENANT), TENANT, p.aadObjectId, schoolId, TUESDAY, p.name);
    await addReachablePeople(store, TENANT, [anna.aadObjectId], bot.connector.url);
    await addReachablePeople(store, TENANT, [bram.aadObjectId], bot.connector.url, 'en');
  });
  afterEach(async () => bot.stop());

  const arrange = (who: typeof leader, line?: string) =>
    bot.post(
      cardAction(bot.connector.url, who, 'need.arrange', {
        schoolId,
        needId: NEED,
        ...(line !== undefined ? { [lineInputId(NEED)]: line } : {}),
      }),
    );

  it('should mark it arranged and tell both members 1:1 in the leader’s name, each in their language, with the leader’s line shown as typed', async () => {
    const response = await arrange(leader, 'Dinsdag het **5e** uur neemt Jan je klas over.');
    assert.equal(response.status, 200);
    assert.match(response.body.value, /Genoteerd als geregeld\. Ik laat Anna de Vries en Bram Jansen weten/);
    const toAnna = bot.connector.sent(conversationOf(anna.aadObjectId));
    assert.equal(toAnna.length, 1);
    assert.match(
      toAnna[0].text,
      /^Lotte Leider heeft geregeld wat jullie nodig hadden voor het plannen van een lesbezoek: vervanging nodig voor de klas en werkdruk\./,
    );
    assert.ok(
      toAnna[0].text.includes('Lotte Leider schrijft erbij: "Dinsdag het \\*\\*5e\\*\\* uur neemt Jan je klas over."'),
    );
    const toBram = bot.connector.sent(conversationOf(bram.aadObjectId));
    assert.equal(toBram.length, 1);
    assert.match(
      toBram[0].text,
      /^Lotte Leider has arranged what you needed for planning a visit: cover needed for the class and workload\./,
    );
    const stored = await bot.store.read(schoolId, 'pairNeed', NEED);
    assert.equal(stored?.status, 'arranged');
    assert.equal(stored?.answeredBy, leader.aadObjectId);
    assert.equal(stored?.leaderLine, 'Dinsdag het **5e** uur neemt Jan je klas over.');
    assert.equal(stored?.pairToldAt, TUESDAY.toUTC().toISO());
  });

  it('should answer a second leader and a Teams retry with who answered, change nothing and tell the pair no second time', async () => {
    await arrange(leader, 'Geregeld met Jan.');
    const before = await bot.store.read(schoolId, 'pairNeed', NEED);
    const other = await bot.post(
      cardAction(bot.connector.url, leader2, 'need.decline', {
        schoolId,
        needId: NEED,
        [reasonInputId(NEED)]: 'budget',
      }),
    );
    assert.match(other.body.value, /Dit verzoek is al beantwoord door Lotte Leider\. Ik heb niets veranderd\./);
    const retry = await arrange(leader, 'Geregeld met Jan.');
    assert.match(retry.body.value, /Je hebt dit verzoek al beantwoord\. Ik heb niets veranderd\./);
    const after = await bot.store.read(schoolId, 'pairNeed', NEED);
    assert.deepEqual(after, before);
    assert.equal(bot.connector.sent(conversationOf(anna.aadObjectId)).length, 1);
    assert.equal(bot.connector.sent(conversationOf(bram.aadObjectId)).length, 1);
  });

  it('should tell the pair "can’t be done" with the reason category, and never with the pair’s own note', async () => {
    const response = await bot.post(
      cardAction(bot.connector.url, leader, 'need.decline', {
        schoolId,
        needId: NEED,
        [reasonInputId(NEED)]: 'noCover',
      }),
    );
    assert.match(response.body.value, /Genoteerd: het kan niet \(geen vervanging te vinden\)/);
    const [toAnna] = bot.connector.sent(conversationOf(anna.aadObjectId));
    assert.match(
      toAnna.text,
      /^Lotte Leider kan niet regelen wat jullie nodig hadden voor het plannen van een lesbezoek \(vervanging nodig voor de klas en werkdruk\)\. De reden: geen vervanging te vinden\./,
    );
    const [toBram] = bot.connector.sent(conversationOf(bram.aadObjectId));
    assert.match(toBram.text, /The reason: no cover available\./);
    for (const message of [toAnna, toBram]) assert.ok(!message.text.includes('Alleen voor ons'));
    assert.equal((await bot.store.read(schoolId, 'pairNeed', NEED))?.declineReason, 'noCover');
  });

  it('should refuse a teacher (NOT_A_LEADER), a missing reason and a line over the limit, and change nothing', async () => {
    const teacher = await arrange(anna);
    assert.equal(teacher.status, 400);
    assert.equal(teacher.body.value.code, 'NOT_A_LEADER');
    const noReason = await bot.post(cardAction(bot.connector.url, leader, 'need.decline', { schoolId, needId: NEED }));
    assert.equal(noReason.body.value.code, 'INVALID_INPUT');
    const long = await arrange(leader, 'x'.repeat(281));
    assert.equal(long.body.value.code, 'TEXT_TOO_LONG');
    const stored = await bot.store.read(schoolId, 'pairNeed', NEED);
    assert.equal(stored?.status, 'open');
    assert.equal(bot.connector.sent(conversationOf(anna.aadObjectId)).length, 0);
  });

  it('should show "Wat tweetallen nodig hebben" in the digest with the buttons, and arrange from there', async () => {
    await addReachablePeople(bot.store, TENANT, [leader.aadObjectId], bot.connector.url);
    await bot.post(personalMessage(bot.connector.url, leader, 'overzicht'));
    const [digest] = bot.connector.sentCards(conversationOf(leader.aadObjectId));
    const text = JSON.stringify(digest);
    assert.match(text, /Weekoverzicht/);
    assert.match(text, /Wat tweetallen nodig hebben/);
    assert.match(text, /Anna de Vries en Bram Jansen/);
    assert.match(text, /Vervanging nodig voor de klas en werkdruk/);
    assert.match(text, /"verb":"need.arrange"/);
    assert.match(text, /"verb":"need.decline"/);
    assert.ok(!text.includes('Alleen voor ons'), 'never the pair’s note');
    const data = JSON.stringify(digest).match(/"verb":"need\.arrange","data":(\{[^}]*\})/);
    assert.ok(data, 'the arrange button carries its data');
    const response = await bot.post(cardAction(bot.connector.url, leader, 'need.arrange', JSON.parse(data[1]!)));
    assert.match(response.body.value, /Genoteerd als geregeld/);
    assert.equal((await bot.store.read(schoolId, 'pairNeed', NEED))?.status, 'arranged');
    await bot.post(personalMessage(bot.connector.url, leader, 'overzicht'));
    const after = JSON.stringify(bot.connector.sentCards(conversationOf(leader.aadObjectId)).at(-1));
    assert.ok(!after.includes('Wat tweetallen nodig hebben'), 'nothing open: no section');
  });

  it('should answer a press on the day’s message with that message up to date: the reply on top, the request answered', async () => {
    const need = await bot.store.read(schoolId, 'pairNeed', NEED);
    await bot.store.replace({ ...need!, leaderToldOn: '2026-02-10' });
    const response = await bot.post(
      cardAction(bot.connector.url, leader, 'need.arrange', { schoolId, needId: NEED, card: 'batch' }),
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.type, 'application/vnd.microsoft.card.adaptive');
    const card = JSON.stringify(response.body.value);
    assert.match(card, /Een tweetal heeft iets nodig/);
    assert.match(card, /Genoteerd als geregeld\. Ik laat Anna de Vries en Bram Jansen weten/);
    assert.match(card, /Geregeld door Lotte Leider/);
    assert.ok(!card.includes('"verb":"need.arrange"'), 'no button left for the answered request');
    assert.ok(!card.includes('Alleen voor ons'));
    const other = await bot.post(
      cardAction(bot.connector.url, leader2, 'need.decline', {
        schoolId,
        needId: NEED,
        card: 'batch',
        [reasonInputId(NEED)]: 'budget',
      }),
    );
    assert.match(JSON.stringify(other.body.value), /Dit verzoek is al beantwoord door Lotte Leider/);
    assert.equal(bot.connector.sent(conversationOf(anna.aadObjectId)).length, 1);
  });
});
