/**
 * Job leases: one document per job and period in the store's 'jobs' partition, taken with
 * create-if-absent and taken over with the store's optimistic concurrency (version / ETag), so
 * that exactly one instance runs a job for a period. A lease expires: a crashed holder's lease
 * is taken over after `ttlMs`; a running holder renews it. A finished run marks it completed,
 * and later ticks in the same period leave it alone. The holder is a run id (src/jobs/job-runner.ts),
 * never an instance id: two runs of one process are two holders.
 */
import type { DateTime } from 'luxon';
import type { JobLease } from '../domain/entities';
import { isStoreError, type Store, type Stored } from '../store/store';

export const JOBS_PARTITION = 'jobs';

export const leaseId = (job: string, period: string): string =>
  `lease-${job}-${period}`.replace(/[^A-Za-z0-9_.:-]/g, '_');

export class LeaseLostError extends Error {
  constructor(
    readonly job: string,
    readonly period: string,
  ) {
    super(`lease for ${job} ${period} was taken over by another instance`);
    this.name = 'LeaseLostError';
  }
}

export interface LeaseRequest {
  readonly job: string;
  readonly period: string;
  readonly holder: string;
  readonly ttlMs: number;
  /** Real time (not the "as of" time of a re-run). */
  readonly wallNow: () => DateTime;
  /** Run again even if the period was completed (operators re-running a period). */
  readonly force?: boolean;
}

export type LeaseAttempt =
  | { readonly status: 'acquired'; readonly lease: HeldLease }
  | { readonly status: 'busy'; readonly holder: string }
  /** `holder` is the run that completed the period. */
  | { readonly status: 'done'; readonly holder: string };

export class HeldLease {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly request: LeaseRequest,
    private current: Stored<JobLease>,
  ) {}

  get document(): Stored<JobLease> {
    return this.current;
  }

  /** Renew when more than half of the lease has passed; throws LeaseLostError when someone took it. */
  async heartbeat(): Promise<void> {
    const remaining = Date.parse(this.current.expiresAt) - this.request.wallNow().toMillis();
    if (remaining > this.request.ttlMs / 2) return;
    await this.write((current) => ({ ...current, expiresAt: expiry(this.request) }));
  }

  /** Renew now (the run's keep-alive timer). */
  async renew(): Promise<void> {
    await this.write((current) => ({ ...current, expiresAt: expiry(this.request) }));
  }

  async complete(): Promise<void> {
    await this.write((current) => ({ ...current, completedAt: this.request.wallNow().toUTC().toISO()! }));
  }

  /** Give the lease up without completing (the run failed): another run may retry at once. */
  async release(): Promise<void> {
    try {
      await this.write((current) => ({
        ...current,
        expiresAt: this.request.wallNow().minus({ milliseconds: 1 }).toUTC().toISO()!,
      }));
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
    }
  }

  /** Writes one at a time (the keep-alive timer and a heartbeat may overlap), each on the latest version. */
  private write(update: (current: Stored<JobLease>) => Stored<JobLease>): Promise<void> {
    const next = this.writing.then(async () => {
      if (this.current.completedAt) return; // finished: nothing renews a completed lease
      try {
        this.current = await this.store.replace(update(this.current));
      } catch (error) {
        if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found'))
          throw new LeaseLostError(this.request.job, this.request.period);
        throw error;
      }
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}

const expiry = (request: LeaseRequest): string =>
  request.wallNow().plus({ milliseconds: request.ttlMs }).toUTC().toISO()!;

export async function acquireLease(store: Store, request: LeaseRequest): Promise<LeaseAttempt> {
  const fresh: JobLease = {
    type: 'jobLease',
    id: leaseId(request.job, request.period),
    schoolId: JOBS_PARTITION,
    job: request.job,
    holder: request.holder,
    expiresAt: expiry(request),
    period: request.period,
  };
  try {
    return { status: 'acquired', lease: new HeldLease(store, request, await store.create(fresh)) };
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
  }
  const existing = await store.read(JOBS_PARTITION, 'jobLease', fresh.id);
  if (!existing) return { status: 'busy', holder: 'unknown' };
  if (existing.completedAt && !request.force) return { status: 'done', holder: existing.holder };
  // A live lease is refused to every other run — also one of the same process (each run has its own id).
  const live = Date.parse(existing.expiresAt) > request.wallNow().toMillis() && !existing.completedAt;
  if (live) return { status: 'busy', holder: existing.holder };
  try {
    const { completedAt: _done, ...rest } = existing;
    const taken = await store.replace({
      ...rest,
      holder: request.holder,
      expiresAt: expiry(request),
    } as Stored<JobLease>);
    return { status: 'acquired', lease: new HeldLease(store, request, taken) };
  } catch (error) {
    if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found'))
      return { status: 'busy', holder: 'unknown' };
    throw error;
  }
}
