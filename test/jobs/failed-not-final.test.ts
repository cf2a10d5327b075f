/**
 * Failed is not final (issue 10, acceptance 2): a send that did not get through for a passing
 * reason (429 after the sender's retries, 5xx, no answer) is tried again by later runs of the
 * same period with growing waits, until delivered or MAX_DELIVERY_TRIES runs; a 400 is final at
 * once. The connector's trouble is played by a messenger on a movable clock (a 20 s 429 storm,
 * 30% 5xx from a seeded random source): the timer's hourly runs of one week, no real clock.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Messenger, OutgoingMessage, SendOutcome } from '../../src/app/messenger';
import { MAX_DELIVERY_TRIES } from '../../src/domain/delivery-retry';
import { jobPortsFor } from '../../src/job-ports';
import { jobEnvironment } from '../../src/jobs/environment';
import { runJobOnce } from '../../src/jobs/job-runner';
import { createLogger } from '../../src/logging/logger';
import { SqliteStore } from '../../src/store/sqlite-store';
import { worthALaterTry } from '../../src/teams/proactive/retry-policy';
import { MovableClock, RecordingMessenger } from './fakes';
import { members, NUDGE_TIME, SCHOOL_ID, seedBehindPairs } from './world';

const PAIRS = 10;

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

/** The outcome the proactive sender gives after its own attempts, decided by the clock and chance. */
class TroubledConnector implements Messenger {
  readonly delivered: string[] = [];
  stormUntil = 0;
  failureRate = 0;
  status = 500;
  constructor(
    private readonly wall: MovableClock,
    private readonly random: () => number,
  ) {}

  async sendToPerson(_tenantId: string, userId: string, _message: OutgoingMessage): Promise<SendOutcome> {
    this.wall.advance(300); // each send takes a moment
    const throttled = this.wall.now().toMillis() < this.stormUntil;
    const broken = !throttled && this.random() < this.failureRate;
    if (throttled || broken) {
      const httpStatus = throttled ? 429 : this.status;
      return { status: 'failed', attempts: 5, httpStatus, retryable: worthALaterTry(httpStatus) };
    }
    this.delivered.push(userId);
    return { status: 'sent', attempts: 1, httpStatus: 200 };
  }
}

describe('failed is not final: later runs of the period retry what did not get through', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-retry-'));
    store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.init();
    await seedBehindPairs(store, PAIRS);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The timer's runs, one per job period (UTC hour), in school hours from Tuesday 10:00 to Friday 16:00. */
  async function theWeek(wall: MovableClock, messenger: Messenger): Promise<void> {
    const env = jobEnvironment({
      store,
      messenger,
      ports: jobPortsFor(store),
      logger: createLogger('silent'),
      holder: 'instance-1',
      wallClock: wall.now,
      leaseMs: 60_000,
    });
    for (let day = 0; day < 4; day++) {
      for (let hour = day === 0 ? 10 : 8; hour <= 16; hour++) {
        const at = NUDGE_TIME.plus({ days: day }).set({ hour });
        if (wall.now() < at) wall.current = at;
        await runJobOnce(env, 'nudges', at);
      }
    }
  }

  it('should deliver every nudge by the end of the period when the connector throttles everything for 20 s', async () => {
    const wall = new MovableClock(NUDGE_TIME);
    const connector = new TroubledConnector(wall, seeded(1));
    connector.stormUntil = NUDGE_TIME.toMillis() + 20_000;
    await theWeek(wall, connector);
    assert.deepEqual([...connector.delivered].sort(), members(PAIRS).sort(), '0 lost, nobody twice');
    const records = await store.query(SCHOOL_ID, { type: 'nudge' });
    assert.deepEqual([...new Set(records.map((r) => r.status))], ['sent']);
    assert.ok(
      records.some((r) => (r.tries ?? 0) >= 1),
      'some were throttled first and delivered by a later run',
    );
  });

  it('should deliver every nudge by the end of the period when 30% of the sends fail with 500, 502, 503 or 504', async () => {
    for (const status of [500, 502, 503, 504]) {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-retry-'));
      store = new SqliteStore(path.join(dir, 'db.sqlite'));
      await store.init();
      await seedBehindPairs(store, PAIRS);
      const wall = new MovableClock(NUDGE_TIME);
      const connector = new TroubledConnector(wall, seeded(status));
      connector.failureRate = 0.3;
      connector.status = status;
      await theWeek(wall, connector);
      assert.deepEqual([...connector.delivered].sort(), members(PAIRS).sort(), `0 lost under ${status}`);
    }
  });

  it('should give up after the bounded number of runs with growing waits, and treat a 400 as final at once', async () => {
    const wall = new MovableClock(NUDGE_TIME);
    const connector = new TroubledConnector(wall, seeded(2));
    connector.failureRate = 1;
    connector.status = 503;
    await theWeek(wall, connector);
    const records = await store.query(SCHOOL_ID, { type: 'nudge' });
    assert.equal(connector.delivered.length, 0);
    assert.ok(records.length > 0);
    for (const record of records) {
      assert.equal(record.status, 'failed', 'finally undeliverable');
      assert.equal(record.tries, MAX_DELIVERY_TRIES);
    }
    // The leader's digest counts them, apart from the people who cannot be reached.
    const leaderInbox = new RecordingMessenger();
    const digestAt = NUDGE_TIME.plus({ days: 4 }).set({ hour: 9 });
    const digestEnv = jobEnvironment({
      store,
      messenger: leaderInbox,
      ports: jobPortsFor(store),
      logger: createLogger('silent'),
      holder: 'instance-1',
      wallClock: () => digestAt,
      leaseMs: 60_000,
    });
    await runJobOnce(digestEnv, 'digest', digestAt);
    const [digest] = leaderInbox.to('leader-1');
    const facts = JSON.stringify(digest?.message.card);
    assert.match(facts, new RegExp(`"title":"Niet bezorgd","value":"${records.length}"`));
    assert.match(facts, /"title":"Tweetallen niet bereikbaar","value":"\d+"\},\{"title":"Niet bezorgd"/, 'two facts');

    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-retry-'));
    store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.init();
    await seedBehindPairs(store, PAIRS);
    const refused = new TroubledConnector(new MovableClock(NUDGE_TIME), seeded(3));
    refused.failureRate = 1;
    refused.status = 400;
    await theWeek(new MovableClock(NUDGE_TIME), refused);
    for (const record of await store.query(SCHOOL_ID, { type: 'nudge' })) {
      assert.equal(record.status, 'failed');
      assert.equal(record.tries, 1, 'a 400 is not tried again');
    }
  });

  it('should call 429, 5xx, timeouts and refused connections worth a later try, and 400/401 not', () => {
    for (const status of [429, 500, 502, 503, 504, undefined]) assert.equal(worthALaterTry(status), true, `${status}`);
    for (const status of [400, 401, 413]) assert.equal(worthALaterTry(status), false, `${status}`);
  });
});
