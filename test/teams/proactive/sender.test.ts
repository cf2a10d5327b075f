import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestBot } from '../../support/test-bot';
import { person, personalInstall, TENANT } from '../../support/teams-activities';
import { conversationOf, startSenderFixture, TENANT_A, type SenderFixture } from './sender-fixture';

const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Koos komt weer' }] };

describe('proactive sender (Bot Connector stand-in on 127.0.0.1)', () => {
  let fx: SenderFixture;

  beforeEach(async () => {
    fx = await startSenderFixture();
    await fx.addPeople(TENANT_A, ['anna', 'ben']);
  });
  afterEach(async () => fx.stop());

  const callsTo = (userId: string) => fx.connector.calls.filter((c) => c.conversationId === conversationOf(userId));

  it('should send a card to a person through their stored conversation reference when asked', async () => {
    const outcome = await fx.sender().sendToPerson(TENANT_A, 'anna', { card: CARD, text: 'Koos komt weer' });
    assert.equal(outcome.status, 'sent');
    assert.equal(outcome.attempts, 1);
    assert.ok(outcome.activityId?.startsWith('activity-'));
    const [activity] = fx.connector.delivered(conversationOf('anna'));
    assert.equal(activity.type, 'message');
    assert.equal(activity.text, 'Koos komt weer');
    assert.deepEqual(activity.attachments[0].content, CARD);
    assert.equal(
      fx.connector.calls[0].path,
      `/${TENANT_A}/v3/conversations/${encodeURIComponent(conversationOf('anna'))}/activities`,
    );
    assert.equal(fx.connector.calls[0].authorization, undefined, 'no app id: unauthenticated, as in local development');
  });

  it('should retry after the Retry-After of a 429 and count both attempts when Teams throttles once', async () => {
    let throttled = 0;
    fx.connector.intercept = () =>
      throttled++ === 0
        ? { status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests' } } }
        : undefined;
    const outcome = await fx.sender({ random: () => 0.5 }).sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
    assert.deepEqual({ status: outcome.status, attempts: outcome.attempts }, { status: 'sent', attempts: 2 });
    assert.equal(callsTo('anna').length, 2, "one HTTP request per attempt: the connector's own retries are off");
    assert.equal(fx.sleeps.length, 1);
    assert.ok(fx.sleeps[0] >= 2000 && fx.sleeps[0] <= 2100, `waited ${fx.sleeps[0]} ms for Retry-After: 2`);
    assert.equal(fx.connector.delivered(conversationOf('anna')).length, 1);
  });

  it('should honour a Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    let throttled = 0;
    fx.connector.intercept = () =>
      throttled++ === 0 ? { status: 429, headers: { 'Retry-After': new Date(now + 7000).toUTCString() } } : undefined;
    const outcome = await fx
      .sender({ now: () => now, random: () => 0 })
      .sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
    assert.equal(outcome.status, 'sent');
    assert.deepEqual(fx.sleeps, [7000]);
  });

  for (const status of [412, 502, 504]) {
    it(`should retry with backoff and succeed when the connector answers ${status} once`, async () => {
      let failed = 0;
      fx.connector.intercept = () => (failed++ === 0 ? { status, body: { error: { code: 'Transient' } } } : undefined);
      const outcome = await fx
        .sender({ backoff: { baseDelayMs: 400 } })
        .sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
      assert.deepEqual({ status: outcome.status, attempts: outcome.attempts }, { status: 'sent', attempts: 2 });
      assert.equal(callsTo('anna').length, 2);
      assert.equal(fx.sleeps.length, 1);
      assert.ok(fx.sleeps[0] >= 200 && fx.sleeps[0] <= 400, `backoff ${fx.sleeps[0]} ms within [base/2, base]`);
    });
  }

  it('should give up as failed after the maximum attempts, with growing backoffs, when 502 persists', async () => {
    fx.connector.intercept = () => ({ status: 502, body: { error: { code: 'BadGateway' } } });
    const outcome = await fx
      .sender({ maxAttempts: 4, backoff: { baseDelayMs: 100, maxDelayMs: 1000 }, random: () => 1 })
      .sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.attempts, 4);
    assert.equal(outcome.httpStatus, 502);
    assert.equal(callsTo('anna').length, 4, 'exactly maxAttempts requests, not more');
    assert.deepEqual(fx.sleeps, [100, 200, 400]);
    assert.equal((await fx.reference(TENANT_A, 'anna'))?.reachable, true, 'a failure is not unreachability');
    assert.ok(fx.logs.some((l) => /proactive send failed/.test(l) && /"attempts":4/.test(l)));
  });

  for (const [status, code] of [
    [403, 'MessageWritesBlocked'],
    [404, 'ConversationNotFound'],
  ] as const) {
    it(`should mark the person unreachable after one attempt, without retrying, when the connector answers ${status}`, async () => {
      fx.connector.intercept = () => ({ status, body: { error: { code, message: 'x' } } });
      const outcome = await fx.sender().sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
      assert.deepEqual(
        { status: outcome.status, attempts: outcome.attempts, httpStatus: outcome.httpStatus, reason: outcome.reason },
        { status: 'unreachable', attempts: 1, httpStatus: status, reason: code },
      );
      assert.equal(callsTo('anna').length, 1);
      assert.deepEqual(fx.sleeps, []);
      const stored = await fx.reference(TENANT_A, 'anna');
      assert.equal(stored?.reachable, false);
      assert.equal((await fx.reference(TENANT_A, 'ben'))?.reachable, true, 'only that person');
      // Known unreachable: the next send does not call Teams at all.
      const again = await fx.sender().sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
      assert.deepEqual({ status: again.status, attempts: again.attempts }, { status: 'unreachable', attempts: 0 });
      assert.equal(callsTo('anna').length, 1);
    });
  }

  it('should not mark a fresh reference unreachable when the person reinstalled while the send was failing', async () => {
    fx.connector.intercept = (call) => {
      if (call.conversationId !== conversationOf('anna')) return undefined;
      return { status: 403, body: { error: { code: 'MessageWritesBlocked' } } };
    };
    const sender = fx.sender();
    const sending = sender.sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
    // The reinstall stores a reference to a new conversation before the sender marks the old one.
    await fx.addPeople(TENANT_A, ['anna'], `${fx.connector.url}elsewhere/`);
    const outcome = await sending;
    assert.equal(outcome.status, 'unreachable');
    const stored = await fx.reference(TENANT_A, 'anna');
    assert.equal((stored?.reference as any).serviceUrl, `${fx.connector.url}elsewhere/`);
    assert.equal(stored?.reachable, true);
  });

  it('should fail at once, without retrying, when the connector refuses the message (400)', async () => {
    fx.connector.intercept = () => ({ status: 400, body: { error: { code: 'BadArgument' } } });
    const outcome = await fx.sender().sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
    assert.deepEqual(
      { status: outcome.status, attempts: outcome.attempts, reason: outcome.reason },
      { status: 'failed', attempts: 1, reason: 'BadArgument' },
    );
    assert.equal((await fx.reference(TENANT_A, 'anna'))?.reachable, true);
  });

  it('should report unreachable without any call when the person has no stored reference', async () => {
    const outcome = await fx.sender().sendToPerson(TENANT_A, 'nobody', { text: 'hallo' });
    assert.deepEqual(outcome, { status: 'unreachable', attempts: 0, reason: 'no reference' });
    assert.equal(fx.connector.calls.length, 0);
  });

  it('should end as failed when the server asks to wait longer than the sender may', async () => {
    fx.connector.intercept = () => ({ status: 429, headers: { 'Retry-After': '600' } });
    const outcome = await fx.sender({ maxRetryAfterMs: 60_000 }).sendToPerson(TENANT_A, 'anna', { text: 'hallo' });
    assert.deepEqual(
      { status: outcome.status, attempts: outcome.attempts, reason: outcome.reason },
      { status: 'failed', attempts: 1, reason: 'Retry-After too long' },
    );
  });

  it('should retry when the connector cannot be reached and fail after the maximum attempts', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await fx.addPeople(TENANT_A, ['carla'], `http://127.0.0.1:${port}/`);
    const outcome = await fx.sender({ maxAttempts: 3 }).sendToPerson(TENANT_A, 'carla', { text: 'hallo' });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.attempts, 3);
    assert.equal(outcome.httpStatus, undefined);
    assert.equal(fx.sleeps.length, 2);
  });

  it('should post to a stored channel reference directly', async () => {
    const channel = {
      serviceUrl: fx.connector.url,
      channelId: 'msteams',
      bot: { id: '28:tweetal', name: 'Tweetal' },
      conversation: { id: '19:channel@thread.tacv2', isGroup: true, conversationType: 'channel', tenantId: TENANT_A },
    };
    const outcome = await fx.sender().sendToReference(channel as any, { card: CARD });
    assert.equal(outcome.status, 'sent');
    assert.equal(fx.connector.delivered('19:channel@thread.tacv2').length, 1);
  });

  it('should never log the message itself', async () => {
    await fx.sender().sendToPerson(TENANT_A, 'anna', { text: 'Ik zag dat Bram twee keer werd onderbroken' });
    assert.ok(fx.logs.some((l) => /proactive send sent/.test(l)));
    assert.ok(!fx.logs.some((l) => /onderbroken/.test(l)));
  });
});

describe('proactive sender wired into the service', () => {
  it('should reach a person who installed the app, through services.messenger, with no app id configured', async () => {
    const bot = await startTestBot();
    try {
      const anna = person(1, 'Anna de Vries');
      await bot.post(personalInstall(bot.connector.url, anna));
      bot.connector.reset();
      assert.equal(bot.config.bot.appId, '');
      const outcome = await bot.service.services.messenger!.sendToPerson(TENANT, anna.aadObjectId, {
        text: 'Koos komt weer',
      });
      assert.equal(outcome.status, 'sent');
      const sent = bot.connector.sent(`a:personal-${anna.aadObjectId}`);
      assert.equal(sent.length, 1);
      assert.equal(sent[0].text, 'Koos komt weer');
      assert.equal(bot.connector.calls[0].authorization, undefined);
    } finally {
      await bot.stop();
    }
  });
});
