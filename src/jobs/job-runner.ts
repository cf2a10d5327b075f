/**
 * Runs one job once for the period of a given moment, under a lease: the scheduler's ticks,
 * the HTTP trigger and the CLI all come through here, so exactly one instance runs a job per
 * period and every run resumes what a crashed run left pending.
 */
import type { DateTime } from 'luxon';
import type { Locale } from '../domain/entities';
import type { Messenger, OutgoingMessage } from '../app/messenger';
import type { PersonDirectory } from '../app/nudges/people';
import { runNudges, type NudgeRunReport } from '../app/nudges/run-nudges';
import type { NudgeView } from '../app/nudges/nudge-view';
import { runDigest, type DigestRunReport } from '../app/digest/run-digest';
import type { DigestView } from '../app/digest/digest-view';
import { runRetention, type RetentionReport } from '../app/retention/run-retention';
import type { SchoolHours } from '../domain/quiet-time';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { acquireLease } from './lease';

export const JOB_NAMES = ['digest', 'nudges', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];
export const isJobName = (value: string): value is JobName => (JOB_NAMES as readonly string[]).includes(value);

/** What the composition root lends the jobs: how to find people and how their cards look. */
export interface JobPorts {
  /** A person directory for one run (it may cache what it read). */
  readonly directory: () => PersonDirectory;
  readonly renderNudge: (view: NudgeView, locale: Locale) => OutgoingMessage;
  readonly renderDigest: (view: DigestView, locale: Locale) => OutgoingMessage;
}

export interface JobEnvironment extends JobPorts {
  readonly store: Store;
  readonly messenger: Messenger;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** This instance (or run) — the lease and claim holder. */
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
      readonly job: JobName;
      readonly period: string;
      readonly outcome: 'ran';
      readonly report: NudgeRunReport | DigestRunReport | RetentionReport;
    }
  | { readonly job: JobName; readonly period: string; readonly outcome: 'busy' | 'done' };

/** Jobs run at most once per UTC hour (a job's period); digests and nudges have their own ids per week. */
export const jobPeriod = (at: DateTime): string => at.toUTC().toFormat("yyyy-LL-dd'T'HH");

export async function runJobOnce(
  env: JobEnvironment,
  job: JobName,
  at: DateTime,
  options: { force?: boolean } = {},
): Promise<JobRunResult> {
  const period = jobPeriod(at);
  const attempt = await acquireLease(env.store, {
    job,
    period,
    holder: env.holder,
    ttlMs: env.leaseMs,
    wallNow: env.wallClock,
    ...(options.force ? { force: true } : {}),
  });
  if (attempt.status !== 'acquired') {
    env.logger.info({ job, period, outcome: attempt.status }, 'job not run');
    return { job, period, outcome: attempt.status };
  }
  const lease = attempt.lease;
  const deps = {
    store: env.store,
    messenger: env.messenger,
    holder: env.holder,
    wallNow: env.wallClock,
    claimMs: env.leaseMs,
    directory: env.directory(),
    logger: env.logger,
  };
  const heartbeat = () => lease.heartbeat();
  try {
    const report =
      job === 'retention'
        ? await runRetention(deps, at, { retentionDays: env.retentionDays, heartbeat })
        : job === 'digest'
          ? await runDigest({ ...deps, render: env.renderDigest, retentionDays: env.retentionDays }, at, { heartbeat })
          : await runNudges(
              { ...deps, render: env.renderNudge, ...(env.schoolHours ? { schoolHours: env.schoolHours } : {}) },
              at,
              { heartbeat },
            );
    await lease.complete();
    return { job, period, outcome: 'ran', report };
  } catch (error) {
    env.logger.error(
      { job, period, err: { name: (error as Error).name, code: (error as { code?: string }).code } },
      'job run failed; what is pending is resumed by the next run',
    );
    throw error;
  }
}

/** A holder id for this process: host, process and a random part. */
export function instanceHolder(hostname: string, pid: number, random: string): string {
  return `${hostname}-${pid}-${random}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 120);
}
