import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  describeReasons,
  suggestJoin,
  suggestPairs,
  type PairSuggestion,
  type PairingTeacher,
} from '../../src/domain/pairing';
import { buildTeacher } from './builders';

const t = buildTeacher;
const groupsOf = (suggestions: readonly PairSuggestion[]) => suggestions.map((s) => [...s.memberIds]);
const reasonKinds = (s: PairSuggestion) => s.reasons.map((r) => r.kind);
const groupWith = (suggestions: readonly PairSuggestion[], id: string) =>
  suggestions.find((s) => s.memberIds.includes(id))!;

function assertPartition(teachers: readonly PairingTeacher[], suggestions: readonly PairSuggestion[]) {
  const ids = [...new Set(teachers.map((x) => x.userId))].sort();
  const seen = suggestions.flatMap((s) => s.memberIds).sort();
  assert.deepEqual(seen, ids, 'every teacher exactly once');
  if (ids.length === 1) {
    assert.deepEqual(suggestions.map(reasonKinds), [['noPartner']]);
    return;
  }
  const sizes = suggestions.map((s) => s.memberIds.length);
  assert.ok(
    sizes.every((size) => size === 2 || size === 3),
    `sizes ${sizes.join(',')}`,
  );
  assert.equal(sizes.filter((size) => size === 3).length, ids.length % 2, 'one trio exactly when the count is odd');
}

