/**
 * Exactly once per person per period, however runs start (issue 10, acceptance 1): two triggers
 * at the same moment, a retried trigger, the timer plus a trigger, two service instances on one
 * store, and the leader's "encourage" pressed twice or by two leaders at once. Runs are made to
 * overlap with explicit signals (the messenger holds its sends until released), never with the
 * real clock. On SQLite and on the in-process Cosmos DB API server.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CosmosStore } from '../../src/store/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { startLocalCosmos, type LocalCosmos } from '../store/cosmos-server';
import { startTestBot, type TestBot } from '../support/test-bot';
import { RecordingMessenger } from './fakes';
import { members, NUDGE_TIME, SCHOOL_ID, seedBehindPairs } from './world';

const KEY = 'a-long-enough-jobs-key-1234';
const PAIRS = 3;

interface Backend {
  readonly name: string;
  /** `count` stores on one shared database (as two instances would have). */
  stores(count: number): Promise<Store[]>;
  cleanUp(): Promise<void>;
}

function sqliteBackend(): Backend {
  let dir: string | undefined;
  return {
    name: 'SQLite',
    async stores(count) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-runs-'));
      const file = path.join(dir, 'shared.db');
      return Array.from({ length: count }, () => new SqliteStore(file));
    },
    async cleanUp() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function cosmosBackend(): Backend & { start(): Promise<void>; stop(): Promise<void> } {
  let cosmos: LocalCosmos | undefined;
  let databases = 0;
  return {
    name: 'Cosmos DB API server',
    async start() {
      cosmos = await startLocalCosmos();
    },
    async stop() {
      await cosmos?.close();
    },
    async stores(count) {
      const database = `tweetal-runs-${++databases}`;
      return Array.from(
        { length: count },
        () =>
          new CosmosStore({
            endpoint: cosmos!.endpoint,
            key: 'local-test-key',
            database,
            container: 'documents',
            allowSelfSigned: true,
          }),
      );
    },
    async cleanUp() {},
  };
}

const sqlite = sqliteBackend();
const cosmos = cosmosBackend();

for (const backend of [sqlite, cosmos]) {
  describe(`job runs: exactly once per person per period (${backend.name})`, () => {
    const bots: TestBot[] = [];
    if (backend === cosmos) {
      before(() => cosmos.start());
      after(() => cosmos.stop());
    }
    afterEach(async () => {
      for (const bot of bots.splice(0)) await bot.stop();
      await backend.cleanUp();
    });

    async function instances(count: number, messenger: RecordingMessenger): Promise<TestBot[]> {
      const stores = await backend.stores(count);
      for (const store of stores) {
        const bot = await startTestBot({
          env: { JOBS_KEY: KEY },
          store,
          clock: () => NUDGE_TIME,
          overrides: { messenger },
        });
        bots.push(bot);
      }
      await seedBehindPairs(stores[0]!, PAIRS);
      return bots.slice(-count);
    }

    const trigger = async (bot: TestBot, job = 'nudges') => {
      const response = await fetch(`${bot.service.url}/api/jobs/${job}`, {
        method: 'POST',
        headers: { 'x-jobs-key': KEY },
      });
      return { status: response.status, body: (await response.json()) as { runId: string; status: string } };
    };
    const outcome = async (bot: TestBot, runId: string, key = KEY) => {
      const response = await fetch(`${bot.service.url}/api/jobs/${encodeURIComponent(runId)}`, {
        headers: { 'x-jobs-key': key },
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const nudged = (messenger: RecordingMessenger) =>
      messenger.sent
        .map((m) => m.userId)
        .filter((id) => id !== 'leader-1')
        .sort();

    it('should answer 202 with one run id to two triggers at the same moment, and nudge everyone once', async () => {
      const messenger = new RecordingMessenger();
      const [bot] = await instances(1, messenger);
      const { held, release } = messenger.hold();
      const [first, second] = await Promise.all([trigger(bot!), trigger(bot!)]);
      await held;
      assert.equal(first.status, 202);
      assert.equal(second.status, 202);
      assert.equal(first.body.runId, second.body.runId, 'the second answer names the running run');
      assert.deepEqual([first.body.status, second.body.status].sort(), ['running', 'started']);
      release();
      await bot!.service.services.background.idle();
      assert.deepEqual(nudged(messenger), members(PAIRS).sort(), 'every member once, nobody twice');
      const read = await outcome(bot!, first.body.runId);
      assert.equal(read.status, 200);
      assert.equal(read.body.status, 'ran');
      assert.equal(read.body.job, 'nudges');
      assert.equal(read.body.trigger, 'http');
      assert.equal(read.body.report.sent, PAIRS * 2);
    });

    it('should answer a retried trigger with the running run and later with the run that did the period', async () => {
      const messenger = new RecordingMessenger();
      const [bot] = await instances(1, messenger);
      const { held, release } = messenger.hold();
      const first = await trigger(bot!);
      await held;
      const retried = await trigger(bot!);
      assert.equal(retried.status, 202);
      assert.deepEqual(retried.body, { ...first.body, status: 'running', outcome: `/api/jobs/${first.body.runId}` });
      assert.equal((await outcome(bot!, first.body.runId)).body.status, 'running');
      release();
      await bot!.service.services.background.idle();
      const late = await trigger(bot!);
      assert.equal(late.status, 202);
      assert.equal(late.body.status, 'done');
      assert.equal(late.body.runId, first.body.runId);
      assert.deepEqual(nudged(messenger), members(PAIRS).sort());
    });

    it('should let the timer and a trigger of one process run the period once', async () => {
      const messenger = new RecordingMessenger();
      const [bot] = await instances(1, messenger);
      const { held, release } = messenger.hold();
      const triggered = await trigger(bot!);
      await held;
      // The timer ticks while the triggered run is mid-fan-out (the tick's digest run waits too).
      const tick = bot!.service.jobs.scheduler.tick();
      release();
      const nudges = (await tick).find((r) => r.job === 'nudges');
      assert.ok(nudges?.outcome === 'busy' || nudges?.outcome === 'done', nudges?.outcome);
      assert.equal(nudges?.runId, triggered.body.runId, 'the period is the triggered run’s');
      await bot!.service.services.background.idle();
      assert.deepEqual(nudged(messenger), members(PAIRS).sort());
    });

    it('should nudge everyone once when two service instances on one store are triggered at once', async () => {
      const messenger = new RecordingMessenger();
      const [a, b] = await instances(2, messenger);
      const { held, release } = messenger.hold();
      const answers = await Promise.all([trigger(a!), trigger(b!)]);
      await held;
      assert.equal(answers[0].body.runId, answers[1].body.runId);
      release();
      await Promise.all([a!.service.services.background.idle(), b!.service.services.background.idle()]);
      assert.deepEqual(nudged(messenger), members(PAIRS).sort());
      // Either instance reads the outcome: it lives in the store.
      assert.equal((await outcome(b!, answers[0].body.runId)).body.status, 'ran');
    });

    it('should answer a second "encourage" press, and a second leader at the same moment, with what the first did', async () => {
      const messenger = new RecordingMessenger();
      const [a, b] = await instances(2, messenger);
      const school = (await a!.store.read(SCHOOL_ID, 'school', SCHOOL_ID))!;
      const [programme] = await a!.store.query(SCHOOL_ID, { type: 'programme' });
      const request = { school, programme: programme!, now: NUDGE_TIME };
      const { held, release } = messenger.hold();
      const first = a!.service.services.encourage(request);
      await held;
      const atOnce = await b!.service.services.encourage(request);
      assert.deepEqual(atOnce, { kind: 'running' });
      release();
      const done = await first;
      assert.deepEqual(done, { kind: 'sent', sent: PAIRS * 2, spaced: 0, unreachable: 0, repeated: false });
      const again = await a!.service.services.encourage(request);
      assert.deepEqual(again, { ...done, repeated: true });
      assert.deepEqual(nudged(messenger), members(PAIRS).sort(), 'each teacher nudged once');
    });

    it('should read no outcome without the key (401) or for an unknown run (404)', async () => {
      const [bot] = await instances(1, new RecordingMessenger());
      assert.equal((await outcome(bot!, 'run-unknown-1')).status, 404);
      assert.equal((await outcome(bot!, 'not-a-run-id')).status, 404);
      assert.equal((await outcome(bot!, 'run-unknown-1', 'wrong-key-wrong-key')).status, 401);
    });
  });
}
