/**
 * DESIGN.md §6: an invoke is answered quickly; proactive messages to other people go after the
 * answer (services.background). With a slow Teams (the stand-in holds its answers), the leader's
 * pairing confirmation is answered before any partner message is delivered, every teacher still
 * gets exactly one message, and a failing delivery is logged once (ids only) without touching
 * the answer.
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardAction } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  fillProfile,
  inputValues,
  LEADER,
  partnerCardsTo,
  SCHOOL_ID,
  setUpProgramme,
  startWorld,
  TEACHERS,
  type World,
} from './programme-world';

const [anna, bram, chris, dewi, eva] = TEACHERS;
/** Only a safety net: lets Teams answer if the bot never answers the leader (the test then fails on order). */
const SAFETY_MS = 15_000;

describe('answering first, delivering after (pairing confirmation over HTTP)', function () {
  this.timeout(60_000);
  let world: World;

  beforeEach(async () => {
    world = await startWorld('sqlite');
    await setUpProgramme(world);
    await fillProfile(world, anna, 'wiskunde', 20);
    await fillProfile(world, bram, 'wiskunde', 2);
    await fillProfile(world, chris, 'Engels', 15);
    await fillProfile(world, dewi, 'Engels', 1);
    await fillProfile(world, eva, 'biologie', 8);
  });
  afterEach(async () => {
    sinon.restore();
    await world.stop();
  });

  /** Post the confirm invoke directly (not through TestBot.post, which waits for the background work). */
  async function confirmWithoutWaiting(): Promise<{ status: number; body: any }> {
    const card = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
    const submit = { ...actionData(card, 'pairing.confirm'), ...inputValues(card) };
    const response = await fetch(`${world.bot.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cardAction(world.bot.connector.url, LEADER, 'pairing.confirm', submit, { locale: 'nl-NL' })),
    });
    const body = await response.json();
    return { status: response.status, body };
  }

  const isPersonalSend = (call: { method: string; path: string; conversationId?: string }) =>
    call.method === 'POST' && /\/activities$/.test(call.path) && (call.conversationId ?? '').startsWith('a:personal-');

  it('should answer the leader before the partner messages are delivered when Teams answers slowly, and tell every teacher exactly once afterwards', async () => {
    // Teams holds its answers to the partner messages until the leader has had theirs (an
    // explicit signal, no clock): if the bot waited for those deliveries before answering, the
    // safety net would have to let Teams answer first, and the order check below fails.
    let letTeamsAnswer!: () => void;
    const teamsMayAnswer = new Promise<void>((resolve) => (letTeamsAnswer = resolve));
    const safety = setTimeout(letTeamsAnswer, SAFETY_MS);
    world.bot.connector.holdAnswer = (call) => (isPersonalSend(call) ? teamsMayAnswer : undefined);
    const before = world.bot.connector.calls.length;
    const answer = await confirmWithoutWaiting().finally(() => clearTimeout(safety));
    const answeredByTeams = world.bot.connector.calls
      .slice(before)
      .filter((call) => isPersonalSend(call) && call.answeredSeq !== undefined);
    letTeamsAnswer();
    assert.deepEqual(answeredByTeams, [], 'the leader was answered before Teams accepted any partner message');
    assert.equal(answer.status, 200);
    assert.match(
      cardText(answer.body.value),
      /2 tweetallen gemaakt\. De 5 leraren krijgen een persoonlijk bericht met de naam van hun partner/,
    );
    assert.equal(
      (await world.store.query(SCHOOL_ID, { type: 'pair' })).length,
      2,
      'the pairs are stored before the answer',
    );

    assert.equal(await world.bot.service.services.background.idle(20_000), true, 'the deliveries finish');
    const sends = world.bot.connector.calls.slice(before).filter(isPersonalSend);
    assert.equal(sends.length, 5, 'one message per teacher');
    assert.ok(
      sends.every((send) => send.status === 200),
      'Teams accepted every partner message',
    );
    for (const teacher of TEACHERS) assert.equal(partnerCardsTo(world, teacher).length, 1, teacher.name);
    assert.equal(partnerCardsTo(world, LEADER).length, 0);

    // A second click (or a Teams retry) creates nothing and tells nobody again.
    world.bot.connector.holdAnswer = undefined;
    const again = await confirmWithoutWaiting();
    assert.equal(again.status, 200);
    await world.bot.service.services.background.idle(20_000);
    for (const teacher of TEACHERS)
      assert.equal(partnerCardsTo(world, teacher).length, 1, `${teacher.name} after a second click`);
  });

  it('should log a failing delivery once, with ids only, and still answer the leader with the confirmed pairs', async () => {
    const messenger = world.bot.service.services.messenger as unknown as {
      deliver: (...args: unknown[]) => Promise<unknown>;
    };
    const secret = 'Anna schreef: ik vind Bram te streng';
    const deliver = sinon.stub(messenger, 'deliver').rejects(Object.assign(new Error(secret), { code: 'BOOM' }));
    const logsBefore = world.bot.logs.length;
    const answer = await confirmWithoutWaiting();
    assert.equal(answer.status, 200);
    assert.match(cardText(answer.body.value), /2 tweetallen gemaakt/);
    assert.equal(await world.bot.service.services.background.idle(20_000), true);
    assert.ok(deliver.called);
    const failures = world.bot.logs.slice(logsBefore).filter((line) => line.includes('background task failed'));
    assert.equal(failures.length, 1, failures.join('\n'));
    const logged = JSON.parse(failures[0]!);
    assert.equal(logged.task, 'pairing.notify-members');
    assert.equal(logged.schoolId, SCHOOL_ID);
    assert.equal(logged.err.code, 'BOOM');
    assert.ok(!failures[0]!.includes(secret) && !failures[0]!.includes('streng'), 'no message text in the log');
    assert.equal((await world.store.query(SCHOOL_ID, { type: 'pair' })).length, 2);
  });
});
