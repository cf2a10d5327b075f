import { strict as assert } from 'node:assert';
import { backoffDelay, classify, parseRetryAfter, retryDelay } from '../../../src/teams/proactive/retry-policy';

describe('proactive retry policy', () => {
  const options = { baseDelayMs: 500, maxDelayMs: 4_000 };

  it('should retry 429, 412, 502, 503, 504 and no answer, give up on 403/404 as unreachable, and fail other statuses', () => {
    assert.deepEqual([429, 412, 502, 503, 504, undefined].map(classify), [
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
    ]);
    assert.deepEqual([403, 404].map(classify), ['unreachable', 'unreachable']);
    assert.deepEqual([400, 401, 500, 501].map(classify), ['fail', 'fail', 'fail', 'fail']);
  });

  it('should read Retry-After as seconds or as an HTTP date, and ignore what it cannot read', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3_000);
    assert.equal(parseRetryAfter('0.25', now), 250);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 08:00:05 GMT', now), 5_000);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 07:59:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('should double the backoff after each failure up to the maximum, with jitter in the upper half', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 1)),
      [500, 1_000, 2_000, 4_000, 4_000],
    );
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffDelay(n, options, () => 0)),
      [250, 500, 1_000],
    );
  });

  it('should wait at least the Retry-After, with a little jitter on top, when the server gives one', () => {
    assert.equal(
      retryDelay(3, 2_000, options, () => 0),
      2_000,
    );
    assert.equal(
      retryDelay(3, 2_000, options, () => 1),
      2_100,
    );
    assert.equal(
      retryDelay(1, undefined, options, () => 1),
      500,
    );
  });
});
