import { strict as assert } from 'node:assert';
import { createLogger } from '../../../src/logging/logger';
import { personDeliveryOf } from '../../../src/teams/proactive/delivery';
import { RateLimiter, tenantLimits } from '../../../src/teams/proactive/rate-limiter';
import { FakeTime } from './fake-time';
import { conversationOf, startSenderFixture, TENANT_A, type SenderFixture } from './sender-fixture';

const NEW_CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Lesbezoek bevestigd' }] };

describe('proactive delivery: new 1:1 conversations and in-place updates (Bot Connector stand-in)', () => {
  let fx: SenderFixture;

  beforeEach(async () => {
    fx = await startSenderFixture();
    await fx.addPeople(TENANT_A, ['anna', 'ben']);
  });
  afterEach(async () => fx.stop());

  const serviceUrl = () => `${fx.connector.url}${TENANT_A}/`;
  const carla = () => ({
    tenantId: TENANT_A,
    userId: 'carla',
    teamsId: '29:carla',
    name: 'Carla Smit',
    serviceUrl: serviceUrl(),
    fallbackLocale: 'en' as const,
  });
  const creates = () => fx.connector.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/v3/conversations'));
  const puts = () => fx.connector.calls.filter((c) => c.method === 'PUT');
  const posts = (userId: string) =>
    fx.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationOf(userId));
  const oldCard = (userId: string) => ({
    replace: { conversationId: conversationOf(userId), activityId: 'activity-old' },
  });

  describe('a person without a stored reference', () => {
    it('should open a 1:1 conversation with their Teams id, send there in the fallback language, and store its reference when they have a Teams id', async () => {
      const locales: string[] = [];
      const outcome = await fx.sender().deliver(carla(), (locale) => {
        locales.push(locale);
        return { text: locale === 'en' ? 'Your partner is Anna' : 'Je partner is Anna' };
      });
      assert.equal(outcome.status, 'sent');
      assert.equal(outcome.conversationCreated, true);
      assert.equal(outcome.attempts, 2, 'one create, one send');
      assert.equal(outcome.conversationId, conversationOf('carla'));
      assert.deepEqual(locales, ['en']);
      const [create] = creates();
      assert.equal(create!.path, `/${TENANT_A}/v3/conversations`);
      assert.equal(create!.body.isGroup, false);
      assert.equal(create!.body.tenantId, TENANT_A);
      assert.deepEqual(create!.body.members, [{ id: '29:carla', name: 'Carla Smit', aadObjectId: 'carla' }]);
      assert.equal(create!.body.channelData.tenant.id, TENANT_A);
      const [message] = fx.connector.delivered(conversationOf('carla'));
      assert.equal(message.text, 'Your partner is Anna');
      assert.equal(message.replyToId, undefined);
      assert.equal(fx.connector.calls.length, 2);
      // The same document rememberPerson writes: the next message needs no new conversation.
      const stored = await fx.reference(TENANT_A, 'carla');
      assert.equal(stored?.reachable, true);
      assert.equal(stored?.userId, 'carla');
      assert.equal(stored?.name, 'Carla Smit');
      assert.equal(stored?.locale, 'en');
      const reference = stored?.reference as any;
      assert.equal(reference.conversation.id, conversationOf('carla'));
      assert.equal(reference.conversation.conversationType, 'personal');
      assert.equal(reference.conversation.tenantId, TENANT_A);
      assert.equal(reference.serviceUrl, serviceUrl());
      assert.deepEqual(
        { id: reference.user.id, aadObjectId: reference.user.aadObjectId },
        { id: '29:carla', aadObjectId: 'carla' },
      );
      const next = await fx.sender().sendToPerson(TENANT_A, 'carla', { text: 'Koos komt weer' });
      assert.deepEqual({ status: next.status, attempts: next.attempts }, { status: 'sent', attempts: 1 });
      assert.equal(creates().length, 1, 'no second conversation');
      assert.equal(fx.connector.delivered(conversationOf('carla')).length, 2);
    });

    it('should use the stored reference and create nothing when the person has one', async () => {
      const outcome = await fx.sender().deliver({ ...carla(), userId: 'anna', teamsId: '29:anna' }, { text: 'hallo' });
      assert.equal(outcome.status, 'sent');
      assert.equal(outcome.conversationCreated, undefined);
      assert.equal(creates().length, 0);
      assert.equal(fx.connector.delivered(conversationOf('anna')).length, 1);
    });

    it('should open a new conversation for a person marked unreachable when their Teams id is known, and store it as reachable', async () => {
      fx.connector.intercept = (call) =>
        call.conversationId === conversationOf('carla') && posts('carla').length === 0
          ? { status: 403, body: { error: { code: 'MessageWritesBlocked' } } }
          : undefined;
      await fx.addPeople(TENANT_A, ['carla']);
      assert.equal((await fx.sender().sendToPerson(TENANT_A, 'carla', { text: 'eerste' })).status, 'unreachable');
      assert.equal((await fx.reference(TENANT_A, 'carla'))?.reachable, false);
      fx.connector.intercept = undefined;
      const outcome = await fx.sender().deliver(carla(), { text: 'tweede' });
      assert.deepEqual(
        { status: outcome.status, created: outcome.conversationCreated },
        { status: 'sent', created: true },
      );
      assert.equal((await fx.reference(TENANT_A, 'carla'))?.reachable, true);
    });

    it('should retry creating the conversation after a 429 and pace it like a send', async () => {
      let throttled = 0;
      fx.connector.intercept = (call) =>
        call.path.endsWith('/v3/conversations') && throttled++ === 0
          ? { status: 429, headers: { 'Retry-After': '1' } }
          : undefined;
      const outcome = await fx.sender({ random: () => 0 }).deliver(carla(), { text: 'hallo' });
      assert.deepEqual({ status: outcome.status, attempts: outcome.attempts }, { status: 'sent', attempts: 3 });
      assert.equal(creates().length, 2);
      assert.deepEqual(fx.sleeps, [1000]);
      assert.equal(fx.connector.delivered(conversationOf('carla')).length, 1, 'sent once');
    });

    for (const status of [403, 404]) {
      it(`should report unreachable, store nothing and send nothing when Teams refuses the new conversation (${status})`, async () => {
        fx.connector.intercept = (call) =>
          call.path.endsWith('/v3/conversations')
            ? { status, body: { error: { code: 'BotNotInConversationRoster' } } }
            : undefined;
        const outcome = await fx.sender().deliver(carla(), { text: 'hallo' });
        assert.deepEqual(
          { status: outcome.status, attempts: outcome.attempts, reason: outcome.reason },
          { status: 'unreachable', attempts: 1, reason: 'BotNotInConversationRoster' },
        );
        assert.equal(await fx.reference(TENANT_A, 'carla'), undefined);
        assert.equal(fx.connector.calls.length, 1);
      });
    }

    it('should report unreachable without any call when neither a reference nor a Teams id is known', async () => {
      const { teamsId: _teamsId, ...withoutTeamsId } = carla();
      const outcome = await fx.sender().deliver(withoutTeamsId, { text: 'hallo' });
      assert.deepEqual(outcome, { status: 'unreachable', attempts: 0, reason: 'no reference' });
      assert.equal(fx.connector.calls.length, 0);
    });
  });

  describe('updating an earlier message in place', () => {
    it("should replace the earlier card with one PUT in the stored conversation, in the person's own language, and send nothing new", async () => {
      const locales: string[] = [];
      const outcome = await fx.sender().deliver(
        { tenantId: TENANT_A, userId: 'anna', fallbackLocale: 'en' },
        async (locale) => {
          locales.push(locale);
          return { card: NEW_CARD };
        },
        oldCard('anna'),
      );
      assert.deepEqual(
        {
          status: outcome.status,
          attempts: outcome.attempts,
          updatedInPlace: outcome.updatedInPlace,
          activityId: outcome.activityId,
          conversationId: outcome.conversationId,
        },
        {
          status: 'sent',
          attempts: 1,
          updatedInPlace: true,
          activityId: 'activity-old',
          conversationId: conversationOf('anna'),
        },
      );
      assert.deepEqual(locales, ['nl'], 'the stored language wins over the fallback');
      const [put] = puts();
      assert.equal(
        put!.path,
        `/${TENANT_A}/v3/conversations/${encodeURIComponent(conversationOf('anna'))}/activities/activity-old`,
      );
      assert.equal(put!.body.id, 'activity-old');
      assert.equal(put!.body.type, 'message');
      assert.equal(put!.body.replyToId, undefined);
      assert.deepEqual(put!.body.attachments[0].content, NEW_CARD);
      assert.equal(fx.connector.calls.length, 1);
      assert.equal(fx.connector.delivered().length, 0);
    });

    for (const [status, code] of [
      [404, 'NotFound'],
      [400, 'BadArgument'],
    ] as const) {
      it(`should send the card as a new message, and keep the person reachable, when the earlier message is gone (${status} on the update)`, async () => {
        fx.connector.intercept = (call) =>
          call.method === 'PUT' ? { status, body: { error: { code, message: 'x' } } } : undefined;
        const outcome = await fx
          .sender()
          .deliver({ tenantId: TENANT_A, userId: 'anna' }, { card: NEW_CARD }, oldCard('anna'));
        assert.equal(outcome.status, 'sent');
        assert.equal(outcome.updatedInPlace, false);
        assert.equal(outcome.attempts, 2, 'one PUT, one POST');
        assert.ok(
          outcome.activityId?.startsWith('activity-') && outcome.activityId !== 'activity-old',
          "the new message's id, to remember",
        );
        assert.deepEqual(
          fx.connector.calls.map((c) => c.method),
          ['PUT', 'POST'],
        );
        assert.deepEqual(fx.connector.delivered(conversationOf('anna'))[0].attachments[0].content, NEW_CARD);
        assert.equal((await fx.reference(TENANT_A, 'anna'))?.reachable, true, 'a lost message is not a lost person');
        assert.deepEqual(fx.sleeps, [], 'no retry of the update');
        assert.ok(!fx.logs.some((l) => /proactive update failed/.test(l)), 'not logged as a failure');
      });
    }

    it('should mark the person unreachable when, after the earlier message was gone, the new message gets a 404 too', async () => {
      fx.connector.intercept = () => ({ status: 404, body: { error: { code: 'ConversationNotFound' } } });
      const outcome = await fx
        .sender()
        .deliver({ tenantId: TENANT_A, userId: 'anna' }, { card: NEW_CARD }, oldCard('anna'));
      assert.deepEqual(
        { status: outcome.status, attempts: outcome.attempts, reason: outcome.reason },
        { status: 'unreachable', attempts: 2, reason: 'ConversationNotFound' },
      );
      assert.equal((await fx.reference(TENANT_A, 'anna'))?.reachable, false);
      assert.equal((await fx.reference(TENANT_A, 'ben'))?.reachable, true);
    });

    it('should mark the person unreachable, without sending anything new, when the update gets a 403', async () => {
      fx.connector.intercept = () => ({ status: 403, body: { error: { code: 'MessageWritesBlocked' } } });
      const outcome = await fx
        .sender()
        .deliver({ tenantId: TENANT_A, userId: 'anna' }, { card: NEW_CARD }, oldCard('anna'));
      assert.deepEqual(
        { status: outcome.status, attempts: outcome.attempts, reason: outcome.reason },
        { status: 'unreachable', attempts: 1, reason: 'MessageWritesBlocked' },
      );
      assert.deepEqual(
        fx.connector.calls.map((c) => c.method),
        ['PUT'],
      );
      assert.equal((await fx.reference(TENANT_A, 'anna'))?.reachable, false);
    });

    it('should retry the update after the Retry-After of a 429 and still update in place', async () => {
      let throttled = 0;
      fx.connector.intercept = () => (throttled++ === 0 ? { status: 429, headers: { 'Retry-After': '2' } } : undefined);
      const outcome = await fx
        .sender({ random: () => 0 })
        .deliver({ tenantId: TENANT_A, userId: 'anna' }, { card: NEW_CARD }, oldCard('anna'));
      assert.deepEqual(
        { status: outcome.status, attempts: outcome.attempts, updatedInPlace: outcome.updatedInPlace },
        { status: 'sent', attempts: 2, updatedInPlace: true },
      );
      assert.equal(puts().length, 2);
      assert.deepEqual(fx.sleeps, [2000]);
      assert.equal(fx.connector.delivered().length, 0);
    });

    it('should give up as failed after the maximum attempts when the update keeps getting 502', async () => {
      fx.connector.intercept = () => ({ status: 502 });
      const outcome = await fx
        .sender({ maxAttempts: 3 })
        .deliver({ tenantId: TENANT_A, userId: 'anna' }, { card: NEW_CARD }, oldCard('anna'));
      assert.deepEqual({ status: outcome.status, attempts: outcome.attempts }, { status: 'failed', attempts: 3 });
      assert.equal(puts().length, 3);
      assert.equal(fx.connector.calls.length, 3, 'no new message on a failure that is not "gone"');
      assert.equal((await fx.reference(TENANT_A, 'anna'))?.reachable, true);
    });

    it('should send a new message instead of updating when the earlier one is in another conversation (the person reinstalled)', async () => {
      const outcome = await fx
        .sender()
        .deliver(
          { tenantId: TENANT_A, userId: 'anna' },
          { card: NEW_CARD },
          { replace: { conversationId: 'a:old-conversation', activityId: 'activity-old' } },
        );
      assert.deepEqual(
        { status: outcome.status, updatedInPlace: outcome.updatedInPlace, attempts: outcome.attempts },
        { status: 'sent', updatedInPlace: false, attempts: 1 },
      );
      assert.equal(puts().length, 0);
      assert.equal(fx.connector.delivered(conversationOf('anna')).length, 1);
    });

    it('should never log the message itself', async () => {
      fx.connector.intercept = (call) => (call.method === 'PUT' ? { status: 404 } : undefined);
      await fx
        .sender()
        .deliver(
          { tenantId: TENANT_A, userId: 'anna' },
          { text: 'Ik zag dat Bram twee keer werd onderbroken' },
          oldCard('anna'),
        );
      await fx.sender().deliver(carla(), { text: 'Ik zag dat Bram twee keer werd onderbroken' });
      assert.ok(fx.logs.some((l) => /proactive update target gone/.test(l)));
      assert.ok(fx.logs.some((l) => /proactive create sent/.test(l)));
      assert.ok(!fx.logs.some((l) => /onderbroken/.test(l)));
    });
  });

  describe('pacing of updates', function () {
    this.timeout(30_000);

    it('should keep updates and sends to one conversation within Teams limits together (16 at once, none refused)', async () => {
      const time = new FakeTime();
      fx.connector.enforceLimits({ clock: time.clock }); // 7/1 s, 8/2 s, 60/30 s per conversation
      const limiter = time.track(
        new RateLimiter({ tenantLimits: tenantLimits(40), clock: time.clock, sleep: time.sleep }),
      );
      const sender = fx.sender({ limiter, sleep: time.sleep, maxAttempts: 1 });
      const all = Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          i % 4 === 3
            ? sender.deliver({ tenantId: TENANT_A, userId: 'anna' }, { text: `nieuw ${i}` })
            : sender.deliver(
                { tenantId: TENANT_A, userId: 'anna' },
                { text: `bijgewerkt ${i}` },
                { replace: { conversationId: conversationOf('anna'), activityId: `activity-${i}` } },
              ),
        ),
      );
      const outcomes = await time.runUntil(all);
      assert.deepEqual(fx.connector.refusals, [], 'the stand-in had to refuse nothing');
      assert.deepEqual(
        outcomes.map((o) => o.status),
        Array(16).fill('sent'),
      );
      assert.equal(puts().length, 12);
      assert.equal(fx.connector.delivered(conversationOf('anna')).length, 4);
      assert.ok(
        time.now >= 2000,
        `16 requests to one conversation at 8 per 2 s take more than 2 s of fake time (took ${time.now} ms)`,
      );
    });

    it('should be refused by that stand-in when updates are not paced (the check can fail)', async () => {
      const time = new FakeTime();
      fx.connector.enforceLimits({ clock: time.clock });
      const unpaced = time.track(
        new RateLimiter({
          conversationLimits: [{ max: 1000, windowMs: 1000 }],
          tenantLimits: tenantLimits(40),
          clock: time.clock,
          sleep: time.sleep,
        }),
      );
      const sender = fx.sender({ limiter: unpaced, sleep: time.sleep, maxAttempts: 1 });
      const outcomes = await time.runUntil(
        Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            sender.deliver(
              { tenantId: TENANT_A, userId: 'anna' },
              { text: `bijgewerkt ${i}` },
              { replace: { conversationId: conversationOf('anna'), activityId: `activity-${i}` } },
            ),
          ),
        ),
      );
      assert.ok(fx.connector.caused429 > 0);
      assert.ok(outcomes.some((o) => o.status === 'failed' && o.httpStatus === 429));
    });
  });
});

describe('personDeliveryOf', () => {
  it('should deliver nothing, and say so in the log, when the service messenger cannot deliver in Teams', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => lines.push(line) } as never);
    const plain = { sendToPerson: async () => ({ status: 'sent' as const, attempts: 1 }) };
    const outcome = await personDeliveryOf({ messenger: plain, logger }).deliver(
      { tenantId: TENANT_A, userId: 'anna' },
      { text: 'hallo' },
    );
    assert.deepEqual(outcome, { status: 'failed', attempts: 0, reason: 'no delivery configured' });
    assert.ok(lines.some((l) => /no Teams delivery configured/.test(l)));
  });
});
