import { strict as assert } from 'node:assert';
import { schoolsOf } from '../../src/app/membership';
import { schoolIdFor, tenantPartitionFor } from '../../src/teams/ids';
import { startTestBot, type TestBot } from '../support/test-bot';
import {
  cardAction,
  person,
  personalInstall,
  personalMessage,
  TEAM_ID,
  teamInstall,
  teamUninstall,
  TENANT,
} from '../support/teams-activities';

describe('Teams basics over HTTP (bot on 127.0.0.1, Bot Connector stand-in)', () => {
  let bot: TestBot;
  const anna = person(1, 'Anna de Vries');
  const ben = person(2, 'Ben Jansen');

  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => bot.stop());

  it('should answer "hulp" with the help card in Dutch when the activity locale is nl-NL', async () => {
    const response = await bot.post(personalMessage(bot.connector.url, anna, 'hulp'));
    assert.equal(response.status, 200);
    const cards = bot.connector.sentCards();
    assert.equal(cards.length, 1);
    assert.equal(cards[0].version, '1.5');
    assert.match(JSON.stringify(cards[0]), /Tweetal: coachen in tweetallen/);
  });

  it('should answer "help" in English when the activity locale is en-GB', async () => {
    await bot.post(personalMessage(bot.connector.url, anna, 'help', { locale: 'en-GB' }));
    assert.match(JSON.stringify(bot.connector.sentCards()[0]), /Tweetal: coaching in pairs/);
  });

  it('should answer unknown text with the help card in the default language when the locale is neither nl nor en', async () => {
    await bot.post(personalMessage(bot.connector.url, anna, 'wat is dit allemaal?', { locale: 'de-DE' }));
    const cards = bot.connector.sentCards();
    assert.equal(cards.length, 1);
    assert.match(JSON.stringify(cards[0]), /coachen in tweetallen/);
  });

  it('should store the school and greet the channel once when installed into a team', async () => {
    await bot.post(teamInstall(bot.connector.url, anna));
    await bot.post(teamInstall(bot.connector.url, anna)); // Teams retries
    const schoolId = schoolIdFor(TENANT, TEAM_ID);
    const school = await bot.store.read(schoolId, 'school', schoolId);
    assert.ok(school);
    assert.equal(school.installed, true);
    assert.equal(school.name, 'Team Bovenbouw');
    assert.equal(school.tenantId, TENANT);
    const greetings = bot.connector.sentCards(TEAM_ID);
    assert.equal(greetings.length, 1, 'greets once, not on the retry');
    assert.match(JSON.stringify(greetings[0]), /Hallo van Tweetal/);
  });

  it('should mark the school uninstalled, keeping it, when the bot is removed from the team', async () => {
    await bot.post(teamInstall(bot.connector.url, anna));
    await bot.post(teamUninstall(bot.connector.url, anna));
    const schoolId = schoolIdFor(TENANT, TEAM_ID);
    const school = await bot.store.read(schoolId, 'school', schoolId);
    assert.equal(school?.installed, false);
    assert.ok(school?.removedAt);
  });

  it('should store one conversation reference per person, however often they write or install', async () => {
    await bot.post(personalInstall(bot.connector.url, ben));
    await bot.post(personalMessage(bot.connector.url, ben, 'help'));
    await bot.post(personalMessage(bot.connector.url, ben, 'hulp'));
    await bot.post(personalMessage(bot.connector.url, anna, 'hulp'));
    const refs = await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' });
    assert.deepEqual(refs.map((r) => r.userId).sort(), [anna.aadObjectId, ben.aadObjectId].sort());
    const bens = refs.find((r) => r.userId === ben.aadObjectId)!;
    assert.equal((bens.reference as any).conversation.id, `a:personal-${ben.aadObjectId}`);
    assert.equal((bens.reference as any).serviceUrl, bot.connector.url);
  });

  it('should answer an unknown verb with a typed 400 error invoke response', async () => {
    const response = await bot.post(cardAction(bot.connector.url, anna, 'no.such.verb', {}));
    assert.equal(response.status, 400);
    assert.equal(response.body.statusCode, 400);
    assert.equal(response.body.type, 'application/vnd.microsoft.error');
    assert.equal(response.body.value.code, 'UNKNOWN_VERB');
  });

  it('should route a known verb through the table and answer with a card', async () => {
    const response = await bot.post(cardAction(bot.connector.url, anna, 'help.show', {}));
    assert.equal(response.status, 200);
    assert.equal(response.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(response.body.value.type, 'AdaptiveCard');
  });

  it('should refuse a malformed activity with 400 and store nothing', async () => {
    for (const bad of [
      '{not json',
      JSON.stringify([1, 2]),
      JSON.stringify({ type: 'message' }),
      JSON.stringify({ ...personalMessage(bot.connector.url, anna, 'x'), text: 42 }),
    ]) {
      const response = await bot.post(bad);
      assert.equal(response.status, 400, bad);
    }
    assert.deepEqual(await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' }), []);
  });

  it('should refuse with 400 and a clear reason, never a thrown turn, a mention without mentioned, entities that are no list or a tenant id that is no string (issue 9 item 10)', async () => {
    const base = personalMessage(bot.connector.url, anna, '<at>Tweetal</at> hulp');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ entities: [{ type: 'mention', text: '<at>Tweetal</at>' }] }, /mention.*mentioned/],
      [{ entities: [{ type: 'mention', text: '<at>Tweetal</at>', mentioned: null }] }, /mention.*mentioned/],
      [{ entities: 'x' }, /entities/],
      [{ channelData: { tenant: { id: 7 } } }, /tenant/],
    ];
    for (const [overrides, reason] of cases) {
      const before = bot.logs.length;
      const response = await bot.post({ ...base, ...overrides });
      assert.equal(response.status, 400, JSON.stringify(overrides));
      assert.match(response.body.message, reason);
      assert.ok(!bot.logs.slice(before).some((line) => line.includes('"turn failed"')), 'no turn ran and failed');
    }
    assert.deepEqual(await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' }), []);
  });

  it('should log the failure once with ids, never the text, and apologise in the user language when a turn fails', async () => {
    bot.connector.intercept = (call) =>
      call.method === 'POST' && call.body?.attachments
        ? { status: 400, body: { error: { code: 'BadArgument', message: 'nope' } } }
        : undefined;
    const secret = 'mijn geheime observatie over de klas';
    const response = await bot.post(personalMessage(bot.connector.url, anna, `hulp ${secret}`));
    assert.equal(response.status, 200);
    const failures = bot.logs.filter((line) => line.includes('"turn failed"'));
    assert.equal(failures.length, 1);
    assert.ok(failures[0].includes('"activityId"'));
    assert.ok(!bot.logs.some((line) => line.includes(secret)), 'no message text in the logs');
    const apologies = bot.connector.sent().filter((a) => a.text && /Sorry, er ging bij mij iets mis/.test(a.text));
    assert.equal(apologies.length, 1);
  });
});

