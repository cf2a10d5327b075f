import { strict as assert } from 'node:assert';
import { cycleWithNewcomers } from '../../../src/app/pairing/add-to-pair';
import { groupFieldFor, parseGroups, parsePlacement } from '../../../src/app/pairing/groups-input';
import type { Cycle } from '../../../src/domain/entities';
import { buildCycle } from '../../domain/builders';
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

describe('parsePlacement (late joiners: the pairing card once pairs run)', () => {
  // Running pairs as the card numbered them: 1 = a pair of two, 2 = a trio.
  const pairs = [
    { id: 'pair-1', memberIds: ['p', 'q'] },
    { id: 'pair-2', memberIds: ['r', 's', 'u'] },
  ];
  const people = ['x', 'y', 'z'];
  const cases: {
    should: string;
    numbers: Record<string, unknown>;
    groups?: string[][];
    additions?: { pairId: string; memberIds: string[] }[];
    refused?: string;
    detail?: Record<string, unknown>;
  }[] = [
    {
      should: 'add one newcomer to a pair of two (it becomes a trio)',
      numbers: { x: 1 },
      groups: [],
      additions: [{ pairId: 'pair-1', memberIds: ['x'] }],
    },
    { should: 'pair two newcomers with a new number', numbers: { x: 3, y: 3 }, groups: [['x', 'y']], additions: [] },
    {
      should: 'do both at once',
      numbers: { x: 1, y: 4, z: 4 },
      groups: [['y', 'z']],
      additions: [{ pairId: 'pair-1', memberIds: ['x'] }],
    },
    {
      should: 'refuse adding to a trio that already has three',
      numbers: { x: 2 },
      refused: 'PAIR_FULL',
      detail: { group: 2, size: 4 },
    },
    {
      should: 'refuse adding two people to a pair of two',
      numbers: { x: 1, y: 1 },
      refused: 'PAIR_FULL',
      detail: { group: 1, size: 4 },
    },
    { should: 'refuse one person alone under a new number', numbers: { x: 3 }, refused: 'GROUP_SIZE' },
    { should: 'refuse when nobody is given a number', numbers: { x: 0, y: 'none' }, refused: 'NOTHING_TO_PLACE' },
    { should: 'refuse a number past the last possible group', numbers: { x: 6, y: 6 }, refused: 'NUMBER_OUT_OF_RANGE' },
  ];
  for (const c of cases) {
    it(`should ${c.should}`, () => {
      const result = parsePlacement(form(c.numbers), people, pairs);
      if (c.refused) {
        assert.ok(!result.ok, 'refused');
        assert.equal(result.error.code, c.refused);
        if (c.detail) assert.deepEqual({ ...result.error.detail }, c.detail);
      } else {
        assert.ok(result.ok, JSON.stringify(result));
        assert.deepEqual(result.value, { groups: c.groups, additions: c.additions });
      }
    });
  }

  it('should refuse as before (not enough teachers) when no pairs run and nobody is placed', () => {
    const result = parsePlacement(form({ x: 0 }), people, []);
    assert.ok(!result.ok && result.error.code === 'NOT_ENOUGH_TEACHERS');
  });
});

describe('cycleWithNewcomers (a pair becomes a trio; its cycle runs on)', () => {
  const cycle = buildCycle({ personIds: ['p', 'q'], visitsAgreed: 2, visitsCompleted: 1, status: 'active' });
  const cases: {
    should: string;
    cycle: Cycle;
    agreed: number;
    completed: number;
    status: Cycle['status'];
  }[] = [
    { should: 'agree to three visits and keep the one done', cycle, agreed: 3, completed: 1, status: 'active' },
    {
      should: 'open a complete cycle again for the newcomer, keeping the visits done',
      cycle: { ...cycle, visitsCompleted: 2, status: 'complete', completedAt: '2026-03-01T10:00:00.000Z' },
      agreed: 3,
      completed: 2,
      status: 'active',
    },
    {
      should: 'never agree to fewer visits than before',
      cycle: { ...cycle, visitsAgreed: 4 },
      agreed: 4,
      completed: 1,
      status: 'active',
    },
  ];
  for (const c of cases) {
    it(`should ${c.should}`, () => {
      const next = cycleWithNewcomers(c.cycle, ['x'], 3, 2);
      assert.equal(next.visitsAgreed, c.agreed);
      assert.equal(next.visitsCompleted, c.completed);
      assert.equal(next.status, c.status);
      assert.equal(next.completedAt, undefined);
      assert.deepEqual(next.personIds, ['p', 'q', 'x']);
      assert.equal(next.id, c.cycle.id, 'the same cycle');
    });
  }
});
