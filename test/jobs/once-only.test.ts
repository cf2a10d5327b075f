/**
 * Two schedulers on one store send each nudge once, and a crash in the middle of a run followed
 * by a restart resumes without duplicates or gaps — on SQLite with two node processes on one
 * file (one of them killed with SIGKILL mid-run), and on Cosmos DB (@vercel/cosmosdb-server on
 * 127.0.0.1) with two scheduler instances on their own clients.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { jobEnvironment } from '../../src/jobs/environment';
import { jobPortsFor } from '../../src/job-ports';
import { Scheduler } from '../../src/jobs/scheduler';
import { createLogger } from '../../src/logging/logger';
import { CosmosStore } from '../../src/store/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { startLocalCosmos, type LocalCosmos } from '../store/cosmos-server';
import { CrashError, MovableClock, RecordingMessenger } from './fakes';
import { members, NUDGE_TIME, SCHOOL_ID, seedBehindPairs } from './world';

const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(__dirname, 'fixtures', 'job-child.ts');

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(options: Record<string, unknown>): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CHILD, JSON.stringify(options)],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}

/**
 * A child started with holdFirstSend: `held` resolves when it is about to send its first message
 * (it then holds the job's lease), `release()` lets it go on, `done` resolves when it exits.
 */
function startHeldChild(options: Record<string, unknown>): {
  held: Promise<void>;
  release(): void;
  done: Promise<ChildResult>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, JSON.stringify({ ...options, holdFirstSend: true })],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let onHeld!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (/^held$/m.test(stderr)) onHeld();
  });
  const safety = setTimeout(() => child.kill('SIGKILL'), 60_000); // only against a hung child
  const done = new Promise<ChildResult>((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(safety);
      resolve({ code, signal, stdout, stderr: stderr.replace(/^held\n/m, '') });
    }),
  );
  return {
    held,
    release: () => {
      child.stdin.end('go\n');
    },
    done,
  };
}

const sendsIn = (file: string): { userId: string; holder: string }[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];

describe('jobs run once across instances (SQLite: two processes on one file)', function () {
  this.timeout(120_000); // child processes: a loaded machine can take a while to start tsx
  let dir: string;
  let file: string;
  let sendLog: string;
  const PAIRS = 12;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-once-'));
    file = path.join(dir, 'shared.db');
    sendLog = path.join(dir, 'sends.log');
    const store = new SqliteStore(file);
    await store.init();
    await seedBehindPairs(store, PAIRS);
    await store.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should send each nudge exactly once when two processes run the nudge job at the same time', async () => {
    // Both start at once; the one that wins the lease stops before its first send (holding the
    // lease) until the other has finished: the runs overlap for certain, without any clock.
    const common = { sqlitePath: file, job: 'nudges', at: NUDGE_TIME.toISO(), sendLog };
    const children = [
      startHeldChild({ ...common, holder: 'process-1' }),
      startHeldChild({ ...common, holder: 'process-2' }),
    ];
    const first = await Promise.race([
      ...children.map((child) => child.held.then(() => child)),
      Promise.all(children.map((child) => child.done)).then(() => undefined),
    ]);
    assert.ok(first, 'one process got to its first send');
    const other = children.find((child) => child !== first)!;
    const otherResult = await other.done;
    assert.equal(JSON.parse(otherResult.stdout || '{}').outcome, 'busy', 'the other found the run in progress');
    for (const child of children) child.release();
    const [one, two] = await Promise.all(children.map((child) => child.done));
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    const outcomes = [JSON.parse(one.stdout).outcome, JSON.parse(two.stdout).outcome].sort();
    assert.equal(outcomes.filter((o) => o === 'ran').length, 1, `exactly one ran: ${outcomes.join(', ')}`);
    const recipients = sendsIn(sendLog)
      .map((s) => s.userId)
      .sort();
    assert.deepEqual(recipients, members(PAIRS).sort(), 'every member once, nobody twice');
  });

  it('should resume a run killed with SIGKILL after 5 sends without duplicates or gaps', async () => {
    const common = { sqlitePath: file, job: 'nudges', at: NUDGE_TIME.toISO(), sendLog, leaseMs: 60_000 };
    const crashed = await runChild({ ...common, holder: 'process-1', crashAfter: 5 });
    assert.equal(crashed.signal, 'SIGKILL', `the child should have been killed: ${crashed.stderr}`);
    assert.equal(sendsIn(sendLog).length, 5);

    // A restart while the dead holder's lease is still live does nothing …
    const tooEarly = await runChild({ ...common, holder: 'process-2' });
    assert.equal(JSON.parse(tooEarly.stdout).outcome, 'busy');
    assert.equal(sendsIn(sendLog).length, 5);

    // … once the lease has expired, the restart takes over and sends what is left.
    const restarted = await runChild({ ...common, holder: 'process-2', wallOffsetMs: 61_000 });
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.equal(JSON.parse(restarted.stdout).outcome, 'ran');
    const recipients = sendsIn(sendLog)
      .map((s) => s.userId)
      .sort();
    assert.deepEqual(recipients, members(PAIRS).sort(), 'every member once: no duplicate, no gap');
    const store = new SqliteStore(file);
    await store.init();
    try {
      const records = await store.query(SCHOOL_ID, { type: 'nudge' });
      assert.equal(records.length, PAIRS * 2);
      assert.ok(records.every((r) => r.status === 'sent' && r.claimedBy === undefined));
    } finally {
      await store.close();
    }
  });
});

