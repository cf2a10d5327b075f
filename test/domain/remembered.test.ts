import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { thisAndLastMonth } from '../../src/domain/coach-trend';
import { remembered } from '../../src/domain/remembered';

describe('remembered pure functions (issue 12: the calendar facts a job run asks for every school)', () => {
  it('should compute once per key, also a value that is undefined, and again for another key', () => {
    const calls: string[] = [];
    const half = remembered(
      (n: number) => String(n),
      (n: number) => {
        calls.push(String(n));
        return n % 2 === 0 ? n / 2 : undefined;
      },
    );
    assert.deepEqual([half(4), half(4), half(3), half(3), half(6)], [2, 2, undefined, undefined, 3]);
    assert.deepEqual(calls, ['4', '3', '6']);
  });

  it('should stay within its bound: when full it starts again and computes anew', () => {
    let computed = 0;
    const same = remembered(
      (n: number) => String(n),
      (n: number) => {
        computed++;
        return n;
      },
      3,
    );
    for (const n of [1, 2, 3]) same(n);
    assert.equal(computed, 3);
    same(1);
    assert.equal(computed, 3, 'still kept');
    same(4); // the fourth key: the memory starts again with it
    same(1);
    assert.equal(computed, 5);
  });

  it('should hand out a fresh array of the months each time, so a caller changing it changes nothing', () => {
    const now = DateTime.fromISO('2026-03-16T07:00', { zone: 'Europe/Amsterdam' });
    const first = thisAndLastMonth(now, 'Europe/Amsterdam');
    assert.deepEqual(first, ['2026-03', '2026-02']);
    first[0] = 'changed';
    assert.deepEqual(thisAndLastMonth(now, 'Europe/Amsterdam'), ['2026-03', '2026-02']);
    // The same moment in another zone is another month there.
    assert.deepEqual(thisAndLastMonth(DateTime.fromISO('2026-02-28T23:30:00Z'), 'Europe/Amsterdam'), [
      '2026-03',
      '2026-02',
    ]);
    assert.deepEqual(thisAndLastMonth(DateTime.fromISO('2026-02-28T23:30:00Z'), 'UTC'), ['2026-02', '2026-01']);
  });
});
