/**
 * SIGKILL mid-fan-out (issue 10 item 5): a real job process (test/jobs/fixtures/fanout-child.ts,
 * wired as the job CLI) fans the nudges out through the real proactive sender to the Bot
 * Connector stand-in on 127.0.0.1; the stand-in counts the sends and, when the Nth arrives, the
 * test kills the process with SIGKILL (an explicit signal, no sleeps) and then lets the stand-in
 * accept that Nth message — the one in flight, which the dead run never recorded. A restart while
 * the dead run's lease (JOB_LEASE_SECONDS=30) holds does nothing; a restart whose wall clock is past
 * the lease (the child's `wallOffsetMs`, so nobody waits for it) takes the period over and sends
 * the rest. Guarantee checked: 0 missed, at most one message twice (the one in flight), and the
 * killed run reads back as failed with error STOPPED. On a SQLite file and on the Cosmos DB API
 * server (the children connect to this process's server).
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { readRun, RUN_STOPPED } from '../../src/jobs/job-runner';
import { CosmosStore } from '../../src/store/cosmos-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { buildSchool } from '../domain/builders';
import { ConnectorStandIn, type RecordedCall } from '../support/connector-stand-in';
import { startLocalCosmos, type LocalCosmos } from '../store/cosmos-server';
import { addReachablePeople, conversationOf } from './people';
import { members, NUDGE_TIME, SCHOOL_ID, seedBehindPairs } from './world';

const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(__dirname, 'fixtures', 'fanout-child.ts');
const PAIRS = 8;
const KILL_AT = 6;
const LEASE_SECONDS = 30;

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const isSend = (call: RecordedCall) => call.method === 'POST' && /\/activities$/.test(call.path);

/** Runs the child to its end; `started` hands the test the process (to kill it). */
function runChild(
  env: NodeJS.ProcessEnv,
  options: Record<string, unknown>,
  started?: (child: ChildProcess) => void,
): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const safety = setTimeout(() => child.kill('SIGKILL'), 90_000); // only against a hung child
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(safety);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

for (const kind of ['sqlite', 'cosmos'] as const) {
  describe(`SIGKILL mid-fan-out and a restart after the lease (${kind === 'sqlite' ? 'SQLite file' : 'Cosmos DB API server'})`, function () {
    this.timeout(240_000); // three child processes starting tsx on a loaded machine
    let dir: string;
    let connector: ConnectorStandIn;
    let cosmos: LocalCosmos | undefined;
    let env: NodeJS.ProcessEnv;
    let openStore: () => Promise<Store>;

    before(async () => {
      if (kind === 'cosmos') cosmos = await startLocalCosmos();
    });
    after(async () => cosmos?.close());

    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-sigkill-'));
      connector = await new ConnectorStandIn().start();
      const common = {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JOB_LEASE_SECONDS: String(LEASE_SECONDS),
        SCHEDULER_ENABLED: 'false',
      };
      if (kind === 'sqlite') {
        const file = path.join(dir, 'shared.db');
        env = { ...common, STORE: 'sqlite', SQLITE_PATH: file };
        openStore = async () => {
          const store = new SqliteStore(file);
          await store.init();
          return store;
        };
      } else {
        const database = `tweetal-sigkill-${path.basename(dir).replace(/[^A-Za-z0-9]/g, '')}`;
        env = {
          ...common,
          STORE: 'cosmos',
          COSMOS_ENDPOINT: cosmos!.endpoint,
          COSMOS_KEY: 'local-test-key',
          COSMOS_DATABASE: database,
          COSMOS_CONTAINER: 'documents',
          COSMOS_ALLOW_SELF_SIGNED: 'true',
          NODE_TLS_REJECT_UNAUTHORIZED: '0',
        };
        openStore = async () => {
          const store = new CosmosStore({
            endpoint: cosmos!.endpoint,
            key: 'local-test-key',
            database,
            container: 'documents',
            allowSelfSigned: true,
          });
          await store.init();
          return store;
        };
      }
      const store = await openStore();
      try {
        await seedBehindPairs(store, PAIRS);
        const tenant = buildSchool().tenantId;
        await addReachablePeople(store, tenant, members(PAIRS), `${connector.url}emea/${tenant}/`);
      } finally {
        await store.close();
      }
    });
    afterEach(async () => {
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it(`should miss nobody and send at most the one message in flight twice when the run is killed at send ${KILL_AT} and restarted after its lease`, async () => {
      const options = { job: 'nudges', at: NUDGE_TIME.toISO() };
      let child: ChildProcess | undefined;
      let sends = 0;
      connector.intercept = (call) => {
        // The Nth send has reached Teams: kill the process before it hears the answer.
        if (isSend(call) && ++sends === KILL_AT) child?.kill('SIGKILL');
        return undefined;
      };
      const crashed = await runChild(env, { ...options, holder: 'process-1' }, (c) => (child = c));
      assert.equal(crashed.signal, 'SIGKILL', `the run should have been killed: ${crashed.stderr}`);
      assert.equal(connector.delivered().length, KILL_AT, 'the one in flight was accepted');
      connector.intercept = undefined;

      // A restart while the dead run's lease holds does nothing …
      const early = await runChild(env, { ...options, holder: 'process-2' });
      assert.equal(early.code, 0, early.stderr);
      assert.equal(JSON.parse(early.stdout).outcome, 'busy');
      assert.equal(connector.delivered().length, KILL_AT);

      // … once it expired (the restart's wall clock is past JOB_LEASE_SECONDS), it sends the rest.
      const restarted = await runChild(env, {
        ...options,
        holder: 'process-3',
        wallOffsetMs: (LEASE_SECONDS + 1) * 1000,
      });
      assert.equal(restarted.code, 0, restarted.stderr);
      const result = JSON.parse(restarted.stdout);
      assert.equal(result.outcome, 'ran');

      const perPerson = members(PAIRS).map((m) => ({ m, n: connector.delivered(conversationOf(m)).length }));
      assert.deepEqual(
        perPerson.filter((p) => p.n === 0),
        [],
        '0 missed',
      );
      const twice = perPerson.filter((p) => p.n > 1);
      assert.ok(twice.length <= 1 && twice.every((p) => p.n === 2), `at most one twice: ${JSON.stringify(twice)}`);
      assert.equal(connector.delivered().length, members(PAIRS).length + twice.length);
      assert.equal(
        result.report.sent,
        members(PAIRS).length - (KILL_AT - 1),
        'the restart sent the rest and the one in flight',
      );

      const store = await openStore();
      try {
        const records = await store.query(SCHOOL_ID, { type: 'nudge' });
        assert.equal(records.length, members(PAIRS).length);
        assert.ok(records.every((r) => r.status === 'sent' && r.claimedBy === undefined));
        // How to read the outcome: the killed run is failed (STOPPED), the restart ran.
        const later = DateTime.utc().plus({ seconds: LEASE_SECONDS + 1 });
        const runs = await store.query('jobs', { type: 'jobRun' });
        const killed = runs.find((r) => r.id !== result.runId && r.status === 'running');
        assert.ok(killed, 'the killed run could not write its outcome');
        const readBack = await readRun(store, killed.id, later);
        assert.deepEqual(
          { status: readBack?.status, error: readBack?.error },
          { status: 'failed', error: RUN_STOPPED },
        );
        assert.equal((await readRun(store, result.runId, later))?.status, 'ran');
      } finally {
        await store.close();
      }
    });
  });
}