describe('tenant allow-list', () => {
  let bot: TestBot;
  const anna = person(1);
  const allowed = '11111111-2222-4333-8444-555555555555';

  beforeEach(async () => {
    bot = await startTestBot({ env: { ALLOWED_TENANTS: allowed } });
  });
  afterEach(async () => bot.stop());

  it('should refuse an activity from another tenant politely and store nothing', async () => {
    const response = await bot.post(personalMessage(bot.connector.url, anna, 'hulp'));
    assert.equal(response.status, 200);
    const texts = bot.connector.sent().map((a) => a.text);
    assert.deepEqual(texts, [
      'Tweetal is niet beschikbaar voor jouw organisatie. Neem contact op met je ICT-beheerder.',
    ]);
    assert.deepEqual(await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' }), []);
    await bot.post(teamInstall(bot.connector.url, anna));
    const schoolId = schoolIdFor(TENANT, TEAM_ID);
    assert.equal(await bot.store.read(schoolId, 'school', schoolId), undefined);
  });

  it('should refuse a card action from another tenant with 403', async () => {
    const response = await bot.post(cardAction(bot.connector.url, anna, 'help.show'));
    assert.equal(response.status, 403);
    assert.equal(response.body.value.code, 'TENANT_NOT_ALLOWED');
  });

  it('should serve an allowed tenant', async () => {
    const message = personalMessage(bot.connector.url, anna, 'hulp');
    message.conversation.tenantId = allowed;
    message.channelData.tenant.id = allowed;
    await bot.post(message);
    assert.equal(bot.connector.sentCards().length, 1);
  });
});

describe('memberships from the team roster', () => {
  let bot: TestBot;
  const anna = person(1, 'Anna');

  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => bot.stop());

  it('should read the roster page by page at install and record each member school', async () => {
    bot.connector.roster = [1, 2, 3, 4, 5].map((n) => ({
      id: person(n).id,
      aadObjectId: person(n).aadObjectId,
      name: `T${n}`,
    }));
    await bot.post(teamInstall(bot.connector.url, anna));
    const schoolId = schoolIdFor(TENANT, TEAM_ID);
    for (const n of [1, 2, 3, 4, 5]) {
      assert.deepEqual(await schoolsOf(bot.store, tenantPartitionFor(TENANT), person(n).aadObjectId), [schoolId]);
    }
    assert.deepEqual(await schoolsOf(bot.store, tenantPartitionFor(TENANT), person(6).aadObjectId), []);
  });
});

