/**
 * The job environment for a store and a messenger, with what the composition root lends the
 * jobs (`JobPorts`: the person directory and the digest and nudge card renderers — the jobs
 * know neither Teams nor its cards).
 */
import type { DateTime } from 'luxon';
import type { Messenger } from '../app/messenger';
import type { SchoolHours } from '../domain/quiet-time';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import type { JobEnvironment, JobPorts } from './job-runner';

/** The default of JOB_LEASE_SECONDS (src/config.ts): lease and claim time, longer than a send with its retries. */
export const DEFAULT_LEASE_MS = 10 * 60 * 1000;
/** The default of TEXT_RETENTION_DAYS (src/config.ts). */
const DEFAULT_RETENTION_DAYS = 365;

export function jobEnvironment(options: {
  store: Store;
  messenger: Messenger;
  ports: JobPorts;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  holder: string;
  wallClock: () => DateTime;
  leaseMs?: number;
  schoolHours?: SchoolHours;
  /** TEXT_RETENTION_DAYS; default 365. */
  retentionDays?: number;
}): JobEnvironment {
  return {
    store: options.store,
    messenger: options.messenger,
    directory: options.ports.directory,
    logger: options.logger,
    holder: options.holder,
    wallClock: options.wallClock,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    renderNudge: options.ports.renderNudge,
    renderDigest: options.ports.renderDigest,
    renderNeedsBatch: options.ports.renderNeedsBatch,
    retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
    ...(options.schoolHours ? { schoolHours: options.schoolHours } : {}),
  };
}
