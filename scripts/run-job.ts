/**
 * Runs one job once against the configured store, as of a given time (operators re-run a missed
 * week with it), or prints a run's stored outcome (any run: the timer's, a trigger's, this CLI's):
 *   npm run job -- <digest|nudges|needs|retention> [--at <ISO time>]
 *   npm run job -- show <run id>
 * It takes the job's lease for the period of that time (it waits for no running instance: a
 * lease held by a live instance means "busy"), and re-runs a completed period: the digest and
 * nudge ids make a second run send only what was not sent. Prints one JSON line with the result
 * and its run id. Exit code 0 when it ran or had nothing to do, 2 when another run holds the
 * lease, 1 on error (for show: 0 when found, 1 when there is no such run).
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadConfigFromProcess } from '../src/config';
import { jobEnvironment } from '../src/jobs/environment';
import { jobPortsFor } from '../src/job-ports';
import { instanceHolder, isJobName, readRun, runJobOnce, type JobName } from '../src/jobs/job-runner';
import { createLogger } from '../src/logging/logger';
import { createStore } from '../src/store/create-store';
import { installZoneOffsetCache } from '../src/time/zone-offset-cache';
import { createAdapter } from '../src/teams/adapter';
import { ProactiveSender } from '../src/teams/proactive/sender';
import { StoreTenantBudget } from '../src/teams/proactive/tenant-budget';

export function parseArgs(argv: readonly string[]): { job: JobName; at: DateTime | undefined } {
  const [job, ...rest] = argv;
  if (!job || !isJobName(job))
    throw new Error('usage: npm run job -- <digest|nudges|needs|retention> [--at <ISO time>]');
  let at: DateTime | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--at') {
      const value = rest[++i];
      const parsed = value ? DateTime.fromISO(value, { setZone: true }) : undefined;
      if (!parsed?.isValid)
        throw new Error(`--at needs an ISO 8601 time such as 2026-03-16T08:00:00+01:00 (got ${value ?? 'nothing'})`);
      at = parsed;
    } else {
      throw new Error(
        `unknown argument ${rest[i]}; usage: npm run job -- <digest|nudges|needs|retention> [--at <ISO time>]`,
      );
    }
  }
  return { job, at };
}

async function show(runId: string | undefined): Promise<number> {
  if (!runId) throw new Error('usage: npm run job -- show <run id>');
  const store = createStore(loadConfigFromProcess());
  await store.init();
  try {
    const run = await readRun(store, runId, DateTime.utc());
    if (!run) {
      process.stderr.write(`run-job: no run with id ${runId}\n`);
      return 1;
    }
    const { version: _version, schoolId: _partition, type: _type, id, ...outcome } = run;
    process.stdout.write(`${JSON.stringify({ runId: id, ...outcome })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  installZoneOffsetCache();
  const argv = process.argv.slice(2);
  if (argv[0] === 'show') return show(argv[1]);
  const { job, at } = parseArgs(argv);
  const config = loadConfigFromProcess();
  const logger = createLogger(config.logLevel, process.stderr as never);
  const store = createStore(config);
  await store.init();
  try {
    const wallClock = () => DateTime.utc();
    const adapter = createAdapter(config, logger);
    const messenger = new ProactiveSender({
      adapter,
      botAppId: config.bot.appId,
      store,
      logger,
      tenantPerSecond: config.proactive.tenantPerSecond,
      // The tenant's budget is shared with the running service's instances (tenant-budget.ts).
      tenantBudget: new StoreTenantBudget({ store, perSecond: config.proactive.tenantPerSecond, logger }),
      isoNow: () => wallClock().toISO()!,
    });
    const env = jobEnvironment({
      store,
      messenger,
      ports: jobPortsFor(store),
      logger,
      holder: instanceHolder(`cli-${os.hostname()}`, process.pid, randomBytes(4).toString('hex')),
      wallClock,
      leaseMs: config.jobs.leaseSeconds * 1000,
      retentionDays: config.privacy.textRetentionDays,
    });
    const result = await runJobOnce(env, job, at ?? wallClock(), { force: true, trigger: 'cli' });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.outcome === 'busy' ? 2 : 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main()
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: Error) => {
      process.stderr.write(`run-job: ${error.message}\n`);
      process.exitCode = 1;
    });
}
