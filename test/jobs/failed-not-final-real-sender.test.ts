/**
 * Failed is not final, with the real proactive sender (issue 10 item 2): the nudge job's hourly
 * runs of one week send through src/teams/proactive/sender.ts — a CloudAdapter, botbuilder's
 * connector client, the rate limiter, the retry loop — to the Bot Connector stand-in on
 * 127.0.0.1, which plays Teams' trouble: a 20 s 429 storm with Retry-After, 30% random 500/502/
 * 503/504 (seeded), requests that get no answer (the sender's attempt timeout, fired by the test
 * when the stand-in holds the request: an explicit signal, not a clock) and refused connections
 * (the stand-in down for the first run). Waits between tries go through an injected sleep that
 * moves a virtual clock; nothing waits on the real clock. At the end of the period: 0 lost,
 * nobody twice; what stays undeliverable is counted in the leader's digest ("Niet bezorgd: N")
 * apart from those who cannot be reached (403, 404, no stored conversation reference). On SQLite
 * and on the Cosmos DB API server.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { MAX_DELIVERY_TRIES } from '../../src/domain/delivery-retry';
import { jobPortsFor } from '../../src/job-ports';
import { jobEnvironment } from '../../src/jobs/environment';
import { runJobOnce } from '../../src/jobs/job-runner';
import { createLogger } from '../../src/logging/logger';
import { CosmosStore } from '../../src/store/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { createAdapter } from '../../src/teams/adapter';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { RateLimiter, tenantLimits } from '../../src/teams/proactive/rate-limiter';
import { ProactiveSender } from '../../src/teams/proactive/sender';
import type { AttemptTimer } from '../../src/teams/proactive/single-attempt';
import { ConnectorStandIn, type RecordedCall } from '../support/connector-stand-in';
import { buildSchool, LEADER } from '../domain/builders';
import { startLocalCosmos, type LocalCosmos } from '../store/cosmos-server';
import { MovableClock } from './fakes';
import { addReachablePeople, conversationOf } from './people';
import { members, NUDGE_TIME, SCHOOL_ID, seedBehindPairs } from './world';

const PAIRS = 10;
const TENANT = buildSchool().tenantId;

/** A deterministic random source (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isSend = (call: RecordedCall) => call.method === 'POST' && /\/activities$/.test(call.path);

for (const kind of ['sqlite', 'cosmos'] as const)
  describe(`failed is not final, through the real proactive sender and the connector stand-in on 127.0.0.1 (${kind === 'sqlite' ? 'SQLite' : 'Cosmos DB API server'})`, function () {
    this.timeout(180_000);
    let dir: string;
    let store: Store;
    let cosmos: LocalCosmos | undefined;
    let databases = 0;

    before(async () => {
      if (kind === 'cosmos') cosmos = await startLocalCosmos();
    });
    after(async () => cosmos?.close());
    let connector: ConnectorStandIn;
    let wall: MovableClock;
    /** The attempt timers running now; the stand-in's onHang fires them. */
    let timers: Set<() => void>;

    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-real-retry-'));
      store =
        kind === 'sqlite'
          ? new SqliteStore(path.join(dir, 'db.sqlite'))
          : new CosmosStore({
              endpoint: cosmos!.endpoint,
              key: 'local-test-key',
              database: `tweetal-real-retry-${++databases}`,
              container: 'documents',
              allowSelfSigned: true,
            });
      await store.init();
      connector = await new ConnectorStandIn().start();
      await seedBehindPairs(store, PAIRS);
      await addReachablePeople(store, TENANT, [...members(PAIRS), LEADER], `${connector.url}emea/${TENANT}/`);
      wall = new MovableClock(NUDGE_TIME);
      timers = new Set();
      connector.onHang = () => {
        for (const fire of [...timers]) fire();
      };
    });
    afterEach(async () => {
      await connector.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** The real sender on the virtual clock: its waits move the clock, its attempt timeout fires on the stand-in's signal. */
    function sender(): ProactiveSender {
      const config = loadConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'db.sqlite') });
      const logger = createLogger('silent');
      const sleep = async (ms: number) => wall.advance(ms);
      const attemptTimer = (ms: number): AttemptTimer => {
        let fire!: () => void;
        const elapsed = new Promise<void>((resolve) => {
          fire = () => {
            timers.delete(fire);
            wall.advance(ms);
            resolve();
          };
        });
        timers.add(fire);
        return { elapsed, cancel: () => timers.delete(fire) };
      };
      return new ProactiveSender({
        adapter: createAdapter(config, logger),
        botAppId: config.bot.appId,
        store,
        logger,
        limiter: new RateLimiter({ tenantLimits: tenantLimits(40), clock: () => wall.now().toMillis(), sleep }),
        sleep,
        attemptTimer,
        now: () => wall.now().toMillis(),
        isoNow: () => wall.now().toUTC().toISO()!,
        random: seeded(11),
      });
    }

    /** The timer's runs, one per job period (UTC hour), in school hours from Tuesday 10:00 to Friday 16:00. */
    async function theWeek(before?: (run: number) => Promise<void>): Promise<void> {
      const env = jobEnvironment({
        store,
        messenger: sender(),
        ports: jobPortsFor(store),
        logger: createLogger('silent'),
        holder: 'instance-1',
        wallClock: wall.now,
        leaseMs: 60_000,
      });
      let run = 0;
      for (let day = 0; day < 4; day++) {
        for (let hour = day === 0 ? 10 : 8; hour <= 16; hour++) {
          const at = NUDGE_TIME.plus({ days: day }).set({ hour });
          if (wall.now() < at) wall.current = at;
          await before?.(run++);
          await runJobOnce(env, 'nudges', at);
        }
      }
    }

    /** Each of `people` got exactly one message in their own chat. */
    function assertEachOnce(people: readonly string[]): void {
      for (const userId of people)
        assert.equal(connector.delivered(conversationOf(userId)).length, 1, `${userId}: delivered once`);
    }

    it('should deliver every nudge once by the end of the period when Teams answers 429 (Retry-After: 2) to everything for 20 s', async () => {
      const stormUntil = NUDGE_TIME.toMillis() + 20_000;
      connector.intercept = (call) =>
        isSend(call) && wall.now().toMillis() < stormUntil
          ? { status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests' } } }
          : undefined;
      await theWeek();
      assertEachOnce(members(PAIRS));
      assert.ok(connector.calls.filter((c) => c.status === 429).length >= 10, 'the storm was felt');
      const records = await store.query(SCHOOL_ID, { type: 'nudge' });
      assert.deepEqual([...new Set(records.map((r) => r.status))], ['sent']);
      assert.ok(
        records.some((r) => (r.tries ?? 0) >= 1),
        'some were given up in the storm and delivered by a later run',
      );
    });

    it('should deliver every nudge once by the end of the period when 30% of the sends fail with 500, 502, 503 or 504 (seeded)', async () => {
      const random = seeded(5);
      const statuses = [500, 502, 503, 504];
      const answered = new Map<number, number>();
      connector.intercept = (call) => {
        if (!isSend(call)) return undefined;
        const r = random();
        if (r >= 0.3) return undefined;
        const status = statuses[Math.floor(r / 0.075)]!;
        answered.set(status, (answered.get(status) ?? 0) + 1);
        return { status, body: { error: { code: 'ServiceError' } } };
      };
      await theWeek();
      assertEachOnce(members(PAIRS));
      assert.deepEqual([...answered.keys()].sort(), statuses, 'each of the four was answered');
      const records = await store.query(SCHOOL_ID, { type: 'nudge' });
      assert.deepEqual([...new Set(records.map((r) => r.status))], ['sent']);
    });

    it('should deliver every nudge once when requests get no answer (timeouts) and the connector refuses connections during the first run', async () => {
      const port = Number(new URL(connector.url).port);
      const random = seeded(9);
      connector.hang = (call) => isSend(call) && random() < 0.3;
      await theWeek(async (run) => {
        if (run === 0) await connector.stop(); // refused: nothing listens on the port
        if (run === 1) await connector.start(port);
      });
      assertEachOnce(members(PAIRS));
      assert.ok(connector.calls.filter((c) => c.status === undefined).length > 0, 'some requests got no answer');
      const records = await store.query(SCHOOL_ID, { type: 'nudge' });
      assert.deepEqual([...new Set(records.map((r) => r.status))], ['sent']);
      assert.ok(
        records.every((r) => (r.tries ?? 0) >= 1),
        'the first run (refused) delivered nothing, later runs all',
      );
    });

    it("should count what stays undeliverable in the leader's digest ('Niet bezorgd') apart from who cannot be reached (403, 404, no reference)", async () => {
      const [blocked, removed, broken, unknown] = ['p0-a', 'p1-a', 'p2-a', 'p3-a'];
      await store.delete(tenantPartitionFor(TENANT), personReferenceId(unknown!));
      const random = seeded(3);
      connector.intercept = (call) => {
        if (!isSend(call)) return undefined;
        if (call.conversationId === conversationOf(blocked!))
          return { status: 403, body: { error: { code: 'MessageWritesBlocked' } } };
        if (call.conversationId === conversationOf(removed!))
          return { status: 404, body: { error: { code: 'ConversationNotFound' } } };
        if (call.conversationId === conversationOf(broken!)) return { status: 503 };
        return random() < 0.3 ? { status: 502 } : undefined;
      };
      await theWeek();
      const others = members(PAIRS).filter((m) => ![blocked, removed, broken, unknown].includes(m));
      assertEachOnce(others);
      for (const person of [blocked, removed, broken])
        assert.equal(connector.delivered(conversationOf(person!)).length, 0);
      assert.equal(
        connector.calls.filter((c) => c.conversationId === conversationOf(unknown!)).length,
        0,
        'no reference: never attempted',
      );
      const records = await store.query(SCHOOL_ID, { type: 'nudge' });
      const byRecipient = new Map(records.map((r) => [r.recipientId, r]));
      assert.equal(byRecipient.get(broken!)?.status, 'failed', 'undeliverable after all its tries');
      assert.equal(byRecipient.get(broken!)?.tries, MAX_DELIVERY_TRIES);
      assert.equal(byRecipient.get(blocked!)?.status, 'unreachable');
      assert.equal(byRecipient.get(removed!)?.status, 'unreachable');
      assert.equal(byRecipient.has(unknown!), false);
      assert.deepEqual(
        others.filter((m) => byRecipient.get(m)?.status !== 'sent'),
        [],
        '0 lost among the reachable',
      );

      // The leader's digest, through the same sender: 1 not delivered, 3 pairs unreachable.
      connector.intercept = undefined;
      const digestAt = NUDGE_TIME.plus({ days: 4 }).set({ hour: 9 });
      wall.current = digestAt;
      const env = jobEnvironment({
        store,
        messenger: sender(),
        ports: jobPortsFor(store),
        logger: createLogger('silent'),
        holder: 'instance-1',
        wallClock: wall.now,
        leaseMs: 60_000,
      });
      await runJobOnce(env, 'digest', digestAt);
      const [digest] = connector.delivered(conversationOf(LEADER));
      const facts = JSON.stringify(digest?.attachments?.[0]?.content);
      assert.match(facts, /"title":"Tweetallen niet bereikbaar","value":"3"\},\{"title":"Niet bezorgd","value":"1"\}/);
    });
  });
