/**
 * The leader's digest and the nudge buttons over HTTP: the digest/overzicht command (leaders
 * only), "encourage the pairs that are behind" through the real proactive sender to the Bot
 * Connector stand-in, and the snooze button on a nudge card.
 */
import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { addMembership } from '../../src/app/membership';
import { schoolIdFor, tenantPartitionFor } from '../../src/teams/ids';
import { buildCycle, buildPair, buildProgramme, buildSchool } from '../domain/builders';
import { addReachablePeople, conversationOf } from '../jobs/people';
import { startTestBot, type TestBot } from '../support/test-bot';
import { cardAction, person, personalMessage, TEAM_ID, TENANT } from '../support/teams-activities';

const TUESDAY = DateTime.fromISO('2026-02-10T10:00', { zone: 'Europe/Amsterdam' });
const SATURDAY = DateTime.fromISO('2026-02-14T10:00', { zone: 'Europe/Amsterdam' });

describe('Digest and nudges in Teams (bot over HTTP, real sender, Bot Connector stand-in)', () => {
  let bot: TestBot;
  let now = TUESDAY;
  const leader = person(9, 'Lotte Leider');
  const anna = person(1, 'Anna de Vries');
  const bram = person(2, 'Bram Jansen');
  const chris = person(3, 'Chris Bakker');
  const dewi = person(4, 'Dewi Smit');
  const schoolId = schoolIdFor(TENANT, TEAM_ID);

  beforeEach(async () => {
    now = TUESDAY;
    bot = await startTestBot({ clock: () => now });
    const store = bot.store;
    const inSchool = { schoolId };
    await store.create(
      buildSchool({ id: schoolId, schoolId, tenantId: TENANT, teamId: TEAM_ID, leaderIds: [leader.aadObjectId] }),
    );
    await store.create(
      buildProgramme({ ...inSchool, nudgeSenderName: 'Lotte', nudgePersonalLine: 'Koos komt in maart weer langs!' }),
    );
    await store.create(buildPair({ ...inSchool, id: 'pair-1', memberIds: [anna.aadObjectId, bram.aadObjectId] }));
    await store.create(buildCycle({ ...inSchool, id: 'cycle-1', pairId: 'pair-1' }));
    await store.create(buildPair({ ...inSchool, id: 'pair-2', memberIds: [chris.aadObjectId, dewi.aadObjectId] }));
    await store.create(buildCycle({ ...inSchool, id: 'cycle-2', pairId: 'pair-2' }));
    for (const p of [leader, anna, bram, chris, dewi])
      await addMembership(store, tenantPartitionFor(TENANT), TENANT, p.aadObjectId, schoolId, TUESDAY);
    await addReachablePeople(
      store,
      TENANT,
      [anna, bram, chris, dewi].map((p) => p.aadObjectId),
      bot.connector.url,
    );
  });
  afterEach(async () => bot.stop());

  it('should answer a teacher who types "overzicht" that only a leader can, and show no digest', async () => {
    await bot.post(personalMessage(bot.connector.url, anna, 'overzicht'));
    const replies = bot.connector.sent(conversationOf(anna.aadObjectId));
    assert.equal(replies.length, 1);
    assert.match(replies[0].text, /Alleen een schoolleider/);
    assert.equal(bot.connector.sentCards().length, 0);
  });

  it('should show the leader the digest on demand in their language, with the pairs behind and the encourage button', async () => {
    await bot.post(personalMessage(bot.connector.url, leader, 'digest', { locale: 'en-GB' }));
    const cards = bot.connector.sentCards(conversationOf(leader.aadObjectId));
    assert.equal(cards.length, 1);
    const text = JSON.stringify(cards[0]);
    assert.match(text, /Weekly digest: Effective instruction/);
    assert.match(text, /Pairs behind/);
    assert.match(text, /plan a visit/);
    assert.match(text, /"verb":"digest\.encourage"/);
  });

  it('should send nudges now when the leader presses "encourage", and answer a second press with what the first did', async () => {
    const data = { schoolId, programmeId: 'programme-1' };
    const response = await bot.post(cardAction(bot.connector.url, leader, 'digest.encourage', data));
    assert.equal(response.status, 200);
    assert.match(response.body.value, /Ik heb 4 aansporingen verstuurd\./);
    for (const p of [anna, bram, chris, dewi]) {
      const cards = bot.connector.sentCards(conversationOf(p.aadObjectId));
      assert.equal(cards.length, 1, `one nudge for ${p.name}`);
      const card = JSON.stringify(cards[0]);
      assert.match(card, /Een berichtje van Lotte/);
      assert.match(card, /Koos komt in maart weer langs!/);
      assert.match(card, /"verb":"visit\.plan\.open"/);
    }
    now = TUESDAY.plus({ hours: 1 });
    const again = await bot.post(cardAction(bot.connector.url, leader, 'digest.encourage', data));
    assert.match(
      again.body.value,
      /al verstuurd, dus ik stuur niets nieuws\. Die keer: Ik heb 4 aansporingen verstuurd\./,
    );
    assert.equal(bot.connector.sentCards().length, 4);
  });

  it('should send nothing on a quiet day when the leader presses "encourage", and say when they will go', async () => {
    now = SATURDAY;
    const response = await bot.post(
      cardAction(bot.connector.url, leader, 'digest.encourage', { schoolId, programmeId: 'programme-1' }),
    );
    assert.equal(response.status, 200);
    assert.match(response.body.value, /buiten schooltijd of een vrije dag/);
    assert.match(response.body.value, /maandag 16 februari, 08:00/);
    assert.equal(bot.connector.sentCards().length, 0);
  });

  it('should refuse "encourage" from a teacher (NOT_A_LEADER) and forged data (INVALID_INPUT / NOT_FOUND), sending nothing', async () => {
    const teacher = await bot.post(
      cardAction(bot.connector.url, anna, 'digest.encourage', { schoolId, programmeId: 'programme-1' }),
    );
    assert.equal(teacher.status, 400);
    assert.equal(teacher.body.value.code, 'NOT_A_LEADER');
    const forged = await bot.post(cardAction(bot.connector.url, leader, 'digest.encourage', { schoolId: 42 }));
    assert.equal(forged.body.value.code, 'INVALID_INPUT');
    const otherSchool = await bot.post(
      cardAction(bot.connector.url, leader, 'digest.encourage', {
        schoolId: 'school-elsewhere',
        programmeId: 'programme-1',
      }),
    );
    assert.equal(otherSchool.body.value.code, 'NOT_FOUND');
    assert.equal(bot.connector.sentCards().length, 0);
  });

  it('should snooze the pair for a week when a member presses "we agreed a date", and refuse anyone else', async () => {
    const outsider = await bot.post(
      cardAction(bot.connector.url, chris, 'nudge.snooze', { schoolId, pairId: 'pair-1' }),
    );
    assert.equal(outsider.status, 400);
    assert.equal(outsider.body.value.code, 'NOT_A_PAIR_MEMBER');
    const response = await bot.post(
      cardAction(bot.connector.url, bram, 'nudge.snooze', { schoolId, pairId: 'pair-1' }),
    );
    assert.equal(response.status, 200);
    assert.match(response.body.value, /dinsdag 17 februari/);
    const pair = await bot.store.read(schoolId, 'pair', 'pair-1');
    assert.equal(pair?.snoozedUntil, TUESDAY.plus({ days: 7 }).toUTC().toISO());
    const encourage = await bot.post(
      cardAction(bot.connector.url, leader, 'digest.encourage', { schoolId, programmeId: 'programme-1' }),
    );
    assert.match(encourage.body.value, /Ik heb 2 aansporingen verstuurd\./, 'only the pair that did not snooze');
    assert.equal(bot.connector.sentCards(conversationOf(anna.aadObjectId)).length, 0);
  });
});
