/**
 * One tenant budget across instances (issue 10 item 4, issue 12 item 4): two bot instances
 * fanning out to one tenant together, each with its own store client, adapter and limiter,
 * against the Bot Connector stand-in enforcing Teams' limits (50 per second per tenant). With
 * the shared budget in the store the stand-in refuses nothing and the two reach at least 0.9 of
 * the configured 40/s together; without it (each instance pacing alone) it refuses. All on a fake
 * clock: the rate is counted in virtual time, never measured on the real clock (the real-time
 * figure is `npm run bench -- --only fanout`).
 */
import { strict as assert } from 'node:assert';
import { SqliteStore } from '../../../src/store/sqlite-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError, type Store } from '../../../src/store/store';
import { MAX_TENANT_PER_SECOND, loadConfig } from '../../../src/config';
import {
  budgetSlots,
  burstPerSecond,
  StoreTenantBudget,
  TENANT_BUDGET_ID,
} from '../../../src/teams/proactive/tenant-budget';
import { tenantPartitionFor } from '../../../src/teams/ids';
import { startLocalCosmos, type LocalCosmos } from '../../store/cosmos-server';
import { conversationOf } from '../../jobs/people';
import { FakeTime } from './fake-time';
import { countingStore, FANOUT_TENANT, startInstances, type InstanceStore, type Instances } from './instances';

const PER_SECOND = 40;
const MESSAGES = 240;

const userIds = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

/** Every message through instance i % 2, all at once (as two job runs fanning out together). */
async function fanOut(world: Instances, people: readonly string[]) {
  const started = world.time.now;
  const outcomes = await world.run(
    Promise.all(
      people.map((userId, i) =>
        world.instances[i % world.instances.length]!.sender.sendToPerson(FANOUT_TENANT, userId, { text: `m-${i}` }),
      ),
    ),
  );
  return { outcomes, seconds: (world.time.now - started) / 1000 };
}

function assertDeliveredOnce(world: Instances, people: readonly string[]): void {
  for (const userId of people)
    assert.equal(world.connector.delivered(conversationOf(userId)).length, 1, `${userId} got one message`);
  assert.equal(world.connector.delivered().length, people.length);
}

for (const kind of ['sqlite', 'cosmos'] as const) {
  describe(`one tenant budget across two instances (${kind === 'sqlite' ? 'SQLite file, two connections' : 'Cosmos DB API server, two clients'})`, function () {
    this.timeout(120_000);
    let cosmos: LocalCosmos | undefined;
    let databases = 0;
    let world: Instances | undefined;
    const storeOf = (): InstanceStore =>
      kind === 'sqlite' ? 'sqlite' : { cosmos: cosmos!, database: `tweetal-budget-${++databases}` };

    before(async () => {
      if (kind === 'cosmos') cosmos = await startLocalCosmos();
    });
    after(async () => cosmos?.close());
    afterEach(async () => {
      await world?.stop();
      world = undefined;
    });

    it(`should cause 0 429s and reach at least 0.9 of ${PER_SECOND}/s together when both fan out to one tenant with the shared budget`, async () => {
      world = await startInstances({ count: 2, store: storeOf(), perSecond: PER_SECOND });
      const people = userIds(MESSAGES);
      await world.addPeople(people);
      const { outcomes, seconds } = await fanOut(world, people);
      assert.deepEqual(world.connector.refusals, [], 'the stand-in refused nothing');
      assert.equal(world.connector.caused429, 0);
      assert.deepEqual(
        outcomes.filter((o) => o.status !== 'sent' || o.attempts !== 1),
        [],
        'each sent at the first attempt',
      );
      assertDeliveredOnce(world, people);
      const rate = MESSAGES / seconds;
      assert.ok(rate >= 0.9 * PER_SECOND, `together ${rate.toFixed(1)}/s in virtual time (${seconds} s)`);
      assert.ok(
        world.instances.every((i) => (i.budget?.stats.reservations ?? 0) > 0),
        'both instances reserved from the one budget',
      );
    });

    it('should be refused by the stand-in when each instance paces only itself (control: the limit is enforced)', async () => {
      world = await startInstances({ count: 2, store: storeOf(), perSecond: PER_SECOND, sharedBudget: false });
      const people = userIds(MESSAGES);
      await world.addPeople(people);
      const { outcomes } = await fanOut(world, people);
      assert.ok(world.connector.caused429 > 0, 'together they exceed 50/s');
      assert.ok(
        outcomes.every((o) => o.status === 'sent'),
        'the sender retries the 429s',
      );
      assertDeliveredOnce(world, people);
    });
  });
}

