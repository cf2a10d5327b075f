/**
 * What to do after a failed Bot Connector call (DESIGN.md §6): 429, 412, 502, 503, 504 and
 * network errors are worth another try, after the server's Retry-After or an exponential backoff
 * with jitter; 403 (MessageWritesBlocked, bot removed) and 404 mean the person cannot be reached;
 * anything else is a failure that retrying will not fix.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);
export const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([403, 404]);

export interface BackoffOptions {
  /** First backoff, doubled after every failed attempt (default 500 ms). */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff (default 30 s). */
  readonly maxDelayMs: number;
}

/**
 * Failures that pass (throttling, server trouble, no answer): when a send ended with one of these
 * after all its attempts, a later job run may try the message again (SendOutcome.retryable).
 * 500 is here but not above: retried a little later by another run, not at once within the send.
 */
export const LATER_RETRY_STATUSES: ReadonlySet<number> = new Set([408, 412, 429, 500, 502, 503, 504]);

export const worthALaterTry = (httpStatus: number | undefined): boolean =>
  httpStatus === undefined || LATER_RETRY_STATUSES.has(httpStatus);

export type FailureKind = 'retry' | 'unreachable' | 'fail';

export function classify(httpStatus: number | undefined): FailureKind {
  if (httpStatus === undefined) return 'retry'; // no answer (connection refused/reset, timeout)
  if (UNREACHABLE_STATUSES.has(httpStatus)) return 'unreachable';
  if (RETRYABLE_STATUSES.has(httpStatus)) return 'retry';
  return 'fail';
}

/**
 * Milliseconds to wait before attempt `failedAttempts + 1`: exponential with "equal jitter"
 * (half fixed, half random), so retries of many sends do not fall on the same instant.
 */
export function backoffDelay(failedAttempts: number, options: BackoffOptions, random: () => number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/**
 * The Retry-After header in milliseconds: delta-seconds ("2", "0.5") or an HTTP date. Undefined
 * when absent or unreadable. `nowMs` is the wall clock (for the HTTP-date form).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}

/**
 * The wait before the next attempt: at least what the server asked for (plus a little jitter so
 * that everything throttled at once does not return at once), else the exponential backoff.
 */
export function retryDelay(
  failedAttempts: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number,
): number {
  if (retryAfterMs !== undefined)
    return retryAfterMs + Math.round(Math.min(options.baseDelayMs, 1000) * 0.2 * random());
  return backoffDelay(failedAttempts, options, random);
}
