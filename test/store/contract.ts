/**
 * The Store contract: one suite that every adapter (SQLite, Cosmos DB) must pass unchanged.
 * Run it from an adapter's test file with a factory that gives a fresh, initialised store.
 */
import { strict as assert } from 'node:assert';
import type { SchoolDocument } from '../../src/domain/entities';
import { readModifyWrite } from '../../src/store/store';
import { isStoreError, type Store, type StoreErrorCode } from '../../src/store/store';
import { privacyContract } from './privacy-contract';
import { builders, buildNudge, buildObservation, buildPair, buildProfile, buildVisit, documentTypes } from './builders';

export interface StoreUnderTest {
  readonly store: Store;
  /** Closes the store and opens a new one on the same data (a restart of the process). */
  readonly reopen?: () => Promise<Store>;
  readonly cleanup: () => Promise<void>;
}

/** What the caller gave, without the store's concurrency token. */
function content<T extends { version?: string }>(doc: T): Omit<T, 'version'> {
  const { version: _version, ...rest } = doc;
  return rest;
}

async function rejectsWith(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isStoreError(error), `expected a StoreError, got ${String(error)}`);
    assert.equal(error.code, code, `expected StoreError '${code}', got '${error.code}': ${error.message}`);
    return true;
  });
}

const ids = (docs: readonly { id: string }[]): string[] => docs.map((d) => d.id).sort();

