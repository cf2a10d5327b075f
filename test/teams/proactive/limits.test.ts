import { strict as assert } from 'node:assert';
import type { SendOutcome } from '../../../src/app/messenger';
import {
  RateLimiter,
  TEAMS_CONVERSATION_LIMITS,
  tenantLimits,
  type WindowLimit,
} from '../../../src/teams/proactive/rate-limiter';
import { FakeTime } from './fake-time';
import { conversationOf, startSenderFixture, TENANT_A, TENANT_B, type SenderFixture } from './sender-fixture';

interface Planned {
  readonly tenantId: string;
  readonly userId: string;
  readonly text: string;
}

/** 10 messages each to 30 people (over two tenants), and `forOne` more to one person. */
function plan(people: number, each: number, forOne: number): Planned[] {
  const messages: Planned[] = [];
  for (let round = 0; round < each; round++) {
    for (let p = 0; p < people; p++)
      messages.push({ tenantId: p % 2 ? TENANT_B : TENANT_A, userId: `p${p}`, text: `m-p${p}-${round}` });
  }
  for (let i = 0; i < forOne; i++) messages.push({ tenantId: TENANT_A, userId: 'busy', text: `m-busy-${i}` });
  return messages;
}

async function seed(fx: SenderFixture, messages: readonly Planned[]): Promise<void> {
  const byTenant = new Map<string, Set<string>>();
  for (const m of messages) byTenant.set(m.tenantId, (byTenant.get(m.tenantId) ?? new Set()).add(m.userId));
  for (const [tenantId, users] of byTenant) await fx.addPeople(tenantId, [...users]);
}

function assertEachDeliveredOnce(
  fx: SenderFixture,
  messages: readonly Planned[],
  outcomes: readonly SendOutcome[],
): void {
  assert.deepEqual(
    outcomes.filter((o) => o.status !== 'sent'),
    [],
    'every send succeeded',
  );
  const delivered = fx.connector.delivered().map((a) => a.text as string);
  assert.equal(delivered.length, messages.length, 'nothing lost, nothing doubled');
  assert.deepEqual([...delivered].sort(), messages.map((m) => m.text).sort());
  for (const userId of new Set(messages.map((m) => m.userId))) {
    const expected = messages.filter((m) => m.userId === userId).length;
    assert.equal(
      fx.connector.delivered(conversationOf(userId)).length,
      expected,
      `all of ${userId}'s messages in their own chat`,
    );
  }
}

describe('proactive sender against a stand-in that enforces Teams limits (fake clock shared by both)', function () {
  this.timeout(90_000);
  let fx: SenderFixture;
  let time: FakeTime;

  beforeEach(async () => {
    fx = await startSenderFixture();
    time = new FakeTime();
  });
  afterEach(async () => fx.stop());

  it('should stay within Teams limits and deliver each of 320 messages once (30 people × 10, and 20 to one person)', async () => {
    fx.connector.enforceLimits({ clock: time.clock }); // 7/1 s, 8/2 s, 60/30 s per conversation; 50/s per tenant
    const messages = plan(30, 10, 20);
    await seed(fx, messages);
    const limiter = time.track(
      new RateLimiter({ tenantLimits: tenantLimits(40), clock: time.clock, sleep: time.sleep }),
    );
    const sender = fx.sender({ limiter, sleep: time.sleep });
    const outcomes = await time.runUntil(
      Promise.all(messages.map((m) => sender.sendToPerson(m.tenantId, m.userId, { text: m.text }))),
    );
    assert.deepEqual(fx.connector.refusals, [], 'the stand-in had to refuse nothing');
    assert.equal(fx.connector.caused429, 0);
    assert.ok(outcomes.every((o) => o.attempts === 1));
    assertEachDeliveredOnce(fx, messages, outcomes);
    // 20 to one person at 8 per 2 s (plus the 100 ms margin): the 17th goes at 4.2 s of fake time.
    assert.ok(time.now >= 4_200, `paced over at least 4.2 s of fake time (took ${time.now} ms)`);
  });

  it('should stay within the 60-per-30-seconds window too: 100 messages to one person and 300 to 30 others (windows shortened)', async () => {
    // The same conversation rules with shorter windows (÷5) so the long window is crossed in
    // seconds; the sender keeps its full 100 ms safety margin, the tenant limits are Teams'.
    const scale = (limits: readonly WindowLimit[]) => limits.map((l) => ({ max: l.max, windowMs: l.windowMs / 5 }));
    const conversationLimits = scale(TEAMS_CONVERSATION_LIMITS.slice(0, 3));
    fx.connector.enforceLimits({ perConversation: conversationLimits, clock: time.clock });
    const limiter = time.track(
      new RateLimiter({ conversationLimits, tenantLimits: tenantLimits(40), clock: time.clock, sleep: time.sleep }),
    );
    const messages = plan(30, 10, 100);
    await seed(fx, messages);
    const sender = fx.sender({ limiter, sleep: time.sleep });
    const outcomes = await time.runUntil(
      Promise.all(messages.map((m) => sender.sendToPerson(m.tenantId, m.userId, { text: m.text }))),
    );
    // 100 to one person, at most 60 per 6 s (the 30 s window ÷ 5) plus the margin: beyond 6 s.
    assert.ok(time.now > 6_000, `the long window was crossed (took ${time.now} ms of fake time)`);
    assert.deepEqual(fx.connector.refusals, [], 'the stand-in had to refuse nothing');
    assert.equal(fx.connector.caused429, 0);
    assertEachDeliveredOnce(fx, messages, outcomes);
  });

  it('should still deliver each message once, through 429s and Retry-After, when its own pacing is off (control: the stand-in does enforce)', async () => {
    fx.connector.enforceLimits({ retryAfterSeconds: 1, clock: time.clock });
    const unpaced = time.track(
      new RateLimiter({
        conversationLimits: [{ max: 1_000, windowMs: 1 }],
        tenantLimits: [{ max: 1_000, windowMs: 1 }],
        clock: time.clock,
        sleep: time.sleep,
      }),
    );
    const messages = plan(0, 0, 12);
    await seed(fx, messages);
    const sender = fx.sender({ limiter: unpaced, sleep: time.sleep, maxAttempts: 5 });
    const outcomes = await time.runUntil(
      Promise.all(messages.map((m) => sender.sendToPerson(m.tenantId, m.userId, { text: m.text }))),
    );
    assert.ok(
      time.sleeps.some((ms) => ms >= 1_000 && ms <= 1_100),
      `the sender waited the Retry-After (1 s of fake time, plus jitter): ${time.sleeps.join(', ')}`,
    );
    assert.ok(fx.connector.caused429 > 0, 'without pacing, the stand-in refuses some');
    assert.ok(outcomes.some((o) => o.attempts > 1));
    assertEachDeliveredOnce(fx, messages, outcomes);
  });
});
