import { strict as assert } from 'node:assert';
import { groupFieldFor, parseGroups } from '../../../src/app/pairing/groups-input';
import { firstCycleIdFor, pairIdFor } from '../../../src/app/pairing/pair-ids';

const ids = ['a', 'b', 'c', 'd', 'e'];
const form = (groups: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(groups).map(([id, g]) => [groupFieldFor(id), g]));

describe('parseGroups (the leader edited pairing)', () => {
  it('should group by number, skip 0 and "none", and give sorted groups', () => {
    const result = parseGroups(form({ a: 2, b: '1', c: 2, d: 1, e: 0 }), ids, 5);
    assert.ok(result.ok);
    assert.deepEqual(result.value, [
      ['a', 'c'],
      ['b', 'd'],
    ]);
  });

  it('should accept one trio for an odd number', () => {
    const result = parseGroups(form({ a: 1, b: 1, c: 1, d: 2, e: 2 }), ids, 5);
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((g) => g.length),
      [3, 2],
    );
  });

  it('should refuse a group of one or four, nobody paired, unknown people and bad numbers', () => {
    const alone = parseGroups(form({ a: 1, b: 1, c: 2 }), ids, 5);
    assert.ok(!alone.ok && alone.error.code === 'GROUP_SIZE');
    const four = parseGroups(form({ a: 1, b: 1, c: 1, d: 1 }), ids, 5);
    assert.ok(!four.ok && four.error.code === 'GROUP_SIZE');
    const none = parseGroups(form({ a: 0 }), ids, 5);
    assert.ok(!none.ok && none.error.code === 'NOT_ENOUGH_TEACHERS');
    const unknown = parseGroups({ ...form({ a: 1, b: 1 }), [groupFieldFor('zz')]: 1 }, ids, 5);
    assert.ok(!unknown.ok && unknown.error.code === 'INVALID_INPUT');
    const bad = parseGroups(form({ a: 'one', b: 1 }), ids, 5);
    assert.ok(!bad.ok && bad.error.code === 'NUMBER_OUT_OF_RANGE');
    const high = parseGroups(form({ a: 6, b: 6 }), ids, 5);
    assert.ok(!high.ok && high.error.code === 'NUMBER_OUT_OF_RANGE');
  });
});

describe('pair ids', () => {
  it('should give the same id whatever the member order, another per programme and per attempt', () => {
    assert.equal(pairIdFor('p1', ['b', 'a']), pairIdFor('p1', ['a', 'b']));
    assert.notEqual(pairIdFor('p1', ['a', 'b']), pairIdFor('p2', ['a', 'b']));
    assert.equal(pairIdFor('p1', ['a', 'b'], 2), `${pairIdFor('p1', ['a', 'b'])}-2`);
    assert.match(firstCycleIdFor(pairIdFor('p1', ['a', 'b'])), /^cycle-[0-9a-f]{24}-1$/);
  });
});