describe('tenant budget (time-slot reservation in the store, fake clock)', () => {
  let dir: string;
  let stores: SqliteStore[];
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-budget-'));
    stores = [new SqliteStore(path.join(dir, 'db.sqlite')), new SqliteStore(path.join(dir, 'db.sqlite'))];
    for (const store of stores) await store.init();
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should cut 40/s into slots of 100 ms with 4 places, and 1/s into one place a second', () => {
    assert.deepEqual(budgetSlots(40), { perSlot: 4, slotMs: 100 });
    assert.deepEqual(budgetSlots(1), { perSlot: 1, slotMs: 1000 });
    assert.deepEqual(budgetSlots(25), { perSlot: 3, slotMs: 120 });
  });

  it("should keep every allowed rate's bursts within Teams' 50 per second, and the first refused rate above it", () => {
    const TEAMS_PER_SECOND = 50;
    assert.equal(burstPerSecond(40), 44);
    for (let rate = 1; rate <= MAX_TENANT_PER_SECOND; rate++)
      assert.ok(burstPerSecond(rate) <= TEAMS_PER_SECOND, `${rate}/s bursts to ${burstPerSecond(rate)}`);
    assert.ok(burstPerSecond(MAX_TENANT_PER_SECOND + 1) > TEAMS_PER_SECOND, 'the limit is not lower than it need be');
    assert.throws(
      () => loadConfig({ PROACTIVE_TENANT_PER_SECOND: String(MAX_TENANT_PER_SECOND + 1) }),
      /PROACTIVE_TENANT_PER_SECOND/,
    );
  });

  it('should let at most 4 sends of a tenant start in any 100 ms slot over three budgets on one store, and no more than 44 in any second', async () => {
    const time = new FakeTime();
    time.now = 1_000_037; // not on a slot boundary
    const busy = { count: 0 };
    const budgets = [0, 1, 2].map(
      (i) =>
        new StoreTenantBudget({
          store: countingStore(stores[i % 2]!, busy),
          perSecond: PER_SECOND,
          clock: time.clock,
          sleep: time.sleep,
        }),
    );
    const starts: number[] = [];
    await time.runUntil(
      Promise.all(
        Array.from({ length: 300 }, async (_, i) => {
          await budgets[i % 3]!.take('tenant-x');
          starts.push(time.now);
        }),
      ),
      100_000,
      () => busy.count === 0,
    );
    const perSlot = new Map<number, number>();
    for (const at of starts) perSlot.set(Math.floor(at / 100), (perSlot.get(Math.floor(at / 100)) ?? 0) + 1);
    assert.ok(Math.max(...perSlot.values()) <= 4, 'at most 4 per slot');
    const sorted = [...starts].sort((a, b) => a - b);
    for (let i = 44; i < sorted.length; i++)
      assert.ok(sorted[i]! - sorted[i - 44]! >= 1000, 'at most 44 in any second');
    const seconds = (sorted[sorted.length - 1]! - sorted[0]! + 100) / 1000;
    assert.ok(300 / seconds >= 0.9 * PER_SECOND, `${(300 / seconds).toFixed(1)}/s`);
    const doc = await stores[0]!.read(tenantPartitionFor('tenant-x'), 'tenantBudget', TENANT_BUDGET_ID);
    assert.equal(doc?.slotMs, 100);
  });

  it('should not carry places of a slot that passed into a later slot (a slow store or a stalled process)', async () => {
    const time = new FakeTime();
    time.now = 5_000;
    let stall = true;
    const slow: Store = new Proxy(stores[0]!, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'replace' && key !== 'create') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (stall) {
            stall = false;
            time.now += 250; // the write came back two slots later
          }
          return result;
        };
      },
    });
    const budget = new StoreTenantBudget({ store: slow, perSecond: PER_SECOND, clock: time.clock, sleep: time.sleep });
    const starts: number[] = [];
    await time.runUntil(
      Promise.all(
        Array.from({ length: 4 }, async () => {
          await budget.take('tenant-y');
          starts.push(time.now);
        }),
      ),
    );
    assert.equal(budget.stats.lost, 4, "the first slot's places were lost");
    assert.deepEqual(starts, [5_250, 5_250, 5_250, 5_250], 'sent at once on places of the slot they are in');
  });

  it('should pace the instance alone, one slot at a time, when the store cannot be reached', async () => {
    const time = new FakeTime();
    const failing = new Proxy(stores[0]!, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key === 'read') return async () => Promise.reject(new StoreError('unavailable', 'store down'));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const warnings: string[] = [];
    const budget = new StoreTenantBudget({
      store: failing,
      perSecond: PER_SECOND,
      clock: time.clock,
      sleep: time.sleep,
      logger: { warn: (_fields: unknown, message?: string) => void warnings.push(String(message)) } as never,
    });
    const starts: number[] = [];
    await time.runUntil(
      Promise.all(
        Array.from({ length: 12 }, async () => {
          await budget.take('tenant-z');
          starts.push(time.now);
        }),
      ),
    );
    assert.deepEqual(starts, [100, 100, 100, 100, 200, 200, 200, 200, 300, 300, 300, 300]);
    assert.equal(warnings.length, 1, 'warned once');
  });
});
