import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store';
import { parseArgs } from '../../scripts/run-job';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { buildSchool } from '../domain/builders';
import { addReachablePeople, conversationOf } from './people';
import { DIGEST_TIME, members, NUDGE_TIME, seedBehindPairs } from './world';

const ROOT = path.resolve(__dirname, '..', '..');

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts', 'run-job.ts'), ...args],
      { cwd: ROOT, timeout: 60_000, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('CLI: npm run job -- <digest|nudges|needs|retention> [--at <ISO time>]', function () {
  this.timeout(90_000); // child processes: a loaded machine can take a while to start tsx
  let dir: string;
  let file: string;
  let connector: ConnectorStandIn;
  const tenant = buildSchool().tenantId;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-cli-'));
    file = path.join(dir, 'tweetal.db');
    connector = await new ConnectorStandIn().start();
    const store = new SqliteStore(file);
    await store.init();
    await seedBehindPairs(store, 2);
    await addReachablePeople(store, tenant, [...members(2), 'leader-1'], connector.url);
    await store.close();
  });
  afterEach(async () => {
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ NODE_ENV: 'test', STORE: 'sqlite', SQLITE_PATH: file, LOG_LEVEL: 'silent' });

  it('should run the nudge job once as of the given time against the configured store, through the real sender', async () => {
    const result = await runCli(['nudges', '--at', NUDGE_TIME.toISO()!], env());
    assert.equal(result.code, 0, result.stderr);
    const line = JSON.parse(result.stdout.trim());
    assert.equal(line.outcome, 'ran');
    assert.equal(line.report.sent, 4);
    for (const member of members(2)) {
      const cards = connector.sentCards(conversationOf(member));
      assert.equal(cards.length, 1, `one nudge card for ${member}`);
      assert.match(JSON.stringify(cards[0]), /Een berichtje van Koos/);
    }
    // An operator re-running the same period sends nothing twice.
    const again = await runCli(['nudges', '--at', NUDGE_TIME.toISO()!], env());
    assert.equal(JSON.parse(again.stdout.trim()).report.sent, 0);
    assert.equal(connector.sentCards().length, 4);
  });

  it("should re-run a missed week's digest with --at", async () => {
    const result = await runCli(['digest', '--at', DIGEST_TIME.toISO()!], env());
    assert.equal(result.code, 0, result.stderr);
    const line = JSON.parse(result.stdout.trim());
    assert.equal(line.report.sent, 1);
    assert.match(JSON.stringify(connector.sentCards(conversationOf('leader-1'))[0]), /Weekoverzicht/);
    // The run's outcome is stored under its id: `show` prints it.
    const shown = await runCli(['show', line.runId], env());
    assert.equal(shown.code, 0, shown.stderr);
    const run = JSON.parse(shown.stdout.trim());
    assert.equal(run.runId, line.runId);
    assert.equal(run.status, 'ran');
    assert.equal(run.trigger, 'cli');
    assert.equal(run.report.sent, 1);
  });

  it('should erase a programme\'s texts with "retention --at" only from TEXT_RETENTION_DAYS after its end', async () => {
    const store = new SqliteStore(file);
    await store.init();
    await store.create({
      type: 'observation',
      id: 'observation-1',
      schoolId: buildSchool().schoolId,
      pairId: 'pair-0',
      personIds: ['p0-a', 'p0-b'],
      visitId: 'visit-1',
      authorId: 'p0-a',
      facts: 'CLI-FEITEN',
      questions: '',
      postedAt: '2026-03-01T10:00:00.000Z',
    });
    await store.close();
    // The programme ends 2026-06-30; with 10 days its texts go on 2026-07-10 (Amsterdam).
    const early = await runCli(['retention', '--at', '2026-07-09T23:00:00+02:00'], {
      ...env(),
      TEXT_RETENTION_DAYS: '10',
    });
    assert.equal(early.code, 0, early.stderr);
    assert.equal(JSON.parse(early.stdout.trim()).report.textsDeleted, 0);
    const due = await runCli(['retention', '--at', '2026-07-10T00:05:00+02:00'], {
      ...env(),
      TEXT_RETENTION_DAYS: '10',
    });
    assert.equal(due.code, 0, due.stderr);
    assert.deepEqual(JSON.parse(due.stdout.trim()).report, {
      schools: 1,
      programmes: 1,
      textsDeleted: 1,
      visitsBlanked: 0,
    });
    const after = new SqliteStore(file);
    await after.init();
    try {
      assert.equal(await after.read(buildSchool().schoolId, 'observation', 'observation-1'), undefined);
      assert.equal((await after.query(buildSchool().schoolId, { type: 'cycle' })).length, 2, 'the cycles stay');
    } finally {
      await after.close();
    }
  });

  it('should refuse a wrong job name or time with a usage message and exit code 1', async () => {
    const wrong = await runCli(['backup'], env());
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /usage: npm run job -- <digest\|nudges\|needs\|retention>/);
    assert.throws(() => parseArgs(['digest', '--at', 'next monday']), /ISO 8601/);
    assert.deepEqual(parseArgs(['nudges']).job, 'nudges');
  });
});
