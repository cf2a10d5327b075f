/**
 * "Wat tweetallen nodig hebben" in the leader tab (issue 15 item 2) over real HTTP on 127.0.0.1:
 * GET /api/tab/leader lists the open requests without the pairs' notes, and
 * POST /api/tab/needs/:needId/arrange | decline answers one — school leaders only, once — and
 * tells the pair 1:1 in the leader's name through the real sender (Bot Connector stand-in).
 */
import { strict as assert } from 'node:assert';
import { addMembership } from '../../src/app/membership';
import { tenantPartitionFor } from '../../src/teams/ids';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  LEADER,
  SCHOOL_ID,
  TEACHER_A,
  TEACHER_B,
} from '../domain/builders';
import { addReachablePeople, conversationOf } from '../jobs/people';
import { buildPairNeed } from '../store/builders';
import { startTestBot, type TestBot } from '../support/test-bot';
import { startSsoStandIn, TENANT_ID, type SsoStandIn } from './sso-fixture';

const NOW = at('2026-03-18T10:00');
const NEED = 'need:pair-1:noVisitPlanned:1';
const NOTE = 'MARKER-PAIR-NOTE alleen voor ons';

describe('tab: what pairs need, and the leader answering it', function () {
  let sso: SsoStandIn;
  let bot: TestBot;

  beforeEach(async () => {
    sso = await startSsoStandIn();
    bot = await startTestBot({
      env: { TAB_SSO_AUDIENCE: sso.audience, TAB_SSO_OPENID_METADATA_URL: sso.metadataUrl },
      clock: () => NOW,
    });
    const store = bot.store;
    await store.create(buildSchool({ tenantId: TENANT_ID }));
    await store.create(buildProgramme());
    await store.create(buildPair({ id: 'pair-1', memberIds: [TEACHER_A, TEACHER_B] }));
    await store.create(buildCycle({ id: 'cycle-1', pairId: 'pair-1' }));
    await store.create(
      buildPairNeed({
        schoolId: SCHOOL_ID,
        id: NEED,
        pairId: 'pair-1',
        programmeId: 'programme-1',
        personIds: [TEACHER_A, TEACHER_B],
        categories: ['timetableClash'],
        neededBy: '2026-03-27',
        requestedBy: TEACHER_A,
        requestedAt: '2026-03-16T09:00:00.000Z',
        pairNote: NOTE,
        status: 'open',
      }),
    );
    const names: Record<string, string> = {
      [LEADER]: 'Lotte Leider',
      [TEACHER_A]: 'Anna de Vries',
      [TEACHER_B]: 'Bram Jansen',
    };
    for (const [id, name] of Object.entries(names))
      await addMembership(store, tenantPartitionFor(TENANT_ID), TENANT_ID, id, SCHOOL_ID, NOW, name);
    await addReachablePeople(store, TENANT_ID, [TEACHER_A, TEACHER_B], bot.connector.url);
  });
  afterEach(async () => {
    await bot?.stop();
    await sso?.stop();
  });

  async function call(oid: string, path: string, body?: unknown) {
    const token = await sso.sign({ oid });
    const response = await fetch(`${bot.service.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    await bot.service.services.background.idle();
    return { status: response.status, body: JSON.parse(text), text };
  }

  it('should show the leader the open request per pair (categories, since, by when) and never the pair’s note', async () => {
    const { status, body, text } = await call(LEADER, '/api/tab/leader?locale=nl');
    assert.equal(status, 200);
    const needs = body.programmes[0].needs;
    assert.equal(needs.heading, 'Wat tweetallen nodig hebben');
    assert.equal(needs.items.length, 1);
    assert.equal(needs.items[0].names, 'Anna de Vries en Bram Jansen');
    assert.equal(needs.items[0].categories, 'Roosterbotsing met de les van de collega');
    assert.equal(needs.items[0].since, 'Sinds maandag 16 maart');
    assert.equal(needs.items[0].neededBy, 'Nodig vóór vrijdag 27 maart');
    assert.deepEqual(
      needs.reasons.map((r: { value: string }) => r.value),
      ['noCover', 'timetableFixed', 'budget', 'other'],
    );
    assert.ok(!text.includes('MARKER-PAIR-NOTE'));
  });

  it('should refuse a teacher (403 not_a_leader) and an unknown reason (422), and change nothing', async () => {
    const teacher = await call(TEACHER_A, `/api/tab/needs/${encodeURIComponent(NEED)}/arrange`, {});
    assert.equal(teacher.status, 403);
    assert.equal(teacher.body.error, 'not_a_leader');
    const reason = await call(LEADER, `/api/tab/needs/${encodeURIComponent(NEED)}/decline`, { reason: 'later' });
    assert.equal(reason.status, 422);
    assert.equal(reason.body.error, 'INVALID_INPUT');
    assert.equal((await bot.store.read(SCHOOL_ID, 'pairNeed', NEED))?.status, 'open');
    assert.equal(bot.connector.sent().length, 0);
  });

  it('should mark it arranged, tell the pair once in the leader’s name, drop it from the list and answer a second press with "already answered"', async () => {
    const path = `/api/tab/needs/${encodeURIComponent(NEED)}/arrange?locale=en`;
    const first = await call(LEADER, path, { line: 'Jan swaps with you on Thursday.' });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, {
      answered: true,
      message: 'Noted as arranged. I am letting Anna de Vries and Bram Jansen know that you arranged it.',
    });
    for (const teacher of [TEACHER_A, TEACHER_B]) {
      const sent = bot.connector.sent(conversationOf(teacher));
      assert.equal(sent.length, 1);
      assert.match(
        sent[0].text,
        /^Lotte Leider heeft geregeld wat jullie nodig hadden voor het plannen van een lesbezoek/,
      );
      assert.match(sent[0].text, /Lotte Leider schrijft erbij: "Jan swaps with you on Thursday\."/);
    }
    const list = await call(LEADER, '/api/tab/leader?locale=en');
    assert.equal(list.body.programmes[0].needs.items.length, 0);
    assert.equal(list.body.programmes[0].needs.none, 'There is no open request right now.');
    const second = await call(LEADER, path, { line: 'Again' });
    assert.deepEqual(second.body, {
      answered: false,
      message: 'You already answered this request. I changed nothing.',
    });
    assert.equal(bot.connector.sent().length, 2);
    assert.equal((await bot.store.read(SCHOOL_ID, 'pairNeed', NEED))?.leaderLine, 'Jan swaps with you on Thursday.');
  });
});
