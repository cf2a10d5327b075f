import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  RateLimiter,
  SlidingWindows,
  TEAMS_CONVERSATION_LIMITS,
  tenantLimits,
  type WindowLimit,
} from '../../../src/teams/proactive/rate-limiter';
import { FakeTime } from './fake-time';

interface Grant {
  readonly tenant: string;
  readonly conversation: string;
  readonly at: number;
}

/** A tenant limit that never binds, to look at the conversation limits alone. */
const WIDE_TENANT: readonly WindowLimit[] = [{ max: 10_000, windowMs: 1_000 }];

function limiterOn(
  time: FakeTime,
  overrides: {
    tenantPerSecond?: number;
    tenantLimits?: readonly WindowLimit[];
    conversationMarginMs?: number;
    conversationLimits?: readonly WindowLimit[];
  } = {},
) {
  return new RateLimiter({
    tenantLimits: overrides.tenantLimits ?? tenantLimits(overrides.tenantPerSecond ?? 40),
    conversationLimits: overrides.conversationLimits ?? TEAMS_CONVERSATION_LIMITS,
    conversationMarginMs: overrides.conversationMarginMs ?? 0,
    clock: time.clock,
    sleep: time.sleep,
  });
}

/** The largest number of grants of one key inside any window (t - windowMs, t]. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let end = 0; end < sorted.length; end++) {
    let count = 0;
    for (let i = end; i >= 0 && sorted[i] > sorted[end] - windowMs; i--) count++;
    best = Math.max(best, count);
  }
  return best;
}

function groupBy(grants: readonly Grant[], key: (g: Grant) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const g of grants) groups.set(key(g), [...(groups.get(key(g)) ?? []), g.at]);
  return groups;
}

async function acquireAll(
  time: FakeTime,
  limiter: RateLimiter,
  requests: readonly { tenant: string; conversation: string; from?: number }[],
): Promise<Grant[]> {
  const grants: Grant[] = [];
  const all = requests.map(async (r) => {
    if (r.from) await time.sleep(r.from);
    await limiter.acquire(r.tenant, r.conversation);
    grants.push({ tenant: r.tenant, conversation: r.conversation, at: time.now });
  });
  await time.runUntil(Promise.all(all));
  return grants;
}

describe('proactive rate limiter (sliding windows, fake clock)', () => {
  it('should let 7 sends to one conversation go at once and hold the 8th until the 1-second window has passed', async () => {
    const time = new FakeTime();
    const grants = await acquireAll(
      time,
      limiterOn(time, { tenantLimits: WIDE_TENANT }),
      Array.from({ length: 9 }, () => ({ tenant: 't', conversation: 'c' })),
    );
    assert.deepEqual(
      grants.map((g) => g.at),
      [0, 0, 0, 0, 0, 0, 0, 1000, 2000],
    );
  });

  it('should hold the 61st send to one conversation until 30 seconds after the first (60 per 30 s)', async () => {
    const time = new FakeTime();
    const grants = await acquireAll(
      time,
      limiterOn(time, { tenantLimits: WIDE_TENANT }),
      Array.from({ length: 61 }, () => ({ tenant: 't', conversation: 'c' })),
    );
    const times = grants.map((g) => g.at);
    assert.ok(times[59] < 30_000, `the 60th goes before 30 s (at ${times[59]})`);
    assert.equal(times[60], 30_000);
    assert.equal(busiestWindow(times, 1_000), 7);
    assert.equal(busiestWindow(times, 2_000), 8);
    assert.equal(busiestWindow(times, 30_000), 60);
  });

  it('should keep 1,800 per hour per conversation when sends keep coming', async () => {
    const time = new FakeTime();
    const limits = [
      { max: 1_800, windowMs: 3_600_000 },
      { max: 100, windowMs: 1_000 },
    ];
    const grants = await acquireAll(
      time,
      limiterOn(time, { conversationLimits: limits, tenantLimits: WIDE_TENANT }),
      Array.from({ length: 1_801 }, () => ({ tenant: 't', conversation: 'c' })),
    );
    assert.equal(grants[1_800].at, 3_600_000);
    assert.equal(
      busiestWindow(
        grants.map((g) => g.at),
        3_600_000,
      ),
      1_800,
    );
  });

  it('should pace a tenant at its configured rate over all its conversations, in groups of 4 (40 per second)', async () => {
    const time = new FakeTime();
    const grants = await acquireAll(
      time,
      limiterOn(time),
      Array.from({ length: 100 }, (_, i) => ({ tenant: 't', conversation: `c${i}` })),
    );
    const times = grants.map((g) => g.at);
    const firstSecond = Array.from({ length: 40 }, (_, i) => Math.floor(i / 4) * 90);
    assert.deepEqual(times.slice(0, 40), firstSecond);
    assert.deepEqual(
      times.slice(40, 80),
      firstSecond.map((t) => t + 1_000),
    );
    assert.deepEqual(
      times.slice(80),
      firstSecond.slice(0, 20).map((t) => t + 2_000),
    );
    assert.equal(busiestWindow(times, 1_000), 40);
  });

  it('should hold a tenant to its per-second maximum even when its spacing would allow more', async () => {
    const time = new FakeTime();
    const limiter = new RateLimiter({
      tenantLimits: [{ max: 3, windowMs: 1_000 }],
      conversationMarginMs: 0,
      clock: time.clock,
      sleep: time.sleep,
    });
    const grants = await acquireAll(
      time,
      limiter,
      Array.from({ length: 7 }, (_, i) => ({ tenant: 't', conversation: `c${i}` })),
    );
    assert.deepEqual(
      grants.map((g) => g.at),
      [0, 0, 0, 1000, 1000, 1000, 2000],
    );
  });

  it('should pace tenants independently of each other', async () => {
    const time = new FakeTime();
    const requests = ['a', 'b'].flatMap((tenant) =>
      Array.from({ length: 6 }, (_, i) => ({ tenant, conversation: `${tenant}${i}` })),
    );
    const grants = await acquireAll(time, limiterOn(time), requests);
    for (const tenant of ['a', 'b']) {
      assert.deepEqual(
        grants.filter((g) => g.tenant === tenant).map((g) => g.at),
        [0, 0, 0, 0, 90, 90],
      );
    }
  });

  it('should not hold up another person behind a conversation that is waiting for its window', async () => {
    const time = new FakeTime();
    const requests = [
      ...Array.from({ length: 20 }, () => ({ tenant: 't', conversation: 'busy' })),
      { tenant: 't', conversation: 'other' },
    ];
    const grants = await acquireAll(time, limiterOn(time), requests);
    const busy = grants.filter((g) => g.conversation === 'busy').map((g) => g.at);
    assert.equal(busy[7], 1000, 'the busy conversation waits for its window');
    assert.equal(grants.find((g) => g.conversation === 'other')!.at, 0, 'the other person takes the next tenant slot');
  });

  it('should keep the tenant pace after a stall instead of letting the sends that waited go at once', async () => {
    const time = new FakeTime();
    let sleeps = 0;
    // The 10th sleep wakes 400 ms late, as when the event loop is blocked.
    const stallingSleep = (ms: number) => time.sleep(++sleeps === 10 ? ms + 400 : ms);
    const limiter = new RateLimiter({
      tenantLimits: tenantLimits(40),
      conversationMarginMs: 0,
      clock: time.clock,
      sleep: stallingSleep,
    });
    const grants = await acquireAll(
      time,
      limiter,
      Array.from({ length: 120 }, (_, i) => ({ tenant: 't', conversation: `c${i}` })),
    );
    const times = grants.map((g) => g.at).sort((a, b) => a - b);
    assert.ok(
      times.some((t, i) => i > 0 && t - times[i - 1] > 400),
      'the stall happened',
    );
    assert.equal(busiestWindow(times, 90), 4);
    assert.ok(busiestWindow(times, 1_000) <= 40);
  });

  it("should admit at most the configured number of a tenant's sends into preparation at once, in order", async () => {
    const time = new FakeTime();
    const limiter = new RateLimiter({
      tenantLimits: WIDE_TENANT,
      admissionPerTenant: 2,
      conversationMarginMs: 0,
      clock: time.clock,
      sleep: time.sleep,
    });
    const first = await limiter.begin('t', 'a');
    const second = await limiter.begin('t', 'b');
    let thirdIn = false;
    const third = limiter.begin('t', 'c').then((ticket) => {
      thirdIn = true;
      return ticket;
    });
    await FakeTime.settle();
    assert.equal(thirdIn, false, 'the third waits for a place');
    await first.go();
    first.end();
    await FakeTime.settle();
    assert.equal(thirdIn, true);
    second.end(); // ended without going: it counts for nothing
    const ticket = await third;
    await ticket.go();
    ticket.end();
    ticket.end(); // twice is harmless
    await acquireAll(time, limiter, [{ tenant: 't', conversation: 'd' }]);
  });

  it('should widen conversation windows by the safety margin against network jitter', async () => {
    const time = new FakeTime();
    const grants = await acquireAll(
      time,
      limiterOn(time, { conversationMarginMs: 100, tenantLimits: WIDE_TENANT }),
      Array.from({ length: 8 }, () => ({ tenant: 't', conversation: 'c' })),
    );
    assert.equal(grants[7].at, 1100);
  });

  it('should never exceed any window, whatever the arrival pattern (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            tenant: fc.constantFrom('t1', 't2'),
            conversation: fc.constantFrom('a', 'b', 'c', 'd'),
            from: fc.integer({ min: 0, max: 5_000 }),
          }),
          { minLength: 1, maxLength: 120 },
        ),
        async (requests) => {
          const time = new FakeTime();
          const grants = await acquireAll(time, limiterOn(time, { tenantPerSecond: 5 }), requests);
          assert.equal(grants.length, requests.length, 'every send is granted');
          for (const times of groupBy(grants, (g) => `${g.tenant}|${g.conversation}`).values()) {
            for (const { max, windowMs } of TEAMS_CONVERSATION_LIMITS) assert.ok(busiestWindow(times, windowMs) <= max);
          }
          for (const times of groupBy(grants, (g) => g.tenant).values()) assert.ok(busiestWindow(times, 1_000) <= 5);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('should forget conversations and tenants once their windows are empty', async () => {
    const time = new FakeTime();
    const limiter = limiterOn(time, { conversationLimits: [{ max: 7, windowMs: 1_000 }] });
    await acquireAll(
      time,
      limiter,
      Array.from({ length: 30 }, (_, i) => ({ tenant: 't', conversation: `c${i}` })),
    );
    assert.deepEqual(limiter.tracked(), { conversations: 30, tenants: 1 });
    time.now += 5_000;
    limiter.prune();
    assert.deepEqual(limiter.tracked(), { conversations: 0, tenants: 0 });
  });

  it('should refuse a limit that cannot be met', () => {
    assert.throws(() => new SlidingWindows([{ max: 0, windowMs: 1_000 }]), RangeError);
  });
});
