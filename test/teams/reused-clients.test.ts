/** The bounded cache behind the connector clients reused across turns (src/teams/reused-clients.ts). */
import { strict as assert } from 'node:assert';
import { LeastRecentlyUsed } from '../../src/domain/least-recently-used';

describe('LeastRecentlyUsed (connector clients reused across turns, remembered cards, people by tenant)', () => {
  it('should create a client once per key and hand the same one out again', async () => {
    const cache = new LeastRecentlyUsed<{ n: number }>(64);
    let created = 0;
    const create = async () => ({ n: ++created });
    const first = await cache.get('a', create);
    const again = await cache.get('a', create);
    const other = await cache.get('b', create);
    assert.equal(first, again);
    assert.notEqual(first, other);
    assert.equal(created, 2);
  });

  it('should keep at most its bound, letting go of the least recently used first', async () => {
    const cache = new LeastRecentlyUsed<string>(2);
    const made: string[] = [];
    const create = (key: string) => async () => {
      made.push(key);
      return key;
    };
    await cache.get('a', create('a'));
    await cache.get('b', create('b'));
    await cache.get('a', create('a')); // a used last: b is the oldest now
    await cache.get('c', create('c'));
    assert.equal(cache.size, 2);
    await cache.get('a', create('a'));
    await cache.get('b', create('b'));
    assert.deepEqual(made, ['a', 'b', 'c', 'b'], 'a was kept, b was let go and made anew');
  });

  it('should not keep a creation that failed: the next turn tries again', async () => {
    const cache = new LeastRecentlyUsed<string>(64);
    let attempts = 0;
    const flaky = async () => {
      attempts++;
      if (attempts === 1) throw new Error('credentials not available');
      return 'client';
    };
    await assert.rejects(cache.get('a', flaky), /credentials not available/);
    assert.equal(await cache.get('a', flaky), 'client');
    assert.equal(attempts, 2);
  });
});
