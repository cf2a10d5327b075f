/**
 * Issue 9 item 7: one name rule for the whole product — the roster's name, else the profile's,
 * else the name Teams sent, else the caller's "your colleague" — as a table, and the lookup on a
 * real store (a profile is read only for someone the roster gave no name).
 */
import { strict as assert } from 'node:assert';
import { addMembership } from '../../../src/app/membership';
import { nameOf } from '../../../src/app/nudges/school-data';
import { chooseName, knownPeople, type NameSources } from '../../../src/app/people/names';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { buildProfile } from '../../domain/builders';
import { NOW } from '../../teams/programme-world';

describe('the one name rule (chooseName)', () => {
  const cases: { should: string; sources: NameSources; name: string | undefined }[] = [
    {
      should: 'take the roster name over the profile and Teams',
      sources: { roster: 'Sam Jones', profile: 'Sam', teams: 'S. Jones' },
      name: 'Sam Jones',
    },
    {
      should: 'take the profile name without a roster name',
      sources: { profile: 'Sam', teams: 'S. Jones' },
      name: 'Sam',
    },
    { should: 'take the name Teams sent when nothing else is known', sources: { teams: 'S. Jones' }, name: 'S. Jones' },
    { should: 'skip an empty or blank roster name', sources: { roster: '  ', profile: 'Sam' }, name: 'Sam' },
    { should: 'trim what it shows', sources: { roster: ' Sam Jones ' }, name: 'Sam Jones' },
    {
      should: 'know no name when every source is empty',
      sources: { roster: '', profile: '', teams: '' },
      name: undefined,
    },
  ];
  for (const c of cases) it(`should ${c.should}`, () => assert.equal(chooseName(c.sources), c.name));
});

describe('the jobs name people by the same rule (nameOf: digest, nudges)', () => {
  const people = new Map([
    ['sam', { name: '', rosterName: 'Sam Jones' }],
    ['kim', { name: 'Kim (Teams)' }],
  ]);
  const profiles = [buildProfile({ userId: 'kim', name: 'Kim' }), buildProfile({ userId: 'sam', name: 'Sam' })];
  const cases: { id: string; locale: 'nl' | 'en'; shown: string }[] = [
    { id: 'sam', locale: 'en', shown: 'Sam Jones' },
    { id: 'kim', locale: 'en', shown: 'Kim' },
    { id: 'nobody', locale: 'en', shown: 'your colleague' },
    { id: 'nobody', locale: 'nl', shown: 'je collega' },
  ];
  for (const c of cases)
    it(`should show ${c.id} as "${c.shown}" in ${c.locale}`, () =>
      assert.equal(nameOf(c.id, profiles, people, c.locale), c.shown));

  it('should escape markdown in a name for the card text', () => {
    assert.equal(
      nameOf('x', [], new Map([['x', { name: '', rosterName: 'Jan_de_Vries (ICT)' }]]), 'en'),
      'Jan\\_de\\_Vries \\(ICT\\)',
    );
  });
});

describe('knownPeople on a store', () => {
  let store: Store;
  const partition = 'tenant-test';
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.init();
  });
  afterEach(async () => store.close());

  it('should find the roster name on the membership, else the profile, and read no profile for someone the roster names', async () => {
    await addMembership(store, partition, 'tenant', 'sam', 'school-1', NOW, 'Sam Jones');
    await store.create(buildProfile({ id: 'profile-sam', schoolId: 'school-1', userId: 'sam', name: 'Sam' }));
    await store.create(buildProfile({ id: 'profile-kim', schoolId: 'school-1', userId: 'kim', name: 'Kim' }));
    const queries: string[] = [];
    const counting: Store = Object.create(store, {
      query: {
        value: (schoolId: string, q: { type: string; personId?: string }) => (
          queries.push(`${q.type}:${q.personId}`),
          store.query(schoolId, q as never)
        ),
      },
    });
    const people = await knownPeople(counting, { schoolId: 'school-1', tenantPartition: partition }, [
      'sam',
      'kim',
      'lee',
    ]);
    assert.equal(people.get('sam')?.name, 'Sam Jones');
    assert.equal(people.get('kim')?.name, 'Kim');
    assert.equal(people.get('lee')?.name, undefined);
    assert.ok(!queries.includes('profile:sam'), `no profile read for Sam: ${queries.join(', ')}`);
    const live = await knownPeople(
      store,
      { schoolId: 'school-1', tenantPartition: partition, roster: new Map([['kim', 'Kim Live']]) },
      ['kim'],
    );
    assert.equal(live.get('kim')?.name, 'Kim Live', 'a roster just listed wins');
  });
});
