import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DEFAULT_RETRY, withRetry, type RetryPolicy, type TransientVerdict } from '../../src/store/retry';

class Transient extends Error {
  constructor(readonly retryAfterMs?: number) {
    super('transient');
  }
}

const classify = (error: unknown): TransientVerdict =>
  error instanceof Transient
    ? { transient: true, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) }
    : { transient: false };

/** An operation that fails with the given errors, in order, and then answers `value`. */
function failing<T>(errors: Error[], value: T): { operation: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    operation: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return value;
    },
    calls: () => calls,
  };
}

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 300 };

describe('withRetry', () => {
  let slept: number[];
  const sleep = async (ms: number): Promise<void> => {
    slept.push(ms);
  };

  beforeEach(() => {
    slept = [];
  });

  it('should retry transient errors and then answer the value', async () => {
    const op = failing([new Transient(), new Transient()], 'done');
    assert.equal(await withRetry(op.operation, classify, policy, sleep), 'done');
    assert.equal(op.calls(), 3);
    assert.equal(slept.length, 2);
  });

  it('should throw a non-transient error at once, without waiting', async () => {
    const boom = new Error('boom');
    const op = failing([boom], 'never');
    await assert.rejects(withRetry(op.operation, classify, policy, sleep), (e: unknown) => e === boom);
    assert.equal(op.calls(), 1);
    assert.deepEqual(slept, []);
  });

  it("should stop after the policy's number of attempts and throw the last error", async () => {
    const errors = Array.from({ length: 10 }, () => new Transient());
    const op = failing(errors, 'never');
    await assert.rejects(withRetry(op.operation, classify, policy, sleep), (e: unknown) => e === errors[3]);
    assert.equal(op.calls(), policy.attempts);
    assert.equal(slept.length, policy.attempts - 1);
  });

  it('should back off exponentially with jitter, capped at maxDelayMs', async () => {
    const op = failing(
      Array.from({ length: 3 }, () => new Transient()),
      'ok',
    );
    await withRetry(op.operation, classify, policy, sleep);
    const [first, second, third] = slept as [number, number, number];
    assert.ok(first >= 50 && first <= 100, `first wait ${first} should be within [50, 100]`);
    assert.ok(second >= 100 && second <= 200, `second wait ${second} should be within [100, 200]`);
    assert.ok(third >= 150 && third <= 300, `third wait ${third} should be within [150, 300] (capped)`);
  });

  it('should wait at least the retry-after the server asked for', async () => {
    const op = failing([new Transient(1234), new Transient(5)], 'ok');
    await withRetry(op.operation, classify, policy, sleep);
    assert.equal(slept[0], 1234);
    assert.ok((slept[1] ?? 0) >= 100, 'a short retry-after does not shorten the backoff');
  });

  it('should not retry at all with a policy of one attempt', async () => {
    const op = failing([new Transient()], 'never');
    await assert.rejects(withRetry(op.operation, classify, { ...policy, attempts: 1 }, sleep));
    assert.equal(op.calls(), 1);
    assert.deepEqual(slept, []);
  });

  it('should have a default policy that retries a few times within seconds', () => {
    assert.ok(DEFAULT_RETRY.attempts > 1 && DEFAULT_RETRY.attempts <= 10);
    assert.ok(DEFAULT_RETRY.maxDelayMs <= 5000);
  });

  it('should really pause between attempts with the default sleep', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const op = failing([new Transient()], 'ok');
      let done = false;
      const retried = withRetry(op.operation, classify, { attempts: 2, baseDelayMs: 40, maxDelayMs: 40 }).then(
        (value) => ((done = true), value),
      );
      await clock.tickAsync(19); // the jittered pause is between 20 and 40 ms
      assert.equal(done, false, 'the default sleep should wait');
      assert.equal(op.calls(), 1);
      await clock.tickAsync(21);
      assert.equal(await retried, 'ok');
      assert.equal(op.calls(), 2);
    } finally {
      clock.restore();
    }
  });
});
