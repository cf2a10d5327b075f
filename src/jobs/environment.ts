/** The job environment for a store and a messenger: the person directory and the card renderers. */
import type { DateTime } from 'luxon';
import type { Messenger } from '../app/messenger';
import type { SchoolHours } from '../domain/quiet-time';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { renderDigestMessage } from '../teams/features/digest/digest-card';
import { renderNudgeMessage } from '../teams/features/nudges/nudge-card';
import type { JobEnvironment } from './job-runner';
import { storePersonDirectory } from './person-directory';

/** Lease and claim time: long enough for a run between two heartbeats and a send with retries. */
export const DEFAULT_LEASE_MS = 10 * 60 * 1000;

export function jobEnvironment(options: {
  store: Store;
  messenger: Messenger;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  holder: string;
  wallClock: () => DateTime;
  leaseMs?: number;
  schoolHours?: SchoolHours;
}): JobEnvironment {
  return {
    store: options.store,
    messenger: options.messenger,
    directory: () => storePersonDirectory(options.store),
    logger: options.logger,
    holder: options.holder,
    wallClock: options.wallClock,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    renderNudge: renderNudgeMessage,
    renderDigest: renderDigestMessage,
    ...(options.schoolHours ? { schoolHours: options.schoolHours } : {}),
  };
}
