/**
 * Wires the jobs into a running service: the job environment (store, messenger, person
 * directory, card renderers, lease holder), the scheduler and the runner the HTTP trigger and
 * the leader's buttons use. The messenger is the service's (`services.messenger`, the proactive
 * sender); tests may pass their own.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { DateTime } from 'luxon';
import type { Messenger } from '../app/messenger';
import type { SchoolHours } from '../domain/quiet-time';
import type { Services } from '../teams/context';
import { jobEnvironment } from './environment';
import { instanceHolder, runJobOnce, type JobEnvironment, type JobName, type JobRunResult } from './job-runner';
import { Scheduler } from './scheduler';

export interface JobOverrides {
  readonly messenger?: Messenger;
  readonly holder?: string;
  readonly wallClock?: () => DateTime;
  readonly leaseMs?: number;
  readonly schoolHours?: SchoolHours;
}

export interface Jobs {
  readonly scheduler: Scheduler;
  /** The job environment, or undefined while no messenger is available. */
  environment(): JobEnvironment | undefined;
  run(job: JobName, at?: DateTime, options?: { force?: boolean }): Promise<JobRunResult>;
}

export class NoMessengerError extends Error {
  constructor() {
    super('no messenger is configured: jobs cannot send');
    this.name = 'NoMessengerError';
  }
}

const registry = new WeakMap<Services, Jobs>();

/** The jobs of a running service (for the leader's "encourage" button). */
export const jobsOf = (services: Services): Jobs | undefined => registry.get(services);

export function createJobs(services: Services, overrides: JobOverrides = {}): Jobs {
  const holder = overrides.holder ?? instanceHolder(os.hostname(), process.pid, randomBytes(4).toString('hex'));
  const wallClock = overrides.wallClock ?? services.clock;
  const environment = (): JobEnvironment | undefined => {
    const messenger = overrides.messenger ?? services.messenger;
    if (!messenger) return undefined;
    return jobEnvironment({
      store: services.store,
      messenger,
      logger: services.logger,
      holder,
      wallClock,
      ...(overrides.leaseMs ? { leaseMs: overrides.leaseMs } : {}),
      ...(overrides.schoolHours ? { schoolHours: overrides.schoolHours } : {}),
    });
  };
  const jobs: Jobs = {
    scheduler: new Scheduler(environment, services.config.jobs.schedulerIntervalSeconds * 1000, services.clock),
    environment,
    async run(job, at, options = {}) {
      const env = environment();
      if (!env) throw new NoMessengerError();
      return runJobOnce(env, job, at ?? services.clock(), options);
    },
  };
  registry.set(services, jobs);
  return jobs;
}
