/** Retries transient store failures with exponential backoff and jitter. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 50, maxDelayMs: 2000 };

export interface TransientVerdict {
  readonly transient: boolean;
  /** A delay the server asked for (Cosmos DB retry-after), in milliseconds. */
  readonly retryAfterMs?: number;
}

export async function withRetry<T>(
  operation: () => Promise<T>,
  classify: (error: unknown) => TransientVerdict,
  policy: RetryPolicy = DEFAULT_RETRY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const verdict = classify(error);
      if (!verdict.transient || attempt >= policy.attempts) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const jittered = backoff / 2 + Math.random() * (backoff / 2);
      await sleep(Math.max(verdict.retryAfterMs ?? 0, jittered));
    }
  }
}