describe('domain/pairing: suggestPairs', () => {
  it('should suggest nothing when there are no teachers', () => {
    assert.deepEqual(suggestPairs({ teachers: [], previousPairs: [] }), []);
  });

  it('should flag the teacher with noPartner and make no pair when there is only one teacher', () => {
    assert.deepEqual(suggestPairs({ teachers: [t({ userId: 'a' })], previousPairs: [] }), [
      { memberIds: ['a'], reasons: [{ kind: 'noPartner' }] },
    ]);
  });

  it('should pair colleagues of different subjects when subjects overlap otherwise', () => {
    const teachers = [
      t({ userId: 'a', subjects: ['wiskunde'] }),
      t({ userId: 'b', subjects: ['Wiskunde '] }),
      t({ userId: 'c', subjects: ['Engels'] }),
      t({ userId: 'd', subjects: ['engels', 'Frans'] }),
    ];
    const suggestions = suggestPairs({ teachers, previousPairs: [] });
    assertPartition(teachers, suggestions);
    assert.deepEqual(groupWith(suggestions, 'a').memberIds.includes('b'), false);
    assert.deepEqual(groupWith(suggestions, 'c').memberIds.includes('d'), false);
    for (const s of suggestions) assert.equal(s.reasons[0]!.kind, 'crossSubject');
    assert.deepEqual(groupWith(suggestions, 'a').reasons[0], {
      kind: 'crossSubject',
      subjects: ['Engels', 'wiskunde'],
    });
  });

  it('should say which subject is shared when a pair with the same subject cannot be avoided', () => {
    const suggestions = suggestPairs({
      teachers: [t({ userId: 'a', subjects: ['biologie', 'ANW'] }), t({ userId: 'b', subjects: ['Biologie'] })],
      previousPairs: [],
    });
    assert.deepEqual(suggestions[0]!.reasons, [{ kind: 'sharedSubject', subjects: ['Biologie'] }]);
  });

  it('should mix novices with experienced teachers when subjects give no preference', () => {
    const teachers = [
      t({ userId: 'a', subjects: ['nl'], yearsOfExperience: 1 }),
      t({ userId: 'b', subjects: ['en'], yearsOfExperience: 2 }),
      t({ userId: 'c', subjects: ['du'], yearsOfExperience: 20 }),
      t({ userId: 'd', subjects: ['fr'], yearsOfExperience: 25 }),
    ];
    const suggestions = suggestPairs({ teachers, previousPairs: [] });
    for (const s of suggestions) {
      const ys = s.memberIds.map((id) => teachers.find((x) => x.userId === id)!.yearsOfExperience);
      assert.ok(Math.min(...ys) <= 2 && Math.max(...ys) >= 20, JSON.stringify(s));
      assert.ok(s.reasons.some((r) => r.kind === 'experienceMix' && r.years.join() === ys.join()));
    }
  });

  it('should not name an experience mix when the difference is small', () => {
    const [s] = suggestPairs({
      teachers: [t({ userId: 'a', yearsOfExperience: 3 }), t({ userId: 'b', yearsOfExperience: 6 })],
      previousPairs: [],
    });
    assert.equal(reasonKinds(s!).includes('experienceMix'), false);
  });

  it('should honour a stated wish to learn from someone when everything else is equal', () => {
    const teachers = ['a', 'b', 'c', 'd'].map((userId) =>
      t({ userId, wouldLikeToLearnFrom: userId === 'b' ? ['d'] : [] }),
    );
    const suggestions = suggestPairs({ teachers, previousPairs: [] });
    assert.deepEqual(groupWith(suggestions, 'b').memberIds, ['b', 'd']);
    assert.deepEqual(groupWith(suggestions, 'b').reasons, [
      { kind: 'sharedSubject', subjects: ['wiskunde'] },
      { kind: 'preference', from: 'b', to: 'd' },
    ]);
  });

  it('should list both wishes when two teachers want to learn from each other', () => {
    const teachers = [
      t({ userId: 'a', wouldLikeToLearnFrom: ['c'] }),
      t({ userId: 'b' }),
      t({ userId: 'c', wouldLikeToLearnFrom: ['a'] }),
      t({ userId: 'd' }),
    ];
    const reasons = groupWith(suggestPairs({ teachers, previousPairs: [] }), 'a').reasons;
    assert.deepEqual(
      reasons.filter((r) => r.kind === 'preference'),
      [
        { kind: 'preference', from: 'a', to: 'c' },
        { kind: 'preference', from: 'c', to: 'a' },
      ],
    );
  });

  it("should not pair last programme's partners again when another partner is possible, even against every other criterion", () => {
    const teachers = [
      t({ userId: 'a', subjects: ['nl'], yearsOfExperience: 1, wouldLikeToLearnFrom: ['b'] }),
      t({ userId: 'b', subjects: ['en'], yearsOfExperience: 30, wouldLikeToLearnFrom: ['a'] }),
      t({ userId: 'c', subjects: ['nl'], yearsOfExperience: 1 }),
      t({ userId: 'd', subjects: ['nl'], yearsOfExperience: 1 }),
    ];
    const suggestions = suggestPairs({
      teachers,
      previousPairs: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    });
    assertPartition(teachers, suggestions);
    assert.equal(groupWith(suggestions, 'a').memberIds.includes('b'), false);
    assert.equal(groupWith(suggestions, 'c').memberIds.includes('d'), false);
    for (const s of suggestions) assert.ok(reasonKinds(s).includes('repeatAvoided'), JSON.stringify(s));
  });

  it('should say the repeat was unavoidable when only the previous partners are there', () => {
    const [s] = suggestPairs({ teachers: [t({ userId: 'a' }), t({ userId: 'b' })], previousPairs: [['b', 'a']] });
    assert.deepEqual(
      s!.reasons.filter((r) => r.kind === 'repeatUnavoidable'),
      [{ kind: 'repeatUnavoidable', memberIds: ['a', 'b'] }],
    );
  });

  it('should count a previous trio as previous partners when it held the same two teachers', () => {
    const teachers = ['a', 'b', 'c', 'd'].map((userId) => t({ userId }));
    const suggestions = suggestPairs({ teachers, previousPairs: [['a', 'b', 'c']] });
    assert.equal(groupWith(suggestions, 'd').memberIds.length, 2);
    const partnerOfD = groupWith(suggestions, 'd').memberIds.find((id) => id !== 'd')!;
    const rest = suggestions.find((s) => !s.memberIds.includes('d'))!;
    assert.ok(
      rest.reasons.some((r) => r.kind === 'repeatUnavoidable'),
      `two of a,b,c must repeat; d got ${partnerOfD}`,
    );
  });

  it('should make one trio with a trio reason when the number of teachers is odd', () => {
    const teachers = ['a', 'b', 'c', 'd', 'e'].map((userId) => t({ userId }));
    const suggestions = suggestPairs({ teachers, previousPairs: [] });
    assertPartition(teachers, suggestions);
    const trio = suggestions.find((s) => s.memberIds.length === 3)!;
    assert.ok(reasonKinds(trio).includes('trio'));
    assert.ok(suggestions.filter((s) => s.memberIds.length === 2).every((s) => !reasonKinds(s).includes('trio')));
  });

  it('should make one trio of all three when there are three teachers', () => {
    const suggestions = suggestPairs({ teachers: ['c', 'a', 'b'].map((userId) => t({ userId })), previousPairs: [] });
    assert.deepEqual(groupsOf(suggestions), [['a', 'b', 'c']]);
  });

  it('should put the teacher left over with the pair they fit best when forming the trio', () => {
    // e wants to learn from c and from d: one of them pairs with e, the other is left over and joins them.
    const teachers = ['a', 'b', 'c', 'd', 'e'].map((userId) =>
      t({ userId, wouldLikeToLearnFrom: userId === 'e' ? ['c', 'd'] : [] }),
    );
    const suggestions = suggestPairs({ teachers, previousPairs: [] });
    assertPartition(teachers, suggestions);
    assert.deepEqual(groupsOf(suggestions), [
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('should treat a teacher listed twice as one teacher when the input has duplicates', () => {
    const suggestions = suggestPairs({
      teachers: [t({ userId: 'a' }), t({ userId: 'b' }), t({ userId: 'a' })],
      previousPairs: [],
    });
    assert.deepEqual(groupsOf(suggestions), [['a', 'b']]);
  });

  it('should ignore a wish to learn from oneself or from someone not in the list', () => {
    const [s] = suggestPairs({
      teachers: [t({ userId: 'a', wouldLikeToLearnFrom: ['a', 'ghost'] }), t({ userId: 'b' })],
      previousPairs: [],
    });
    assert.equal(reasonKinds(s!).includes('preference'), false);
  });

  it('should give the same suggestions when the teachers come in another order', () => {
    const teachers = Array.from({ length: 13 }, (_, i) =>
      t({
        userId: `t${String(i).padStart(2, '0')}`,
        subjects: [['nl', 'en', 'wi', 'gs'][i % 4]!],
        yearsOfExperience: (i * 7) % 23,
        wouldLikeToLearnFrom: i % 5 === 0 ? [`t0${(i + 3) % 10}`] : [],
      }),
    );
    const previousPairs = [
      ['t00', 't01'],
      ['t02', 't03', 't04'],
    ];
    const expected = suggestPairs({ teachers, previousPairs });
    assert.deepEqual(suggestPairs({ teachers: [...teachers].reverse(), previousPairs }), expected);
    assert.deepEqual(
      suggestPairs({
        teachers: [...teachers.slice(5), ...teachers.slice(0, 5)],
        previousPairs: [...previousPairs].reverse(),
      }),
      expected,
    );
  });

  // How fast this is, is measured by `npm run bench -- --only pairing` (bench/pairing.ts), not here.
  it('should place all 41 teachers without a repeat when the whole team is suggested at once', () => {
    const teachers = Array.from({ length: 41 }, (_, i) =>
      t({
        userId: `u${i}`,
        subjects: [`s${i % 9}`],
        yearsOfExperience: (i * 13) % 35,
        wouldLikeToLearnFrom: [`u${(i * 7) % 41}`],
      }),
    );
    const previousPairs = Array.from({ length: 20 }, (_, i) => [`u${2 * i}`, `u${2 * i + 1}`]);
    const suggestions = suggestPairs({ teachers, previousPairs });
    assertPartition(teachers, suggestions);
    assert.ok(
      suggestions.every((s) => !reasonKinds(s).includes('repeatUnavoidable')),
      'no repeats needed with 41 teachers',
    );
  });

  describe('properties', () => {
    const teacherList = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 41 }).chain((ids) =>
      fc.record({
        teachers: fc.tuple(
          ...ids.map((userId) =>
            fc.record({
              userId: fc.constant(userId),
              name: fc.constant(userId),
              subjects: fc.array(fc.constantFrom('nl', 'en', 'wi', 'NL ', ''), { maxLength: 3 }),
              yearsOfExperience: fc.integer({ min: 0, max: 45 }),
              wouldLikeToLearnFrom: ids.length
                ? fc.array(fc.constantFrom(...ids), { maxLength: 2 })
                : fc.constant([] as string[]),
            }),
          ),
        ),
        previousPairs: ids.length
          ? fc.array(fc.array(fc.constantFrom(...ids), { minLength: 2, maxLength: 3 }), { maxLength: 25 })
          : fc.constant([] as string[][]),
        order: fc.array(fc.integer(), { minLength: ids.length, maxLength: ids.length }),
      }),
    );

    it('should place every teacher exactly once in groups of two with at most one trio when given any list of 0 to 41 teachers', () => {
      fc.assert(
        fc.property(teacherList, ({ teachers, previousPairs }) => {
          assertPartition(teachers, suggestPairs({ teachers, previousPairs }));
        }),
        { numRuns: 200 },
      );
    });

    it('should give the same answer when any teacher list is shuffled', () => {
      fc.assert(
        fc.property(teacherList, ({ teachers, previousPairs, order }) => {
          const shuffled = teachers
            .map((x, i) => [order[i]!, x] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, x]) => x);
          assert.deepEqual(
            suggestPairs({ teachers: shuffled, previousPairs }),
            suggestPairs({ teachers, previousPairs }),
          );
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('domain/pairing: describeReasons', () => {
  const names = { a: 'Anna', b: 'Bram', c: 'Cem' };

  it('should explain a pair in one Dutch line when the locale is nl', () => {
    const line = describeReasons(
      [
        { kind: 'crossSubject', subjects: ['Engels', 'wiskunde'] },
        { kind: 'experienceMix', years: [2, 15] },
        { kind: 'preference', from: 'a', to: 'b' },
        { kind: 'repeatAvoided' },
      ],
      'nl',
      names,
    );
    assert.equal(
      line,
      'Verschillende vakken (Engels en wiskunde); mix van ervaring (2 en 15 jaar); Anna wil graag leren van Bram; niet dezelfde partner als in het vorige traject.',
    );
  });

  it('should explain a pair in one English line when the locale is en', () => {
    const line = describeReasons(
      [
        { kind: 'sharedSubject', subjects: ['maths'] },
        { kind: 'repeatUnavoidable', memberIds: ['a', 'b'] },
      ],
      'en',
      names,
    );
    assert.equal(
      line,
      'Same subject (maths); Anna and Bram were already partners in the previous programme; it could not be avoided.',
    );
  });

  it('should name the trio and list three values when a group has three members', () => {
    assert.equal(
      describeReasons([{ kind: 'experienceMix', years: [1, 8, 30] }, { kind: 'trio' }], 'en', names),
      'A mix of experience (1, 8 and 30 years); a trio because the number of teachers is odd.',
    );
    assert.equal(describeReasons([{ kind: 'trio' }], 'nl', names), 'Een drietal omdat het aantal leraren oneven is.');
  });

  it('should fall back to the user id when a name is missing', () => {
    assert.equal(
      describeReasons([{ kind: 'preference', from: 'zz', to: 'c' }], 'en', names),
      'zz would like to learn from Cem.',
    );
  });

  it('should still give a line when there is no particular reason or no partner', () => {
    assert.equal(describeReasons([], 'nl', names), 'De best passende combinatie van wie er over was.');
    assert.equal(describeReasons([{ kind: 'noPartner' }], 'en', names), 'No partner yet: there is only one teacher.');
  });

  it('should describe every suggestion of a real run when the leader sees the list', () => {
    const teachers = [
      t({ userId: 'a', subjects: ['nl'] }),
      t({ userId: 'b', subjects: ['en'], yearsOfExperience: 20 }),
      t({ userId: 'c', subjects: ['nl'] }),
    ];
    for (const s of suggestPairs({ teachers, previousPairs: [] })) {
      for (const locale of ['nl', 'en'] as const) assert.match(describeReasons(s.reasons, locale, names), /^\S.*\.$/);
    }
  });
});

describe('domain/pairing: suggestJoin (a late joiner makes a pair a trio)', () => {
  const running = (id: string, ...members: PairingTeacher[]) => ({ id, members });
  const cases: {
    should: string;
    newcomer: PairingTeacher;
    pairs: { id: string; members: PairingTeacher[] }[];
    previousPairs?: string[][];
    pairId: string | undefined;
  }[] = [
    {
      should: 'choose the pair of other subjects',
      newcomer: t({ userId: 'n', subjects: ['Engels'] }),
      pairs: [
        running('pair-1', t({ userId: 'a', subjects: ['Engels'] }), t({ userId: 'b', subjects: ['Engels'] })),
        running('pair-2', t({ userId: 'c', subjects: ['wiskunde'] }), t({ userId: 'd', subjects: ['biologie'] })),
      ],
      pairId: 'pair-2',
    },
    {
      should: 'choose the pair someone would like to learn from',
      newcomer: t({ userId: 'n', wouldLikeToLearnFrom: ['a'] }),
      pairs: [
        running('pair-2', t({ userId: 'c' }), t({ userId: 'd' })),
        running('pair-1', t({ userId: 'a' }), t({ userId: 'b' })),
      ],
      pairId: 'pair-1',
    },
    {
      should: 'skip a trio (it is full)',
      newcomer: t({ userId: 'n', wouldLikeToLearnFrom: ['a'] }),
      pairs: [
        running('pair-1', t({ userId: 'a' }), t({ userId: 'b' }), t({ userId: 'e' })),
        running('pair-2', t({ userId: 'c' }), t({ userId: 'd' })),
      ],
      pairId: 'pair-2',
    },
    {
      should: 'avoid last programme’s partner',
      newcomer: t({ userId: 'n' }),
      pairs: [
        running('pair-1', t({ userId: 'a' }), t({ userId: 'b' })),
        running('pair-2', t({ userId: 'c' }), t({ userId: 'd' })),
      ],
      previousPairs: [['n', 'a']],
      pairId: 'pair-2',
    },
    {
      should: 'break a tie by pair id',
      newcomer: t({ userId: 'n' }),
      pairs: [
        running('pair-b', t({ userId: 'c' }), t({ userId: 'd' })),
        running('pair-a', t({ userId: 'a' }), t({ userId: 'b' })),
      ],
      pairId: 'pair-a',
    },
    {
      should: 'suggest nothing when every pair is a trio',
      newcomer: t({ userId: 'n' }),
      pairs: [running('pair-1', t({ userId: 'a' }), t({ userId: 'b' }), t({ userId: 'c' }))],
      pairId: undefined,
    },
  ];
  for (const c of cases) {
    it(`should ${c.should} when one teacher has nobody to pair with`, () => {
      const join = suggestJoin({ newcomer: c.newcomer, pairs: c.pairs, previousPairs: c.previousPairs ?? [] });
      assert.equal(join?.pairId, c.pairId);
      if (join) {
        assert.equal(join.reasons[0]?.kind, 'joinsPair');
        assert.ok(!join.reasons.some((r) => r.kind === 'trio'));
        assert.equal(join.memberIds[0], 'n');
      }
    });
  }

  it('should explain the join in one line in both languages', () => {
    assert.match(describeReasons([{ kind: 'joinsPair' }], 'nl', {}), /^Komt erbij als derde; de bezoeken/);
    assert.match(describeReasons([{ kind: 'joinsPair' }], 'en', {}), /^Joins as the third member; the visits/);
  });
});