export function storeContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let ctx: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      ctx = await makeStore();
      store = ctx.store;
    });

    afterEach(async () => {
      await ctx.cleanup();
    });

    describe('create, read, replace and delete of every document type', () => {
      for (const type of documentTypes) {
        it(`should round-trip a ${type} through create, read, replace and delete`, async () => {
          const { build, change } = builders[type] as { build: () => SchoolDocument; change: Partial<SchoolDocument> };
          const doc = build();

          const created = await store.create(doc);
          assert.equal(typeof created.version, 'string');
          assert.ok(created.version.length > 0, 'create should return a version');
          assert.deepEqual(content(created), doc);

          const read = await store.read(doc.schoolId, type, doc.id);
          assert.ok(read, `should read the ${type} back`);
          assert.deepEqual(content(read), doc);
          assert.equal(read.version, created.version);
          assert.deepEqual(
            Object.keys(read).filter((key) => key.startsWith('_')),
            [],
            'no system properties should leak',
          );

          const changed = { ...read, ...change } as typeof read;
          const replaced = await store.replace(changed);
          assert.notEqual(replaced.version, read.version, 'replace should give a new version');
          assert.deepEqual(content(replaced), content(changed));
          const reread = await store.read(doc.schoolId, type, doc.id);
          assert.ok(reread);
          assert.deepEqual(content(reread), content(changed));
          assert.equal(reread.version, replaced.version);

          await store.delete(doc.schoolId, doc.id, reread.version);
          assert.equal(await store.read(doc.schoolId, type, doc.id), undefined);
        });
      }

      it('should answer undefined when reading an id that does not exist', async () => {
        assert.equal(await store.read('school-a', 'visit', 'no-such-visit'), undefined);
      });

      it('should answer undefined when reading a document as another type', async () => {
        await store.create(buildVisit());
        assert.equal(await store.read('school-a', 'observation', 'visit-1'), undefined);
        assert.ok(await store.read('school-a', 'visit', 'visit-1'));
      });

      it('should not read a document through another school', async () => {
        await store.create(buildVisit({ schoolId: 'school-a' }));
        assert.equal(await store.read('school-b', 'visit', 'visit-1'), undefined);
      });

      it('should keep the same id in two schools as two documents', async () => {
        await store.create(buildVisit({ schoolId: 'school-a', lesson: 'A' }));
        await store.create(buildVisit({ schoolId: 'school-b', lesson: 'B' }));
        assert.equal((await store.read('school-a', 'visit', 'visit-1'))?.lesson, 'A');
        assert.equal((await store.read('school-b', 'visit', 'visit-1'))?.lesson, 'B');
        await store.delete('school-a', 'visit-1');
        assert.equal(await store.read('school-a', 'visit', 'visit-1'), undefined);
        assert.equal((await store.read('school-b', 'visit', 'visit-1'))?.lesson, 'B');
      });

      it('should refuse a document without a valid id or schoolId as invalid', async () => {
        await rejectsWith(store.create(buildVisit({ id: 'a/b' })), 'invalid');
        await rejectsWith(store.create(buildVisit({ id: '' })), 'invalid');
        await rejectsWith(store.create(buildVisit({ schoolId: '' })), 'invalid');
      });

      it('should ignore a version given to create and return its own', async () => {
        const created = await store.create({ ...buildVisit(), version: 'made-up' });
        assert.notEqual(created.version, 'made-up');
        const read = await store.read('school-a', 'visit', 'visit-1');
        assert.equal(read?.version, created.version);
      });
    });

    describe('create-if-absent', () => {
      it('should refuse a second create of the same id with "exists" and keep the first', async () => {
        const first = await store.create(buildNudge({ status: 'pending' }));
        await rejectsWith(store.create(buildNudge({ status: 'sent' })), 'exists');
        const stored = await store.read('school-a', 'nudge', first.id);
        assert.equal(stored?.status, 'pending');
        assert.equal(stored?.version, first.version);
      });

      it('should create each document of createEach and answer "exists" for an id that is taken, keeping the first', async () => {
        const taken = await store.create(buildNudge({ status: 'sent' }));
        const fresh = buildNudge({ id: 'nudge-pair-1-noObservation-2025-W10-anna', kind: 'noObservation' });
        const other = buildNudge({
          id: 'nudge-pair-2-noVisitPlanned-2025-W10-bram',
          pairId: 'pair-2',
          recipientId: 'bram',
          personIds: ['bram'],
        });
        const outcomes = await store.createEach([
          fresh,
          buildNudge({ status: 'pending' }),
          other,
          { ...other, status: 'sent' },
        ]);
        assert.equal(outcomes.length, 4);
        assert.ok('created' in outcomes[0]! && outcomes[0].created.id === fresh.id && outcomes[0].created.version);
        assert.deepEqual(outcomes[1], { exists: true }, 'the id that was taken');
        assert.ok('created' in outcomes[2]! && outcomes[2].created.id === other.id);
        assert.deepEqual(outcomes[3], { exists: true }, 'the same id twice in one call: the first wins');
        assert.equal((await store.read('school-a', 'nudge', taken.id))?.status, 'sent', 'the first stays');
        const created = outcomes[2] as { created: { version: string } };
        const stored = await store.read('school-a', 'nudge', other.id);
        assert.equal(stored?.status, 'pending');
        assert.equal(stored?.version, created.created.version, 'the version it answered is the stored one');
        assert.deepEqual(ids(await store.query('school-a', { type: 'nudge', personId: 'bram' })), [other.id]);
        assert.deepEqual(await store.createEach([]), []);
      });

      it('should refuse a createEach with an invalid document as invalid and write none of it', async () => {
        const fresh = buildNudge({ id: 'nudge-pair-1-noObservation-2025-W10-anna' });
        await rejectsWith(store.createEach([fresh, buildNudge({ id: 'not valid' })]), 'invalid');
        assert.equal(await store.read('school-a', 'nudge', fresh.id), undefined);
      });

      it('should let exactly one of many simultaneous creates of one id win', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 5 }, (_, n) => store.create(buildNudge({ recipientId: `r${n}` }))),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 4);
        for (const r of lost) assert.ok(isStoreError((r as PromiseRejectedResult).reason, 'exists'));
        const stored = await store.read('school-a', 'nudge', buildNudge().id);
        assert.equal(
          stored?.recipientId,
          (won[0] as PromiseFulfilledResult<{ recipientId: string }>).value.recipientId,
        );
      });

      it('should allow a create again after a delete, without reviving the old version', async () => {
        const first = await store.create(buildVisit({ lesson: 'first' }));
        await store.delete('school-a', 'visit-1');
        const second = await store.create(buildVisit({ lesson: 'second' }));
        assert.notEqual(second.version, first.version);
        await rejectsWith(store.replace({ ...first, lesson: 'stale' }), 'conflict');
        assert.equal((await store.read('school-a', 'visit', 'visit-1'))?.lesson, 'second');
      });
    });

    describe('optimistic concurrency', () => {
      it('should refuse a replace with a stale version as "conflict" and leave the stored document unchanged', async () => {
        const created = await store.create(buildVisit({ state: 'proposed' }));
        const winner = await store.replace({ ...created, state: 'confirmed' });
        await rejectsWith(store.replace({ ...created, state: 'cancelled' }), 'conflict');
        const stored = await store.read('school-a', 'visit', 'visit-1');
        assert.equal(stored?.state, 'confirmed');
        assert.equal(stored?.version, winner.version);
      });

      it('should refuse a replace with a made-up version as "conflict"', async () => {
        const created = await store.create(buildVisit());
        await rejectsWith(store.replace({ ...created, version: 'not-a-version', state: 'cancelled' }), 'conflict');
        assert.equal((await store.read('school-a', 'visit', 'visit-1'))?.state, 'proposed');
      });

      it('should let exactly one of two simultaneous replaces of one version win', async () => {
        const created = await store.create(buildCycle0());
        const results = await Promise.allSettled([
          store.replace({ ...created, visitsCompleted: 1 }),
          store.replace({ ...created, visitsCompleted: 2 }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        assert.equal(won.length, 1, 'one replace should win');
        assert.equal(lost.length, 1, 'one replace should lose');
        assert.ok(isStoreError((lost[0] as PromiseRejectedResult).reason, 'conflict'));
        const stored = await store.read('school-a', 'cycle', 'cycle-1');
        assert.equal(
          stored?.visitsCompleted,
          (won[0] as PromiseFulfilledResult<{ visitsCompleted: number }>).value.visitsCompleted,
        );
      });

      it('should refuse a replace of a document that does not exist as "not_found"', async () => {
        const created = await store.create(buildVisit());
        await store.delete('school-a', 'visit-1');
        await rejectsWith(store.replace({ ...created, state: 'confirmed' }), 'not_found');
        assert.equal(await store.read('school-a', 'visit', 'visit-1'), undefined);
      });

      it('should accept a chain of replaces, each with the version the previous one returned', async () => {
        let current = await store.create(buildCycle0());
        for (let n = 1; n <= 3; n++) current = await store.replace({ ...current, visitsCompleted: n });
        const stored = await store.read('school-a', 'cycle', 'cycle-1');
        assert.equal(stored?.visitsCompleted, 3);
        assert.equal(stored?.version, current.version);
      });
    });

    describe('upsert', () => {
      it('should create a document when absent and overwrite it when present, whatever its version', async () => {
        const first = await store.upsert(builders.personReference.build({ name: 'Anna' }));
        assert.equal((await store.read('school-a', 'personReference', 'ref-anna'))?.name, 'Anna');
        const second = await store.upsert({
          ...builders.personReference.build({ name: 'Anna de Vries' }),
          version: 'stale',
        });
        assert.notEqual(second.version, first.version);
        const stored = await store.read('school-a', 'personReference', 'ref-anna');
        assert.equal(stored?.name, 'Anna de Vries');
        assert.equal(stored?.version, second.version);
        await rejectsWith(store.replace({ ...first, name: 'old' }), 'conflict');
      });

      it('should keep one document for many upserts of one id (never duplicates)', async () => {
        for (let n = 0; n < 3; n++) await store.upsert(builders.personReference.build({ name: `Anna ${n}` }));
        const all = await store.query('school-a', { type: 'personReference' });
        assert.deepEqual(ids(all), ['ref-anna']);
        assert.equal(all[0]?.name, 'Anna 2');
      });

      it('should update what queries find after an upsert changes the indexed fields', async () => {
        await store.upsert(buildVisit({ pairId: 'pair-1', personIds: ['anna', 'bram'] }));
        await store.upsert(buildVisit({ pairId: 'pair-2', personIds: ['carla'] }));
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', pairId: 'pair-1' })), []);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', pairId: 'pair-2' })), ['visit-1']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', personId: 'anna' })), []);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', personId: 'carla' })), ['visit-1']);
      });
    });

    describe('delete', () => {
      it('should refuse a delete with a stale version as "conflict" and keep the document', async () => {
        const created = await store.create(buildVisit());
        const replaced = await store.replace({ ...created, state: 'confirmed' });
        await rejectsWith(store.delete('school-a', 'visit-1', created.version), 'conflict');
        const stored = await store.read('school-a', 'visit', 'visit-1');
        assert.equal(stored?.version, replaced.version);
        await store.delete('school-a', 'visit-1', replaced.version);
        assert.equal(await store.read('school-a', 'visit', 'visit-1'), undefined);
      });

      it('should treat deleting an absent document as done, with or without a version', async () => {
        await store.delete('school-a', 'nothing-here');
        await store.delete('school-a', 'nothing-here', '12345');
      });

      it('should remove a deleted document from queries', async () => {
        await store.create(buildVisit({ id: 'v1' }));
        await store.create(buildVisit({ id: 'v2' }));
        await store.delete('school-a', 'v1');
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit' })), ['v2']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', personId: 'anna' })), ['v2']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', pairId: 'pair-1' })), ['v2']);
      });
    });

    describe('queries', () => {
      beforeEach(async () => {
        // School A: two pairs; school B: a look-alike pair with the same ids and people.
        await store.create(buildPair({ id: 'pair-1', pairId: 'pair-1', personIds: ['anna', 'bram'] }));
        await store.create(
          buildPair({ id: 'pair-2', pairId: 'pair-2', personIds: ['carla', 'daan', 'eva'], status: 'closed' }),
        );
        await store.create(
          buildVisit({
            id: 'v1',
            pairId: 'pair-1',
            personIds: ['anna', 'bram'],
            sequence: 1,
            state: 'debriefed',
            video: true,
          }),
        );
        await store.create(
          buildVisit({ id: 'v2', pairId: 'pair-1', personIds: ['anna', 'bram'], sequence: 2, state: 'proposed' }),
        );
        await store.create(
          buildVisit({ id: 'v3', pairId: 'pair-2', personIds: ['carla', 'daan'], sequence: 1, state: 'proposed' }),
        );
        await store.create(
          buildObservation({ id: 'o1', pairId: 'pair-1', personIds: ['anna', 'bram'], visitId: 'v1' }),
        );
        await store.create(buildProfile({ id: 'profile-anna', personIds: ['anna'], userId: 'anna' }));
        await store.create(
          buildPair({ schoolId: 'school-b', id: 'pair-1', pairId: 'pair-1', personIds: ['anna', 'bram'] }),
        );
        await store.create(
          buildVisit({
            schoolId: 'school-b',
            id: 'v9',
            pairId: 'pair-1',
            personIds: ['anna', 'bram'],
            state: 'proposed',
          }),
        );
      });

      it('should find all documents of a type in a school, and only that type', async () => {
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit' })), ['v1', 'v2', 'v3']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'pair' })), ['pair-1', 'pair-2']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'observation' })), ['o1']);
        assert.deepEqual(await store.query('school-a', { type: 'nudge' }), []);
      });

      it('should find the documents of a pair', async () => {
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', pairId: 'pair-1' })), ['v1', 'v2']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', pairId: 'pair-2' })), ['v3']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'observation', pairId: 'pair-1' })), ['o1']);
        assert.deepEqual(await store.query('school-a', { type: 'visit', pairId: 'pair-9' }), []);
      });

      it('should find the documents of a person through personIds', async () => {
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', personId: 'anna' })), ['v1', 'v2']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', personId: 'daan' })), ['v3']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'pair', personId: 'eva' })), ['pair-2']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'profile', personId: 'anna' })), ['profile-anna']);
        assert.deepEqual(await store.query('school-a', { type: 'visit', personId: 'eva' }), []);
        assert.deepEqual(await store.query('school-a', { type: 'visit', personId: 'ann' }), [], 'no partial matches');
      });

      it('should filter on equality of top-level fields with where (text, number, boolean)', async () => {
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', where: { state: 'proposed' } })), [
          'v2',
          'v3',
        ]);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', where: { sequence: 2 } })), ['v2']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', where: { video: true } })), ['v1']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'visit', where: { video: false } })), ['v2', 'v3']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'pair', where: { status: 'active' } })), ['pair-1']);
        assert.deepEqual(await store.query('school-a', { type: 'visit', where: { state: 'cancelled' } }), []);
        assert.deepEqual(
          await store.query('school-a', { type: 'visit', where: { sequence: '2' } }),
          [],
          'a number is not text',
        );
      });

      it('should combine pair, person and where filters', async () => {
        assert.deepEqual(
          ids(
            await store.query('school-a', {
              type: 'visit',
              pairId: 'pair-1',
              personId: 'bram',
              where: { state: 'proposed', sequence: 2 },
            }),
          ),
          ['v2'],
        );
        assert.deepEqual(await store.query('school-a', { type: 'visit', pairId: 'pair-2', personId: 'anna' }), []);
      });

      it("should never return another school's documents", async () => {
        const inA = [
          ...(await store.query('school-a', { type: 'visit' })),
          ...(await store.query('school-a', { type: 'visit', pairId: 'pair-1' })),
          ...(await store.query('school-a', { type: 'visit', personId: 'anna' })),
          ...(await store.query('school-a', { type: 'pair', where: { status: 'active' } })),
        ];
        assert.ok(inA.length > 0);
        assert.ok(
          inA.every((doc) => doc.schoolId === 'school-a'),
          'school A got a document of another school',
        );
        assert.deepEqual(ids(await store.query('school-b', { type: 'visit' })), ['v9']);
        assert.deepEqual(ids(await store.query('school-b', { type: 'pair', personId: 'anna' })), ['pair-1']);
        assert.deepEqual(await store.query('school-c', { type: 'visit' }), []);
      });

      it('should query across all schools only when asked to', async () => {
        const visits = await store.queryAllSchools({ type: 'visit', where: { state: 'proposed' } });
        assert.deepEqual(visits.map((v) => `${v.schoolId}/${v.id}`).sort(), [
          'school-a/v2',
          'school-a/v3',
          'school-b/v9',
        ]);
        const annasPairs = await store.queryAllSchools({ type: 'pair', personId: 'anna' });
        assert.deepEqual(annasPairs.map((p) => `${p.schoolId}/${p.id}`).sort(), ['school-a/pair-1', 'school-b/pair-1']);
      });

      it('should return documents with versions that a replace accepts', async () => {
        const [v2] = await store.query('school-a', { type: 'visit', where: { sequence: 2 } });
        assert.ok(v2);
        assert.deepEqual(
          Object.keys(v2).filter((key) => key.startsWith('_')),
          [],
        );
        const replaced = await store.replace({ ...v2, state: 'confirmed' });
        assert.equal((await store.read('school-a', 'visit', 'v2'))?.version, replaced.version);
        const [fromAll] = await store.queryAllSchools({ type: 'visit', where: { state: 'confirmed' } });
        assert.equal(fromAll?.version, replaced.version);
      });

      it('should refuse a where on a field name that is not letters and digits', async () => {
        await rejectsWith(store.query('school-a', { type: 'visit', where: { 'state) OR (1': 'x' } }), 'invalid');
        await rejectsWith(store.queryAllSchools({ type: 'visit', where: { 'a"]': 'x' } }), 'invalid');
      });

      it('should treat query values as data, never as query text', async () => {
        assert.deepEqual(await store.query('school-a', { type: 'visit', where: { state: "proposed' OR '1'='1" } }), []);
        assert.deepEqual(await store.query("school-a' OR '1'='1", { type: 'visit' }), []);
      });
    });

    describe('partition reads', () => {
      beforeEach(async () => {
        await store.create(buildPair({ id: 'pair-1', pairId: 'pair-1', personIds: ['anna', 'bram'] }));
        await store.create(buildPair({ id: 'pair-2', pairId: 'pair-2', personIds: ['carla'], status: 'closed' }));
        await store.create(buildVisit({ id: 'v1', pairId: 'pair-1', state: 'debriefed', sequence: 1, video: true }));
        await store.create(buildVisit({ id: 'v2', pairId: 'pair-1', state: 'proposed', sequence: 2 }));
        await store.create(buildObservation({ id: 'o1', pairId: 'pair-1', visitId: 'v1' }));
        await store.create(
          buildNudge({ id: 'n-old', period: '2025-W01', status: 'sent', sentAt: '2025-01-02T08:00:00Z' }),
        );
        await store.create(
          buildNudge({ id: 'n-recent', period: '2025-W09', status: 'sent', sentAt: '2025-02-27T08:00:00Z' }),
        );
        await store.create(buildNudge({ id: 'n-now', period: '2025-W10', status: 'pending' }));
        await store.create(buildPair({ schoolId: 'school-b', id: 'pair-1', pairId: 'pair-1' }));
        await store.create(buildVisit({ schoolId: 'school-b', id: 'v9', pairId: 'pair-1' }));
      });

      it('should return every selected type of one school in one read, grouped by type in id order', async () => {
        const read = await store.readPartition('school-a', [{ type: 'pair' }, { type: 'visit' }, { type: 'cycle' }]);
        assert.deepEqual(Object.keys(read).sort(), ['cycle', 'pair', 'visit']);
        assert.deepEqual(
          read.pair.map((p) => p.id),
          ['pair-1', 'pair-2'],
        );
        assert.deepEqual(
          read.visit.map((v) => v.id),
          ['v1', 'v2'],
        );
        assert.deepEqual(read.cycle, [], 'a selected type without documents should be an empty list');
        assert.ok(
          [...read.pair, ...read.visit].every((doc) => doc.schoolId === 'school-a'),
          'a partition read returned a document of another school',
        );
        assert.equal((read as Record<string, unknown>).observation, undefined, 'types not selected stay out');
      });

      it('should narrow each selection by equality, any-of lists and lower bounds', async () => {
        const read = await store.readPartition('school-a', [
          { type: 'pair', where: { status: 'active' } },
          { type: 'visit', where: { state: ['proposed', 'confirmed'], video: false } },
          { type: 'nudge', atLeast: { sentAt: '2025-02-01T00:00:00Z' } },
        ]);
        assert.deepEqual(
          read.pair.map((p) => p.id),
          ['pair-1'],
        );
        assert.deepEqual(
          read.visit.map((v) => v.id),
          ['v2'],
        );
        assert.deepEqual(
          read.nudge.map((n) => n.id),
          ['n-recent'],
          'a document without the bounded field should not match',
        );
        const numbers = await store.readPartition('school-a', [{ type: 'visit', atLeast: { sequence: 2 } }]);
        assert.deepEqual(
          numbers.visit.map((v) => v.id),
          ['v2'],
        );
        const text = await store.readPartition('school-a', [{ type: 'visit', where: { sequence: ['2'] } }]);
        assert.deepEqual(text.visit, [], 'a number is not text');
      });

      it('should return a document once when two selections of its type match it', async () => {
        const read = await store.readPartition('school-a', [
          { type: 'nudge', where: { period: '2025-W10' } },
          { type: 'nudge', where: { status: 'sent' }, atLeast: { sentAt: '2025-02-01T00:00:00Z' } },
          { type: 'nudge', where: { period: ['2025-W09', '2025-W10'] } },
        ]);
        assert.deepEqual(
          read.nudge.map((n) => n.id),
          ['n-now', 'n-recent'],
        );
      });

      it("should narrow a selection to one person's documents, and read one pair's documents", async () => {
        const read = await store.readPartition('school-a', [
          { type: 'pair', personId: 'carla' },
          { type: 'visit', personId: 'anna', where: { state: 'proposed' } },
          { type: 'nudge', personId: 'nobody' },
        ]);
        assert.deepEqual(
          read.pair.map((p) => p.id),
          ['pair-2'],
        );
        assert.deepEqual(
          read.visit.map((v) => v.id),
          ['v2'],
        );
        assert.deepEqual(read.nudge, []);
        const ofPair = await store.readPartition('school-a', [
          { type: 'visit', where: { pairId: 'pair-1' } },
          { type: 'observation', where: { pairId: 'pair-1' } },
        ]);
        assert.deepEqual(
          [...ofPair.visit, ...ofPair.observation].map((d) => `${d.schoolId}/${d.id}`),
          ['school-a/v1', 'school-a/v2', 'school-a/o1'],
        );
        const none = await store.readPartition('school-a', [{ type: 'visit', where: { pairId: 'pair-2' } }]);
        assert.deepEqual(none.visit, []);
        await rejectsWith(store.readPartition('school-a', [{ type: 'pair', personId: '' }]), 'invalid');
      });

      it('should read documents by their ids, in one partition and of the selected type only', async () => {
        const read = await store.readPartition('school-a', [
          { type: 'visit', where: { id: ['v2', 'v9', 'absent'] } },
          { type: 'pair', where: { id: 'pair-1' } },
          { type: 'cycle', where: { id: ['v1'] } },
        ]);
        assert.deepEqual(
          read.visit.map((v) => `${v.schoolId}/${v.id}`),
          ['school-a/v2'],
          "another school's document and an absent id should not be read",
        );
        assert.deepEqual(
          read.pair.map((p) => `${p.schoolId}/${p.id}`),
          ['school-a/pair-1'],
        );
        assert.deepEqual(read.cycle, [], 'a document of another type should not match its id');
        assert.equal(read.visit[0]?.version, (await store.read('school-a', 'visit', 'v2'))?.version);
        const twice = await store.readPartition('school-a', [
          { type: 'visit', where: { id: ['v2', 'v2', 'no/such id'] } },
          { type: 'visit', where: { id: 'v2' } },
        ]);
        assert.deepEqual(
          twice.visit.map((v) => v.id),
          ['v2'],
          'a document asked for twice should be read once, an id no document can have found nowhere',
        );
      });

      it('should return documents with versions that a replace accepts', async () => {
        const read = await store.readPartition('school-a', [{ type: 'visit', where: { sequence: 2 } }]);
        const [v2] = read.visit;
        assert.ok(v2);
        assert.deepEqual(
          Object.keys(v2).filter((key) => key.startsWith('_')),
          [],
        );
        assert.equal(v2.version, (await store.read('school-a', 'visit', 'v2'))?.version);
        await store.replace({ ...v2, state: 'confirmed' });
        await rejectsWith(store.replace({ ...v2, state: 'cancelled' }), 'conflict');
      });

      it('should refuse an empty read, an empty any-of list and field names that are not letters and digits', async () => {
        await rejectsWith(store.readPartition('school-a', []), 'invalid');
        await rejectsWith(store.readPartition('school-a', [{ type: 'visit', where: { state: [] } }]), 'invalid');
        await rejectsWith(store.readPartition('school-a', [{ type: 'visit', where: { 'a"]': 'x' } }]), 'invalid');
        await rejectsWith(
          store.readPartition('school-a', [{ type: 'visit', atLeast: { "x') OR 1": 'x' } }]),
          'invalid',
        );
      });

      it('should treat values as data, never as query text', async () => {
        const read = await store.readPartition("school-a' OR '1'='1", [{ type: 'visit' }]);
        assert.deepEqual(read.visit, []);
        const hostile = await store.readPartition('school-a', [{ type: 'visit', where: { state: ["x' OR '1'='1"] } }]);
        assert.deepEqual(hostile.visit, []);
      });
    });

    describe('reading again (what a store keeps after a read is never older than what it wrote)', () => {
      const byId = (id: string) => store.readPartition('school-a', [{ type: 'visit', where: { id } }]);

      it('should answer reads by id after each kind of write with what was written', async () => {
        assert.equal(await store.read('school-a', 'visit', 'v1'), undefined);
        assert.deepEqual((await byId('v1')).visit, []);
        const created = await store.create(buildVisit({ id: 'v1', state: 'proposed' }));
        assert.equal((await store.read('school-a', 'visit', 'v1'))?.state, 'proposed', 'created after an absent read');
        assert.deepEqual((await byId('v1')).visit, [created]);

        const replaced = await store.replace({ ...created, state: 'confirmed' });
        assert.deepEqual(await store.read('school-a', 'visit', 'v1'), replaced);
        assert.deepEqual((await byId('v1')).visit, [replaced]);

        const upserted = await store.upsert(buildVisit({ id: 'v1', state: 'observed' }));
        assert.deepEqual(await store.read('school-a', 'visit', 'v1'), upserted);
        assert.deepEqual((await byId('v1')).visit, [upserted]);

        await store.delete('school-a', 'v1');
        assert.equal(await store.read('school-a', 'visit', 'v1'), undefined);
        assert.deepEqual((await byId('v1')).visit, []);

        assert.deepEqual((await byId('v2')).visit, []);
        const [outcome] = await store.createEach([buildVisit({ id: 'v2' })]);
        assert.ok(outcome && 'created' in outcome);
        assert.deepEqual((await byId('v2')).visit, [outcome.created]);
        assert.deepEqual(await store.read('school-a', 'visit', 'v2'), outcome.created);
      });

      it('should answer by what is stored after a write that failed, and by the new type after a write changed it', async () => {
        const created = await store.create(buildVisit({ id: 'v1', state: 'proposed' }));
        const replaced = await store.replace({ ...created, state: 'confirmed' });
        assert.deepEqual(await store.read('school-a', 'visit', 'v1'), replaced);
        await rejectsWith(store.replace({ ...created, state: 'cancelled' }), 'conflict');
        await rejectsWith(store.create(buildVisit({ id: 'v1', state: 'cancelled' })), 'exists');
        assert.deepEqual(await store.read('school-a', 'visit', 'v1'), replaced);
        assert.deepEqual((await byId('v1')).visit, [replaced]);

        // The same id as another type: the visit is gone, the nudge is found.
        await store.upsert(buildNudge({ id: 'v1' }));
        assert.equal(await store.read('school-a', 'visit', 'v1'), undefined);
        assert.deepEqual((await byId('v1')).visit, []);
        assert.equal((await store.read('school-a', 'nudge', 'v1'))?.type, 'nudge');
      });

      it("should not let a caller's change to a document it was given change what the store answers next", async () => {
        const created = await store.create(buildVisit({ id: 'v1', state: 'proposed' }));
        for (const given of [await store.read('school-a', 'visit', 'v1'), (await byId('v1')).visit[0]]) {
          const doc = given as unknown as { state: string; personIds: string[] };
          // A store may hand out frozen documents (then a change throws) or copies (then it is lost).
          try {
            doc.state = 'cancelled';
          } catch (error) {
            assert.ok(error instanceof TypeError, String(error));
          }
          try {
            doc.personIds.push('mallory');
          } catch (error) {
            assert.ok(error instanceof TypeError, String(error));
          }
        }
        assert.deepEqual(await store.read('school-a', 'visit', 'v1'), created);
        assert.deepEqual((await byId('v1')).visit, [created]);
      });

      it('should answer a partition read with selections again with what was written since, in that partition only', async () => {
        const read = async () => {
          const got = await store.readPartition('school-a', [
            { type: 'pair', personId: 'anna', where: { status: 'active' } },
            { type: 'visit', where: { pairId: 'pair-1' } },
          ]);
          return { pairs: ids(got.pair), visits: ids(got.visit) };
        };
        assert.deepEqual(await read(), { pairs: [], visits: [] });
        const pair = await store.create(buildPair({ id: 'pair-1', pairId: 'pair-1', personIds: ['anna', 'bram'] }));
        assert.deepEqual(await read(), { pairs: ['pair-1'], visits: [] }, 'a created document that matches');
        await store.createEach([buildVisit({ id: 'v1' }), buildVisit({ id: 'v2' })]);
        assert.deepEqual(await read(), { pairs: ['pair-1'], visits: ['v1', 'v2'] });
        const moved = await store.replace({ ...pair, personIds: ['bram'] });
        assert.deepEqual(await read(), { pairs: [], visits: ['v1', 'v2'] }, 'a person who left the pair');
        await store.replace({ ...moved, personIds: ['anna', 'bram'], status: 'closed' });
        assert.deepEqual(await read(), { pairs: [], visits: ['v1', 'v2'] }, 'a field that no longer matches');
        await store.upsert(buildPair({ id: 'pair-1', pairId: 'pair-1', personIds: ['anna', 'bram'] }));
        await store.delete('school-a', 'v1');
        assert.deepEqual(await read(), { pairs: ['pair-1'], visits: ['v2'] });
        const changed = (await store.readPartition('school-a', [{ type: 'visit', where: { pairId: 'pair-1' } }])).visit;
        assert.equal(changed.length, 1);
        await store.replace({ ...changed[0]!, lesson: 'after' });
        const again = await store.readPartition('school-a', [{ type: 'visit', where: { pairId: 'pair-1' } }]);
        assert.equal(again.visit[0]?.lesson, 'after', 'a changed document is read with its change');
        await store.create(buildVisit({ schoolId: 'school-b', id: 'v3' }));
        assert.deepEqual(await read(), { pairs: ['pair-1'], visits: ['v2'] }, 'a write in another school');
      });

      it('should keep the schools apart: the same id in another school is another document', async () => {
        await store.create(buildVisit({ id: 'v1', state: 'proposed' }));
        assert.equal(await store.read('school-b', 'visit', 'v1'), undefined);
        await store.create(buildVisit({ schoolId: 'school-b', id: 'v1', state: 'observed' }));
        assert.equal((await store.read('school-b', 'visit', 'v1'))?.state, 'observed');
        assert.equal((await store.read('school-a', 'visit', 'v1'))?.state, 'proposed');
        await store.delete('school-b', 'v1');
        assert.equal((await store.read('school-a', 'visit', 'v1'))?.state, 'proposed');
        assert.equal(await store.read('school-b', 'visit', 'v1'), undefined);
      });
    });

    describe('coach tallies (counts of the observation coach, never text)', () => {
      it("should keep one tally per observation when two saves race, and find a programme's tallies with where", async () => {
        const tally = (judgement: number, savedAt: string) =>
          builders.coachTally.build({
            findings: { judgement, interpretation: 0, advice: 0, generalisation: 0 },
            savedAt,
          });
        const write = (next: ReturnType<typeof tally>) =>
          readModifyWrite(store, 'school-a', 'coachTally', next.id, (current) =>
            current && current.savedAt > next.savedAt ? undefined : next,
          );
        await Promise.all([write(tally(2, '2025-03-10T10:00:00.000Z')), write(tally(0, '2025-03-10T10:05:00.000Z'))]);
        await write(tally(5, '2025-03-10T09:00:00.000Z')); // an older save arriving late changes nothing
        const stored = await store.query('school-a', { type: 'coachTally', where: { programmeId: 'programme-1' } });
        assert.equal(stored.length, 1);
        assert.equal(stored[0]?.findings.judgement, 0, 'the latest save wins');
        await store.create(builders.coachTally.build({ id: 'coach-tally-visit-2', programmeId: 'programme-2' }));
        assert.deepEqual(
          ids(await store.query('school-a', { type: 'coachTally', where: { programmeId: 'programme-2' } })),
          ['coach-tally-visit-2'],
        );
        assert.deepEqual(ids(await store.query('school-a', { type: 'coachTally', personId: 'anna' })), [
          'coach-tally-visit-1',
          'coach-tally-visit-2',
        ]);
      });
    });

    describe('pair needs (what a pair needs from the school)', () => {
      it("should find a programme's open needs by a partition read, a pair's needs by pairId and its members by personIds", async () => {
        await store.create(builders.pairNeed.build());
        await store.create(
          builders.pairNeed.build({ id: 'need:pair-1:noObservation:1', step: 'noObservation', status: 'arranged' }),
        );
        await store.create(
          builders.pairNeed.build({ id: 'need:pair-2:noVisitPlanned:1', pairId: 'pair-2', personIds: ['carla'] }),
        );
        await store.create(
          builders.pairNeed.build({ id: 'need:pair-3:noVisitPlanned:1', pairId: 'pair-3', programmeId: 'programme-2' }),
        );
        const read = await store.readPartition('school-a', [
          { type: 'pairNeed', where: { programmeId: 'programme-1', status: 'open' } },
        ]);
        assert.deepEqual(ids(read.pairNeed), ['need:pair-1:noVisitPlanned:1', 'need:pair-2:noVisitPlanned:1']);
        assert.deepEqual(ids(await store.query('school-a', { type: 'pairNeed', pairId: 'pair-1' })), [
          'need:pair-1:noObservation:1',
          'need:pair-1:noVisitPlanned:1',
        ]);
        assert.deepEqual(ids(await store.query('school-a', { type: 'pairNeed', personId: 'carla' })), [
          'need:pair-2:noVisitPlanned:1',
        ]);
      });

      it('should let exactly one of two answers to one version of a need win', async () => {
        const created = await store.create(builders.pairNeed.build());
        const answers = await Promise.allSettled([
          store.replace({ ...created, status: 'arranged', answeredBy: 'leader-1' }),
          store.replace({ ...created, status: 'declined', answeredBy: 'leader-2', declineReason: 'budget' }),
        ]);
        assert.equal(answers.filter((a) => a.status === 'fulfilled').length, 1);
        const lost = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
        assert.ok(isStoreError(lost.reason, 'conflict'), String(lost.reason));
      });
    });

    describe('health and restarts', () => {
      it('should answer ping when the store can be reached', async () => {
        await store.ping();
      });

      it('should keep the data when the store is closed and opened again', async () => {
        assert.ok(ctx.reopen, `${name}: the factory must give reopen() to prove that data survives a restart`);
        const created = await store.create(buildVisit({ state: 'observed' }));
        await store.upsert(builders.personReference.build());
        const reopened = await ctx.reopen();
        const read = await reopened.read('school-a', 'visit', 'visit-1');
        assert.deepEqual(read, created);
        assert.deepEqual(ids(await reopened.query('school-a', { type: 'personReference', personId: 'anna' })), [
          'ref-anna',
        ]);
        await rejectsWith(reopened.create(buildVisit()), 'exists');
        await reopened.replace({ ...created, state: 'debriefProposed' });
        await rejectsWith(reopened.replace({ ...created, state: 'cancelled' }), 'conflict');
      });
    });

    privacyContract(() => store);
  });
}

function buildCycle0() {
  return builders.cycle.build({ visitsCompleted: 0 });
}
