/**
 * Runs one job once for the period of a given moment, under a lease: the scheduler's ticks,
 * the HTTP trigger and the CLI all come through here, so exactly one run — whatever process it
 * is in — runs a job per period, and every run resumes what a crashed run left pending. Each
 * run has its own id (a jobRun document): the lease and send-claim holder, and what the
 * trigger answers and GET /api/jobs/<run id> reads back.
 */
import type { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import type { JobRun, JobTrigger, Locale } from '../domain/entities';
import type { Messenger, OutgoingMessage } from '../app/messenger';
import type { PersonDirectory } from '../app/nudges/people';
import { runNudges, type NudgeRunReport } from '../app/nudges/run-nudges';
import type { NudgeView } from '../app/nudges/nudge-view';
import { runDigest, type DigestRunReport } from '../app/digest/run-digest';
import type { DigestView } from '../app/digest/digest-view';
import { runRetention, type RetentionReport } from '../app/retention/run-retention';
import { runNeedsBatch, type NeedsBatchReport, type NeedsBatchView } from '../app/needs/leader-batch';
import type { SchoolHours } from '../domain/quiet-time';
import type { Logger } from '../logging/logger';
import type { Store, Stored } from '../store/store';
import { acquireLease, JOBS_PARTITION, leaseId, type HeldLease } from './lease';

export const JOB_NAMES = ['digest', 'nudges', 'needs', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];
export const isJobName = (value: string): value is JobName => (JOB_NAMES as readonly string[]).includes(value);

/** What the composition root lends the jobs: how to find people and how their cards look. */
export interface JobPorts {
  /** A person directory for one run (it may cache what it read). */
  readonly directory: () => PersonDirectory;
  readonly renderNudge: (view: NudgeView, locale: Locale) => OutgoingMessage;
  readonly renderDigest: (view: DigestView, locale: Locale) => OutgoingMessage;
  /** The leaders' daily message about what pairs need. */
  readonly renderNeedsBatch: (view: NeedsBatchView, locale: Locale) => OutgoingMessage;
}

export interface JobEnvironment extends JobPorts {
  readonly store: Store;
  readonly messenger: Messenger;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** This instance's name: the first part of its run ids (each run holds leases and claims by its own id). */
  readonly holder: string;
  /** Real time, for leases and claims. */
  readonly wallClock: () => DateTime;
  readonly leaseMs: number;
  readonly schoolHours?: SchoolHours;
  /** Days after a programme's end when its texts are erased (TEXT_RETENTION_DAYS). */
  readonly retentionDays: number;
}

export type JobRunResult =
  | {
      readonly runId: string;
      readonly job: JobName;
      readonly period: string;
      readonly outcome: 'ran';
      readonly report: NudgeRunReport | DigestRunReport | NeedsBatchReport | RetentionReport;
    }
  /** Another run holds the period (`runId` is that run) or completed it (`runId` is the run that did). */
  | { readonly runId: string; readonly job: JobName; readonly period: string; readonly outcome: 'busy' | 'done' };

/** A run that was asked for: started now, or the run already going (or done) for the period. */
export interface JobStart {
  readonly runId: string;
  readonly job: JobName;
  readonly period: string;
  readonly status: 'started' | 'running' | 'done';
  /** Only when started: resolves with the run's result (rejects when the run failed). */
  readonly finished?: Promise<JobRunResult>;
}

/** Jobs run at most once per UTC hour (a job's period); digests and nudges have their own ids per week. */
export const jobPeriod = (at: DateTime): string => at.toUTC().toFormat("yyyy-LL-dd'T'HH");

/** A new run id: the instance's name and a random part (a run id is a store id and a URL segment). */
export const newRunId = (holder: string): string =>
  `run-${holder}-${randomBytes(6).toString('hex')}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 160);

export interface StartOptions {
  /** Run again even if the period was completed (the CLI re-running a period). */
  readonly force?: boolean;
  readonly trigger?: JobTrigger;
}

/**
 * Starts a run of `job` for the period of `at` under the period's lease, held by the run's own
 * id: a live lease is refused to every other run, also one of the same process. The lease is
 * renewed while the run is alive (every third of the lease, and before each school). Answers at
 * once; `finished` settles when the run is over.
 */
export async function startJob(
  env: JobEnvironment,
  job: JobName,
  at: DateTime,
  options: StartOptions = {},
): Promise<JobStart> {
  const period = jobPeriod(at);
  const runId = newRunId(env.holder);
  const attempt = await acquireLease(env.store, {
    job,
    period,
    holder: runId,
    ttlMs: env.leaseMs,
    wallNow: env.wallClock,
    ...(options.force ? { force: true } : {}),
  });
  if (attempt.status !== 'acquired') {
    env.logger.info({ job, period, outcome: attempt.status, runId: attempt.holder }, 'job not run');
    return { runId: attempt.holder, job, period, status: attempt.status === 'busy' ? 'running' : 'done' };
  }
  const run = await env.store.create<JobRun>({
    type: 'jobRun',
    id: runId,
    schoolId: JOBS_PARTITION,
    job,
    period,
    trigger: options.trigger ?? 'timer',
    status: 'running',
    startedAt: env.wallClock().toUTC().toISO()!,
  });
  const finished = execute(env, job, at, attempt.lease, run);
  finished.catch(() => undefined); // logged and stored by execute; callers that wait still see the error
  return { runId, job, period, status: 'started', finished };
}

async function execute(
  env: JobEnvironment,
  job: JobName,
  at: DateTime,
  lease: HeldLease,
  run: Stored<JobRun>,
): Promise<JobRunResult> {
  const { period } = run;
  const deps = {
    store: env.store,
    messenger: env.messenger,
    holder: run.id,
    wallNow: env.wallClock,
    claimMs: env.leaseMs,
    directory: env.directory(),
    logger: env.logger,
  };
  const keepAlive = setInterval(
    () => void lease.renew().catch(() => undefined),
    Math.max(1000, Math.floor(env.leaseMs / 3)),
  );
  keepAlive.unref?.();
  const heartbeat = () => lease.heartbeat();
  try {
    const report =
      job === 'retention'
        ? await runRetention(deps, at, { retentionDays: env.retentionDays, heartbeat })
        : job === 'digest'
          ? await runDigest({ ...deps, render: env.renderDigest, retentionDays: env.retentionDays }, at, { heartbeat })
          : job === 'needs'
            ? await runNeedsBatch(
                {
                  ...deps,
                  render: env.renderNeedsBatch,
                  ...(env.schoolHours ? { schoolHours: env.schoolHours } : {}),
                },
                at,
                { heartbeat },
              )
            : await runNudges(
                { ...deps, render: env.renderNudge, ...(env.schoolHours ? { schoolHours: env.schoolHours } : {}) },
                at,
                { heartbeat },
              );
    clearInterval(keepAlive);
    await lease.complete();
    await finishRun(env, run, { status: 'ran', report: { ...report } });
    return { runId: run.id, job, period, outcome: 'ran', report };
  } catch (error) {
    clearInterval(keepAlive);
    const code = (error as { code?: string }).code;
    env.logger.error(
      { job, period, runId: run.id, err: { name: (error as Error).name, code } },
      'job run failed; what is pending is resumed by the next run',
    );
    await finishRun(env, run, { status: 'failed', error: String(code ?? (error as Error).name).slice(0, 80) }).catch(
      () => undefined,
    );
    throw error;
  }
}

async function finishRun(
  env: JobEnvironment,
  run: Stored<JobRun>,
  outcome: Pick<JobRun, 'status' | 'report' | 'error'>,
): Promise<void> {
  const { report, error, status } = outcome;
  await env.store.replace<JobRun>({
    ...run,
    status,
    finishedAt: env.wallClock().toUTC().toISO()!,
    ...(report ? { report } : {}),
    ...(error ? { error } : {}),
  });
}

/** Starts a run and waits for it (the timer and the CLI). */
export async function runJobOnce(
  env: JobEnvironment,
  job: JobName,
  at: DateTime,
  options: StartOptions = {},
): Promise<JobRunResult> {
  const start = await startJob(env, job, at, options);
  if (start.finished) return start.finished;
  return { runId: start.runId, job, period: start.period, outcome: start.status === 'running' ? 'busy' : 'done' };
}

/** The error of a run whose process died mid-run (SIGKILL, power loss): its lease expired or was taken over. */
export const RUN_STOPPED = 'STOPPED';

/**
 * A run's outcome (GET /api/jobs/<run id>, the CLI). A run whose process died cannot write its
 * outcome: its record stays 'running'. Once its lease has expired or another run took the period
 * over, it is answered as failed with error STOPPED — what it left pending is sent by the next
 * run of the period (whose own record counts it).
 */
export async function readRun(store: Store, runId: string, now: DateTime): Promise<Stored<JobRun> | undefined> {
  const run = await store.read(JOBS_PARTITION, 'jobRun', runId);
  if (!run || run.status !== 'running') return run;
  const lease = await store.read(JOBS_PARTITION, 'jobLease', leaseId(run.job, run.period));
  const alive =
    !!lease && lease.holder === run.id && (!!lease.completedAt || Date.parse(lease.expiresAt) > now.toMillis());
  return alive ? run : { ...run, status: 'failed', error: RUN_STOPPED };
}

/** An instance name for run ids: host, process and a random part. */
export function instanceHolder(hostname: string, pid: number, random: string): string {
  return `${hostname}-${pid}-${random}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 120);
}
