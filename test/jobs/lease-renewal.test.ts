/**
 * Leases (issue 10, acceptance 5): a live run renews its lease (every third of JOB_LEASE_SECONDS)
 * so a long run is never taken over while it works, and a crashed run's period is picked up
 * within one lease. The renewal timer runs on sinon's fake timers and the wall clock is moved by
 * hand: no test waits on the real clock.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { jobPortsFor } from '../../src/job-ports';
import { jobEnvironment } from '../../src/jobs/environment';
import { jobPeriod, startJob } from '../../src/jobs/job-runner';
import { acquireLease } from '../../src/jobs/lease';
import { createLogger } from '../../src/logging/logger';
import { SqliteStore } from '../../src/store/sqlite-store';
import { MovableClock, RecordingMessenger } from './fakes';
import { members, NUDGE_TIME, seedBehindPairs } from './world';

const LEASE_MS = 60_000;

describe('job leases are renewed while a run is alive, and expire after a crash', () => {
  let dir: string;
  let store: SqliteStore;
  let timers: sinon.SinonFakeTimers | undefined;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-renew-'));
    store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.init();
    await seedBehindPairs(store, 2);
  });
  afterEach(async () => {
    timers?.restore();
    timers = undefined;
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const environment = (messenger: RecordingMessenger, wall: MovableClock, holder: string) =>
    jobEnvironment({
      store,
      messenger,
      ports: jobPortsFor(store),
      logger: createLogger('silent'),
      holder,
      wallClock: wall.now,
      leaseMs: LEASE_MS,
    });

  it('should keep a long run its period when it outlives its first lease, because it renews it', async () => {
    timers = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const wall = new MovableClock(NUDGE_TIME);
    const messenger = new RecordingMessenger();
    const { held, release } = messenger.hold();
    const first = await startJob(environment(messenger, wall, 'instance-a'), 'nudges', NUDGE_TIME);
    await held;
    // 50 s later the renewal timer fires (every 20 s of a 60 s lease) …
    wall.advance(50_000);
    await timers.tickAsync(LEASE_MS / 3);
    // … so 70 s after the start, past the first expiry, another run still finds the period taken.
    wall.advance(20_000);
    const second = await startJob(environment(messenger, wall, 'instance-b'), 'nudges', NUDGE_TIME);
    assert.equal(second.status, 'running');
    assert.equal(second.runId, first.runId);
    release();
    const result = await first.finished!;
    assert.equal(result.outcome, 'ran');
    assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), members(2).sort());
  });

  it("should let another run pick up a crashed run's period once its lease expired, and not before", async () => {
    const wall = new MovableClock(NUDGE_TIME);
    // A run that died right after taking the lease: nothing renews it.
    const dead = await acquireLease(store, {
      job: 'nudges',
      period: jobPeriod(NUDGE_TIME),
      holder: 'run-dead-1',
      ttlMs: LEASE_MS,
      wallNow: wall.now,
    });
    assert.equal(dead.status, 'acquired');
    const messenger = new RecordingMessenger();
    wall.advance(LEASE_MS - 1);
    const early = await startJob(environment(messenger, wall, 'instance-b'), 'nudges', NUDGE_TIME);
    assert.deepEqual([early.status, early.runId], ['running', 'run-dead-1']);
    wall.advance(2);
    const later = await startJob(environment(messenger, wall, 'instance-b'), 'nudges', NUDGE_TIME);
    assert.equal(later.status, 'started');
    assert.equal((await later.finished!).outcome, 'ran');
    assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), members(2).sort());
  });
});
