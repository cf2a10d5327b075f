/**
 * The tab's visit texts over real HTTP with locally signed Teams-SSO tokens: who may read and
 * write a visit's texts, and how the use cases' refusals come back (status, code, the sentence in
 * the reader's language). Nothing is stored on a refusal.
 */
import { strict as assert } from 'node:assert';
import type { DateTime } from 'luxon';
import { at, LEADER, SCHOOL_ID, TEACHER_A, TEACHER_B, TEACHER_C } from '../domain/builders';
import { startTestBot, type TestBot } from '../support/test-bot';
import { startSsoStandIn, type SsoStandIn } from './sso-fixture';
import { NOW, seedTabWorld } from './seed';

describe('tab API: writing a visit’s texts', function () {
  this.timeout(30_000);
  let sso: SsoStandIn;
  let bot: TestBot;
  let now: DateTime = NOW;

  before(async () => {
    sso = await startSsoStandIn();
    bot = await startTestBot({
      env: { TAB_SSO_AUDIENCE: sso.audience, TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl },
      clock: () => now,
    });
    await seedTabWorld(bot.store);
    const programme = (await bot.store.read(SCHOOL_ID, 'programme', 'programme-1'))!;
    await bot.store.replace({ ...programme, textsInTabOnly: true });
  });
  after(async () => {
    await bot?.stop();
    await sso?.stop();
  });
  beforeEach(() => {
    now = NOW;
  });

  async function call(method: 'GET' | 'POST', path: string, oid?: string, body?: unknown, locale = 'nl') {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (oid) headers.authorization = `Bearer ${await sso.sign({ oid })}`;
    const response = await fetch(`${bot.service.url}${path}?locale=${locale}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }
  const observation = () => bot.store.read(SCHOOL_ID, 'observation', 'observation-visit-2');

  it('should answer 401 without a token and 403 to anyone but the visit’s two people', async () => {
    assert.equal((await call('POST', '/api/tab/visits/visit-2/observation', undefined, { facts: 'x' })).status, 401);
    for (const outsider of [LEADER, TEACHER_C]) {
      const read = await call('GET', '/api/tab/visits/visit-2', outsider);
      assert.equal(read.status, 403);
      assert.equal(read.body.error, 'not_a_pair_member');
      const write = await call('POST', '/api/tab/visits/visit-2/observation', outsider, { facts: 'x' });
      assert.equal(write.status, 403);
    }
    const anna = await call('GET', '/api/tab/visits/visit-2', TEACHER_A);
    assert.equal(anna.status, 200);
    assert.equal(anna.body.kind, 'visitNotes');
    assert.equal(anna.body.textsInTabOnly, true);
    assert.equal(await observation(), undefined);
  });

  it('should refuse by the visit rules and the limits, with the sentence in the reader’s language', async () => {
    const early = await call('POST', '/api/tab/visits/visit-2/observation', TEACHER_B, { facts: 'Drie leerlingen.' });
    assert.equal(early.status, 422);
    assert.equal(early.body.error, 'VISIT_NOT_YET');
    assert.equal(typeof early.body.message, 'string');
    now = at('2026-03-24T11:00');
    const wrongRole = await call('POST', '/api/tab/visits/visit-2/observation', TEACHER_A, { facts: 'x' }, 'en');
    assert.equal(wrongRole.status, 422);
    assert.equal(wrongRole.body.error, 'NOT_YOUR_TURN');
    const tooLong = await call('POST', '/api/tab/visits/visit-2/observation', TEACHER_B, { facts: 'x'.repeat(20_000) });
    assert.equal(tooLong.body.error, 'TEXT_TOO_LONG');
    assert.match(tooLong.body.message, /"Wat je zag en hoorde" mag hooguit/);
    const empty = await call('POST', '/api/tab/visits/visit-2/observation', TEACHER_B, { facts: '  ' });
    assert.equal(empty.body.error, 'FIELD_REQUIRED');
    assert.equal(await observation(), undefined, 'nothing stored');
    const saved = await call('POST', '/api/tab/visits/visit-2/observation', TEACHER_B, {
      facts: 'Drie leerlingen stonden op.',
      questions: 'Wat deed je toen?',
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.saved, true);
    assert.equal((await observation())?.facts, 'Drie leerlingen stonden op.');
  });
});
