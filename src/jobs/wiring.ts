/**
 * Wires the jobs into a running service: the job environment (store, messenger, the ports the
 * composition root lends — person directory, card renderers — and the lease holder), the
 * scheduler, the runner the HTTP trigger uses and the leader's "encourage" function. The
 * jobs know nothing of Teams: src/service.ts hands them what they need and hands the Teams
 * features `encourage`.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { DateTime } from 'luxon';
import type { Messenger } from '../app/messenger';
import { encourageProgramme, type Encourage } from '../app/nudges/encourage';
import type { SchoolHours } from '../domain/quiet-time';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { jobEnvironment } from './environment';
import type { JobRun } from '../domain/entities';
import type { Stored } from '../store/store';
import {
  instanceHolder,
  newRunId,
  readRun,
  runJobOnce,
  startJob,
  type JobEnvironment,
  type JobName,
  type JobPorts,
  type JobRunResult,
  type JobStart,
} from './job-runner';
import { Scheduler } from './scheduler';

export interface JobOverrides {
  readonly messenger?: Messenger;
  readonly holder?: string;
  readonly wallClock?: () => DateTime;
  readonly leaseMs?: number;
  readonly schoolHours?: SchoolHours;
}

export interface JobDependencies {
  readonly store: Store;
  readonly logger: Logger;
  /** The service's clock (the "as of" time of a timer tick or a trigger). */
  readonly clock: () => DateTime;
  /** The proactive sender; without one the jobs cannot send. */
  readonly messenger: Messenger | undefined;
  readonly ports: JobPorts;
  readonly intervalMs: number;
  /** JOB_LEASE_SECONDS in ms. */
  readonly leaseMs: number;
  /** TEXT_RETENTION_DAYS: the retention job's period and the digest's notice. */
  readonly retentionDays: number;
  /** Runs work after the answer (the service's background queue; shutdown waits for it). */
  readonly afterAnswer: (label: string, task: () => Promise<unknown>) => void;
}

export interface Jobs {
  readonly scheduler: Scheduler;
  /** The job environment, or undefined while no messenger is available. */
  environment(): JobEnvironment | undefined;
  /** Runs a job for the current period and waits for it. */
  run(job: JobName, at?: DateTime, options?: { force?: boolean }): Promise<JobRunResult>;
  /**
   * Starts a job for the current period without waiting (the HTTP trigger): the new run's id, or
   * the id of the run already going or done for the period. A failure of the run is logged and
   * stored on its jobRun document, never thrown here.
   */
  trigger(job: JobName): Promise<Omit<JobStart, 'finished'>>;
  /** A run's stored outcome. */
  readRun(runId: string): Promise<Stored<JobRun> | undefined>;
  /** The leader's "encourage" button (the Teams digest feature is handed this function). */
  readonly encourage: Encourage;
}

export class NoMessengerError extends Error {
  constructor() {
    super('no messenger is configured: jobs cannot send');
    this.name = 'NoMessengerError';
  }
}

export function createJobs(deps: JobDependencies, overrides: JobOverrides = {}): Jobs {
  const holder = overrides.holder ?? instanceHolder(os.hostname(), process.pid, randomBytes(4).toString('hex'));
  const wallClock = overrides.wallClock ?? deps.clock;
  const environment = (): JobEnvironment | undefined => {
    const messenger = overrides.messenger ?? deps.messenger;
    if (!messenger) return undefined;
    return jobEnvironment({
      store: deps.store,
      messenger,
      ports: deps.ports,
      logger: deps.logger,
      holder,
      wallClock,
      retentionDays: deps.retentionDays,
      leaseMs: overrides.leaseMs ?? deps.leaseMs,
      ...(overrides.schoolHours ? { schoolHours: overrides.schoolHours } : {}),
    });
  };
  const required = (): JobEnvironment => {
    const env = environment();
    if (!env) throw new NoMessengerError();
    return env;
  };
  return {
    scheduler: new Scheduler(environment, deps.intervalMs, deps.clock),
    environment,
    async run(job, at, options = {}) {
      return runJobOnce(required(), job, at ?? deps.clock(), options);
    },
    async trigger(job) {
      const { finished, ...start } = await startJob(required(), job, deps.clock(), { trigger: 'http' });
      // A failed run is logged and stored on its jobRun document by the runner.
      if (finished) deps.afterAnswer(`job ${job}`, () => finished.catch(() => undefined));
      return start;
    },
    readRun: (runId) => readRun(deps.store, runId, wallClock()),
    async encourage(request) {
      const env = required();
      return encourageProgramme(
        {
          store: env.store,
          messenger: env.messenger,
          // Each press is a run of its own: it never takes over another press's claims.
          holder: newRunId(`${env.holder}-encourage`),
          wallNow: env.wallClock,
          claimMs: env.leaseMs,
          directory: env.directory(),
          render: env.renderNudge,
          logger: env.logger,
          ...(env.schoolHours ? { schoolHours: env.schoolHours } : {}),
        },
        request,
      );
    },
  };
}