describe('conversation references keep what an event does not carry', () => {
  let bot: TestBot;
  const eva = person(7, 'Eva Visser');

  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => bot.stop());

  it('should keep the stored language and name when a later event carries neither', async () => {
    await bot.post(personalMessage(bot.connector.url, eva, 'help', { locale: 'en-GB' }));
    const bare = personalMessage(bot.connector.url, eva, 'help');
    delete bare.locale;
    delete bare.from.name;
    await bot.post({ ...bare, type: 'conversationUpdate', text: undefined, membersAdded: [{ id: bare.recipient.id }] });
    const [stored] = await bot.store.query(tenantPartitionFor(TENANT), {
      type: 'personReference',
      personId: eva.aadObjectId,
    });
    assert.equal(stored.locale, 'en');
    assert.equal(stored.name, 'Eva Visser');
  });

  it('should take a new language when the person writes in one', async () => {
    await bot.post(personalMessage(bot.connector.url, eva, 'help', { locale: 'en-GB' }));
    await bot.post(personalMessage(bot.connector.url, eva, 'hulp', { locale: 'nl-NL' }));
    const [stored] = await bot.store.query(tenantPartitionFor(TENANT), {
      type: 'personReference',
      personId: eva.aadObjectId,
    });
    assert.equal(stored.locale, 'nl');
  });
});

describe('members leaving the team', () => {
  let bot: TestBot;
  const anna = person(1, 'Anna');

  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => bot.stop());

  it('should take a teacher who left the team off the school, and keep the others', async () => {
    bot.connector.roster = [1, 2].map((n) => ({ id: person(n).id, aadObjectId: person(n).aadObjectId, name: `T${n}` }));
    await bot.post(teamInstall(bot.connector.url, anna));
    const schoolId = schoolIdFor(TENANT, TEAM_ID);
    const left = teamUninstall(bot.connector.url, anna);
    left.membersRemoved = [{ id: person(2).id, aadObjectId: person(2).aadObjectId }];
    left.channelData.eventType = 'teamMemberRemoved';
    await bot.post(left);
    assert.deepEqual(await schoolsOf(bot.store, tenantPartitionFor(TENANT), person(2).aadObjectId), []);
    assert.deepEqual(await schoolsOf(bot.store, tenantPartitionFor(TENANT), person(1).aadObjectId), [schoolId]);
    const school = await bot.store.read(schoolId, 'school', schoolId);
    assert.equal(school?.installed, true, 'the bot itself was not removed');
  });
});
