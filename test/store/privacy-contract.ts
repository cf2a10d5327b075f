/**
 * Privacy behaviour on a store, part of the Store contract (run for SQLite and the Cosmos DB API
 * server alike): the retention job erases a programme's texts from the erasure date on — never
 * earlier — and keeps the counts.
 */
import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { runRetention } from '../../src/app/retention/run-retention';
import type { SchoolDocument } from '../../src/domain/entities';
import type { Store } from '../../src/store/store';
import {
  buildCycle,
  buildDebriefNote,
  buildObservation,
  buildPair,
  buildProgramme,
  buildReflection,
  buildSchool,
  buildVisit,
} from './builders';

const SCHOOL = 'school-a';
/** programme-1 ends 2025-06-30: with 365 days its texts go on 2026-06-30 (Amsterdam). */
const DAYS = 365;
const DAY_BEFORE = DateTime.fromISO('2026-06-29T23:30', { zone: 'Europe/Amsterdam' });
const ERASURE_DAY = DateTime.fromISO('2026-06-30T00:30', { zone: 'Europe/Amsterdam' });
const WORDS = [
  'Ik zag drie keer',
  'Wat wilde je bereiken',
  'De start liep stroever',
  'wisbordjes',
  'Anna komt kijken',
  '3 havo, wiskunde',
  'voorkennis',
  'groepje stilvalt',
];
const LATER_WORDS = ['LATER-FEITEN', 'LATER-LES'];

async function seed(store: Store): Promise<void> {
  const docs: SchoolDocument[] = [
    buildSchool(),
    buildProgramme({ status: 'archived' }),
    buildPair(),
    buildCycle({ visitsCompleted: 1, status: 'complete' }),
    buildVisit({ state: 'debriefed' }),
    buildObservation(),
    buildReflection(),
    buildDebriefNote(),
    // A later programme of the same school, not due yet.
    buildProgramme({ id: 'programme-2', startDate: '2026-01-01', endDate: '2026-06-01' }),
    buildPair({ id: 'pair-2', pairId: 'pair-2', programmeId: 'programme-2' }),
    buildCycle({ id: 'cycle-2', pairId: 'pair-2', programmeId: 'programme-2' }),
    buildVisit({
      id: 'visit-2',
      pairId: 'pair-2',
      cycleId: 'cycle-2',
      lesson: 'LATER-LES',
      focus: 'LATER-KIJKDOEL',
      discussionGoal: 'LATER-BESPREEKDOEL',
      state: 'observed',
    }),
    buildObservation({
      id: 'observation-2',
      pairId: 'pair-2',
      visitId: 'visit-2',
      facts: 'LATER-FEITEN',
      questions: 'LATER-VRAAG',
    }),
  ];
  for (const doc of docs) await store.create(doc);
}

async function schoolText(store: Store): Promise<string> {
  const types = ['school', 'programme', 'pair', 'cycle', 'visit', 'observation', 'reflection', 'debriefNote'] as const;
  const all: unknown[] = [];
  for (const type of types) all.push(...(await store.query(SCHOOL, { type })));
  return JSON.stringify(all);
}

export function privacyContract(store: () => Store): void {
  describe('retention: programme texts erased TEXT_RETENTION_DAYS after the end', () => {
    it('should erase nothing the day before the erasure date when the retention job runs', async () => {
      await seed(store());
      const report = await runRetention({ store: store() }, DAY_BEFORE, { retentionDays: DAYS });
      assert.equal(report.programmes, 0);
      assert.equal(report.textsDeleted, 0);
      const text = await schoolText(store());
      for (const word of [...WORDS, ...LATER_WORDS]) assert.ok(text.includes(word), `"${word}" is still there`);
      assert.equal((await store().read(SCHOOL, 'programme', 'programme-1'))?.textsErasedAt, undefined);
    });

    it('should erase every text of a due programme and keep its counts when the job runs on the erasure date', async () => {
      await seed(store());
      const report = await runRetention({ store: store() }, ERASURE_DAY, { retentionDays: DAYS });
      assert.deepEqual(report, { schools: 1, programmes: 1, textsDeleted: 3, visitsBlanked: 1 });
      const text = await schoolText(store());
      for (const word of WORDS) assert.ok(!text.includes(word), `"${word}" is erased`);
      for (const word of LATER_WORDS) assert.ok(text.includes(word), `"${word}" of the later programme stays`);
      for (const type of ['observation', 'reflection', 'debriefNote'] as const)
        assert.deepEqual(
          (await store().query(SCHOOL, { type, pairId: 'pair-1' })).map((d) => d.id),
          [],
          `no ${type} left`,
        );
      const visit = await store().read(SCHOOL, 'visit', 'visit-1');
      assert.equal(visit?.state, 'debriefed', 'the visit and its state stay (counts)');
      assert.deepEqual([visit?.lesson, visit?.focus, visit?.discussionGoal], ['', '', '']);
      assert.equal(visit?.startsAt, '2025-03-10T09:30:00.000Z');
      const cycle = await store().read(SCHOOL, 'cycle', 'cycle-1');
      assert.equal(cycle?.visitsCompleted, 1);
      assert.equal(cycle?.status, 'complete');
      assert.equal(
        (await store().read(SCHOOL, 'programme', 'programme-1'))?.textsErasedAt,
        ERASURE_DAY.toUTC().toISO(),
      );
      assert.equal((await store().read(SCHOOL, 'programme', 'programme-2'))?.textsErasedAt, undefined);
    });

    it('should find nothing to do when it runs again, and finish a run that stopped halfway', async () => {
      await seed(store());
      // A run that deleted one text and then stopped: the programme is not marked yet.
      await store().delete(SCHOOL, 'observation-1');
      const first = await runRetention({ store: store() }, ERASURE_DAY, { retentionDays: DAYS });
      assert.equal(first.textsDeleted, 2);
      const again = await runRetention({ store: store() }, ERASURE_DAY.plus({ days: 1 }), { retentionDays: DAYS });
      assert.deepEqual(again, { schools: 1, programmes: 0, textsDeleted: 0, visitsBlanked: 0 });
    });

    it('should erase later with a longer retention period and at once for an uninstalled school', async () => {
      await seed(store());
      const school = await store().read(SCHOOL, 'school', SCHOOL);
      await store().replace({ ...school!, installed: false });
      assert.equal((await runRetention({ store: store() }, ERASURE_DAY, { retentionDays: 400 })).programmes, 0);
      const due = await runRetention({ store: store() }, ERASURE_DAY.plus({ days: 35 }), { retentionDays: 400 });
      assert.equal(due.programmes, 1, 'a school that removed the app still has its texts erased');
    });
  });
}
