/**
 * Failed is not final: a nudge or digest whose send did not get through for a passing reason
 * (Teams throttled it after all its retries, a 5xx, a timeout, a refused connection) is tried
 * again by later runs of the same period, each time after a longer wait, at most
 * MAX_DELIVERY_TRIES runs in all; after that it is undeliverable and counted in the leader's
 * digest ("not delivered"), separately from people who cannot be reached (403/404).
 */

/** Runs that may try one message (the first included). */
export const MAX_DELIVERY_TRIES = 6;

/** Minutes to wait after `failedTries` failed runs: 10, 20, 40, 80, 160 … at most 8 hours. */
export function deliveryRetryWaitMinutes(failedTries: number): number {
  return Math.min(8 * 60, 10 * 2 ** Math.max(0, failedTries - 1));
}

/** Whether another run may still try after `failedTries` failed runs. */
export const mayTryAgain = (failedTries: number): boolean => failedTries < MAX_DELIVERY_TRIES;
