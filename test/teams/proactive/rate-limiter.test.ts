import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { RateLimiter, SlidingWindows, TEAMS_CONVERSATION_LIMITS, tenantLimits, type WindowLimit } from '../../../src/teams/proactive/rate-limiter';
import { FakeTime } from './fake-time';

interface Grant {
  readonly tenant: string;
  readonly conversation: string;
  readonly at: number;
}

function limiterOn(time: FakeTime, overrides: { tenantPerSecond?: number; conversationMarginMs?: number; conversationLimits?: readonly WindowLimit[] } = {}) {
  return new RateLimiter({
    tenantLimits: tenantLimits(overrides.tenantPerSecond ?? 40),
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

async function acquireAll(time: FakeTime, limiter: RateLimiter, requests: readonly { tenant: string; conversation: string; from?: number }[]): Promise<Grant[]> {
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
    const grants = await acquireAll(time, limiterOn(time), Array.from({ length: 9 }, () => ({ tenant: 't', conversation: 'c' })));
    assert.deepEqual(grants.map((g) => g.at), [0, 0, 0, 0, 0, 0, 0, 1000, 2000]);
  });

  it('should hold the 61st send to one conversation until 30 seconds after the first (60 per 30 s)', async () => {
    const time = new FakeTime();
    const grants = await acquireAll(time, limiterOn(time), Array.from({ length: 61 }, () => ({ tenant: 't', conversation: 'c' })));
    const times = grants.map((g) => g.at);
    assert.ok(times[59] < 30_000, `the 60th goes before 30 s (at ${times[59]})`);
    assert.equal(times[60], 30_000);
    assert.equal(busiestWindow(times, 1_000), 7);
    assert.equal(busiestWindow(times, 2_000), 8);
    assert.equal(busiestWindow(times, 30_000), 60);
  });

  it('should keep 1,800 per hour per conversation when sends keep coming', async () => {
    const time = new FakeTime();
    const limits = [{ max: 1_800, windowMs: 3_600_000 }, { max: 100, windowMs: 1_000 }];
    const grants = await acquireAll(time, limiterOn(time, { conversationLimits: limits, tenantPerSecond: 50 }), Array.from({ length: 1_801 }, () => ({ tenant: 't', conversation: 'c' })));
    assert.equal(grants[1_800].at, 3_600_000);
    assert.equal(busiestWindow(grants.map((g) => g.at), 3_600_000), 1_800);
  });

  it('should pace a tenant at its configured rate over all its conversations (40 per second)', async () => {
    const time = new FakeTime();
    const grants = await acquireAll(time, limiterOn(time), Array.from({ length: 100 }, (_, i) => ({ tenant: 't', conversation: `c${i}` })));
    const perSecond = [0, 1000, 2000].map((at) => grants.filter((g) => g.at === at).length);
    assert.deepEqual(perSecond, [40, 40, 20]);
  });

  it('should pace tenants independently of each other', async () => {
    const time = new FakeTime();
    const requests = ['a', 'b'].flatMap((tenant) => Array.from({ length: 40 }, (_, i) => ({ tenant, conversation: `${tenant}${i}` })));
    const grants = await acquireAll(time, limiterOn(time), requests);
    assert.ok(grants.every((g) => g.at === 0), 'both tenants send their 40 at once');
  });

  it('should not hold up another person behind a conversation that is waiting for its window', async () => {
    const time = new FakeTime();
    const requests = [...Array.from({ length: 20 }, () => ({ tenant: 't', conversation: 'busy' })), { tenant: 't', conversation: 'other' }];
    const grants = await acquireAll(time, limiterOn(time), requests);
    assert.equal(grants.find((g) => g.conversation === 'other')!.at, 0);
  });

  it('should widen conversation windows by the safety margin against network jitter', async () => {
    const time = new FakeTime();
    const grants = await acquireAll(time, limiterOn(time, { conversationMarginMs: 100 }), Array.from({ length: 8 }, () => ({ tenant: 't', conversation: 'c' })));
    assert.equal(grants[7].at, 1100);
  });

  it('should never exceed any window, whatever the arrival pattern (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ tenant: fc.constantFrom('t1', 't2'), conversation: fc.constantFrom('a', 'b', 'c', 'd'), from: fc.integer({ min: 0, max: 5_000 }) }), { minLength: 1, maxLength: 120 }),
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
    await acquireAll(time, limiter, Array.from({ length: 30 }, (_, i) => ({ tenant: 't', conversation: `c${i}` })));
    assert.deepEqual(limiter.tracked(), { conversations: 30, tenants: 1 });
    time.now += 5_000;
    limiter.prune();
    assert.deepEqual(limiter.tracked(), { conversations: 0, tenants: 0 });
  });

  it('should refuse a limit that cannot be met', () => {
    assert.throws(() => new SlidingWindows([{ max: 0, windowMs: 1_000 }]), RangeError);
  });
});
