import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { acquireLease, JOBS_PARTITION, LeaseLostError, leaseId } from '../../src/jobs/lease';
import { readRun, RUN_STOPPED } from '../../src/jobs/job-runner';
import { SqliteStore } from '../../src/store/sqlite-store';
import { MovableClock } from './fakes';

describe('job leases (one instance per job and period)', () => {
  let dir: string;
  let store: SqliteStore;
  const clock = new MovableClock(DateTime.fromISO('2026-02-10T09:00:00Z'));
  const request = (holder: string, extra: { force?: boolean } = {}) => ({
    job: 'nudges',
    period: '2026-02-10T09',
    holder,
    ttlMs: 60_000,
    wallNow: clock.now,
    ...extra,
  });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-lease-'));
    store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.init();
    clock.current = DateTime.fromISO('2026-02-10T09:00:00Z');
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should give the lease to exactly one of two instances asking at once', async () => {
    const results = await Promise.all([acquireLease(store, request('a')), acquireLease(store, request('b'))]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['acquired', 'busy']);
    const stored = await store.read(JOBS_PARTITION, 'jobLease', leaseId('nudges', '2026-02-10T09'));
    assert.ok(stored && ['a', 'b'].includes(stored.holder));
  });

  it("should let another instance take over a crashed holder's lease only after it expired", async () => {
    assert.equal((await acquireLease(store, request('a'))).status, 'acquired');
    clock.advance(59_000);
    assert.equal((await acquireLease(store, request('b'))).status, 'busy');
    clock.advance(2_000);
    const taken = await acquireLease(store, request('b'));
    assert.equal(taken.status, 'acquired');
  });

  it('should tell the old holder it lost the lease when it renews after a takeover', async () => {
    const first = await acquireLease(store, request('a'));
    assert.equal(first.status, 'acquired');
    clock.advance(61_000);
    assert.equal((await acquireLease(store, request('b'))).status, 'acquired');
    await assert.rejects(first.status === 'acquired' ? first.lease.heartbeat() : Promise.resolve(), LeaseLostError);
  });

  it('should leave a completed period alone, unless an operator forces a re-run', async () => {
    const first = await acquireLease(store, request('a'));
    assert.equal(first.status, 'acquired');
    if (first.status === 'acquired') await first.lease.complete();
    assert.equal((await acquireLease(store, request('b'))).status, 'done');
    assert.equal((await acquireLease(store, request('b', { force: true }))).status, 'acquired');
  });

  it('should read a run whose process died as failed with STOPPED once its lease expired or was taken over, and as running while it holds it', async () => {
    const acquired = await acquireLease(store, request('run-dead'));
    assert.equal(acquired.status, 'acquired');
    await store.create({
      type: 'jobRun',
      id: 'run-dead',
      schoolId: JOBS_PARTITION,
      job: 'nudges',
      period: '2026-02-10T09',
      trigger: 'timer',
      status: 'running',
      startedAt: clock.now().toISO()!,
    });
    assert.equal((await readRun(store, 'run-dead', clock.now()))?.status, 'running', 'its lease still holds');
    const later = clock.now().plus({ milliseconds: 60_001 });
    const stopped = await readRun(store, 'run-dead', later);
    assert.deepEqual({ status: stopped?.status, error: stopped?.error }, { status: 'failed', error: RUN_STOPPED });
    clock.advance(60_001);
    assert.equal((await acquireLease(store, request('run-next'))).status, 'acquired');
    assert.equal((await readRun(store, 'run-dead', clock.now()))?.error, RUN_STOPPED, 'taken over');
  });
});