describe('jobs run once across instances (Cosmos DB: two scheduler instances)', () => {
  let cosmos: LocalCosmos;
  let databases = 0;
  const stores: CosmosStore[] = [];

  before(async () => {
    cosmos = await startLocalCosmos();
  });
  after(async () => {
    await cosmos.close();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  async function instances(count: number): Promise<CosmosStore[]> {
    const database = `tweetal-jobs-${++databases}`;
    const created: CosmosStore[] = [];
    for (let i = 0; i < count; i++) {
      const store = new CosmosStore({
        endpoint: cosmos.endpoint,
        key: 'local-test-key',
        database,
        container: 'documents',
        allowSelfSigned: true,
      });
      await store.init();
      created.push(store);
    }
    stores.push(...created);
    return created;
  }

  const scheduler = (store: CosmosStore, messenger: RecordingMessenger, holder: string, wall: () => DateTime) =>
    new Scheduler(
      () =>
        jobEnvironment({
          store,
          messenger,
          ports: jobPortsFor(store),
          logger: createLogger('silent'),
          holder,
          wallClock: wall,
          leaseMs: 60_000,
        }),
      60_000,
      () => NUDGE_TIME,
    );

  it('should send each nudge once when two schedulers tick at the same time', async () => {
    const [a, b] = await instances(2);
    await seedBehindPairs(a!, 6);
    const messenger = new RecordingMessenger();
    messenger.interleave = true;
    const results = await Promise.all([
      scheduler(a!, messenger, 'instance-a', () => NUDGE_TIME).tick(),
      scheduler(b!, messenger, 'instance-b', () => NUDGE_TIME).tick(),
    ]);
    const nudgeRuns = results.flat().filter((r) => r.job === 'nudges');
    assert.equal(nudgeRuns.filter((r) => r.outcome === 'ran').length, 1);
    assert.deepEqual(
      messenger.sent
        .map((m) => m.userId)
        .filter((id) => id !== 'leader-1')
        .sort(),
      members(6).sort(),
    );
  });

  it('should resume after a crash after 4 sends: the other instance sends the rest once its lease expired', async () => {
    const [a, b] = await instances(2);
    await seedBehindPairs(a!, 6);
    const messenger = new RecordingMessenger();
    messenger.crashAfter = 4;
    const wall = new MovableClock(NUDGE_TIME);
    await scheduler(a!, messenger, 'instance-a', wall.now).tick();
    assert.equal(messenger.sent.length, 4);
    messenger.crashAfter = undefined;
    const early = await scheduler(b!, messenger, 'instance-b', wall.now).tick();
    assert.equal(early.find((r) => r.job === 'nudges')?.outcome, 'busy');
    wall.advance(61_000);
    const resumed = await scheduler(b!, messenger, 'instance-b', wall.now).tick();
    assert.equal(resumed.find((r) => r.job === 'nudges')?.outcome, 'ran');
    assert.deepEqual(
      messenger.sent
        .map((m) => m.userId)
        .filter((id) => id !== 'leader-1')
        .sort(),
      members(6).sort(),
      'no duplicate, no gap',
    );
    const records = await b!.query(SCHOOL_ID, { type: 'nudge' });
    assert.deepEqual([...new Set(records.map((r) => r.status))], ['sent']);
    void CrashError;
  });
});
