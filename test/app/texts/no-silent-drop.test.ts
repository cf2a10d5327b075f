/**
 * No silent drop of anyone's text (issue 10, acceptance 3), on the real store — SQLite and the
 * Cosmos DB API server, as the store contract suite runs: the debrief's agreements, an
 * observation and a reflection, submitted concurrently, one after the other from forms opened at
 * the same version, or twice (a retried invoke). The second writer gets a conflict with the
 * stored words (nothing overwritten); merging saves both; the same submit twice saves once.
 */
import { strict as assert } from 'node:assert';
import { recordDebrief } from '../../../src/app/debrief/debrief';
import { postObservation, postReflection } from '../../../src/app/observations/post-observation';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  buildVisit,
  SCHOOL_ID,
  TEACHER_A,
  TEACHER_B,
} from '../../domain/builders';
import { startLocalCosmos, type LocalCosmos } from '../../store/cosmos-server';

let cosmos: LocalCosmos | undefined;
let databases = 0;

after(async () => {
  await cosmos?.close();
  cosmos = undefined;
});

const STORES: readonly { readonly name: string; readonly open: () => Promise<Store> }[] = [
  { name: 'SQLite', open: async () => new SqliteStore(':memory:') },
  {
    name: 'Cosmos DB API server',
    open: async () => {
      cosmos ??= await startLocalCosmos();
      return new CosmosStore({
        endpoint: cosmos.endpoint,
        key: 'local-test-key',
        database: `tweetal-texts-${process.pid}-${++databases}`,
        container: 'documents',
        allowSelfSigned: true,
      });
    },
  },
];

const VISIT = 'visit-1';
const afterDebrief = at('2026-03-12T16:00');
const afterVisit = at('2026-03-10T11:00');
const annas = { agreements: 'Kortere instructie', nextStep: 'Check na tien minuten' };
const bens = { agreements: 'Eerst voordoen, dan samen oefenen', nextStep: 'Volgende keer let ik op de start' };

for (const backend of STORES) {
  describe(`No silent drop of anyone's text (${backend.name})`, function () {
    this.timeout(60_000);
    let store: Store;

    async function world(state: 'confirmed' | 'debriefScheduled'): Promise<void> {
      await store.create(buildSchool());
      await store.create(buildProgramme());
      await store.create(buildPair());
      await store.create(buildCycle());
      await store.create(buildVisit({ state }));
    }

    const note = () => store.read(SCHOOL_ID, 'debriefNote', `debrief-${VISIT}`);

    beforeEach(async () => {
      store = await backend.open();
      await store.init();
    });
    afterEach(async () => store.close());

    it('should answer the second partner with a conflict holding the first text, and overwrite nothing, when both record one after the other', async () => {
      await world('debriefScheduled');
      // Both opened the record form before any agreements existed (no version).
      const first = await recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_A, afterDebrief, annas);
      assert.equal(first.kind, 'created');
      const second = await recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_B, afterDebrief, bens);
      assert.equal(second.kind, 'conflict');
      assert.ok(second.kind === 'conflict');
      assert.equal(second.theirs.agreements, annas.agreements);
      assert.equal(second.theirs.authorId, TEACHER_A);
      assert.equal((await note())?.agreements, annas.agreements, "Anna's words stay");
      const cycle = await store.read(SCHOOL_ID, 'cycle', 'cycle-1');
      assert.equal(cycle?.visitsCompleted, 1, 'the visit is counted once');
    });

    it('should save a merge of both texts with the stored version, and refuse a merge against an older one', async () => {
      await world('debriefScheduled');
      await recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_A, afterDebrief, annas);
      const conflict = await recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_B, afterDebrief, bens);
      assert.ok(conflict.kind === 'conflict');
      const merged = {
        agreements: `${annas.agreements}\n\n${bens.agreements}`,
        nextStep: `${annas.nextStep}\n\n${bens.nextStep}`,
      };
      const saved = await recordDebrief(
        store,
        SCHOOL_ID,
        VISIT,
        TEACHER_B,
        afterDebrief,
        merged,
        'chat',
        conflict.theirs.version,
      );
      assert.equal(saved.kind, 'replaced');
      const stored = await note();
      assert.equal(stored?.agreements, merged.agreements);
      assert.ok(stored!.agreements.includes(annas.agreements) && stored!.agreements.includes(bens.agreements));
      assert.equal(stored?.recordedAt, conflict.theirs.recordedAt, 'first recorded stays');

      // Anna, on a conflict card of her own from the old version, does not overwrite the merge.
      const late = await recordDebrief(
        store,
        SCHOOL_ID,
        VISIT,
        TEACHER_A,
        afterDebrief,
        { agreements: 'Alleen dit', nextStep: 'En dit' },
        'chat',
        conflict.theirs.version,
      );
      assert.equal(late.kind, 'conflict');
      assert.equal((await note())?.agreements, merged.agreements);
    });

    it('should let exactly one of two concurrent records win and give the other the winner’s text', async () => {
      await world('debriefScheduled');
      const results = await Promise.all([
        recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_A, afterDebrief, annas),
        recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_B, afterDebrief, bens),
      ]);
      assert.deepEqual(results.map((r) => r.kind).sort(), ['conflict', 'created']);
      const winner = results.find((r) => r.kind === 'created')!;
      const loser = results.find((r) => r.kind === 'conflict')!;
      assert.ok(winner.kind === 'created' && loser.kind === 'conflict');
      assert.equal(loser.theirs.agreements, winner.note.agreements);
      assert.equal((await note())?.agreements, winner.note.agreements);
    });

    it('should save the same submit posted twice once, also at the same moment, and answer it as saved', async () => {
      await world('debriefScheduled');
      const [a, b] = await Promise.all([
        recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_A, afterDebrief, annas),
        recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_A, afterDebrief, annas),
      ]);
      assert.deepEqual([a.kind, b.kind].sort(), ['created', 'unchanged']);
      const again = await recordDebrief(store, SCHOOL_ID, VISIT, TEACHER_A, afterDebrief, annas);
      assert.equal(again.kind, 'unchanged');
      assert.equal((await store.query(SCHOOL_ID, { type: 'debriefNote', pairId: 'pair-1' })).length, 1);
      assert.equal((await store.read(SCHOOL_ID, 'cycle', 'cycle-1'))?.visitsCompleted, 1);
    });

    it('should answer a second observation without a version with a conflict, and save it with the version', async () => {
      await world('confirmed');
      const first = { facts: 'Drie leerlingen stonden op.', questions: '' };
      const other = { facts: 'Vier leerlingen stonden op.', questions: 'Wat zag jij?' };
      assert.equal((await postObservation(store, SCHOOL_ID, VISIT, TEACHER_A, afterVisit, first)).kind, 'created');
      const second = await postObservation(store, SCHOOL_ID, VISIT, TEACHER_A, afterVisit, other);
      assert.ok(second.kind === 'conflict', second.kind);
      assert.equal(second.theirs.facts, first.facts);
      const stored = () => store.read(SCHOOL_ID, 'observation', `observation-${VISIT}`);
      assert.equal((await stored())?.facts, first.facts);
      const again = await postObservation(store, SCHOOL_ID, VISIT, TEACHER_A, afterVisit, first);
      assert.equal(again.kind, 'unchanged', 'the first submit posted again');
      const mine = await postObservation(store, SCHOOL_ID, VISIT, TEACHER_A, afterVisit, other, second.theirs.version);
      assert.equal(mine.kind, 'replaced');
      assert.equal((await stored())?.facts, other.facts);
    });

    it('should answer a reflection from a form opened at an older version with a conflict', async () => {
      await world('confirmed');
      const first = await postReflection(store, SCHOOL_ID, VISIT, TEACHER_B, afterVisit, 'Het ging snel.');
      assert.ok(first.kind === 'created');
      const edited = await postReflection(
        store,
        SCHOOL_ID,
        VISIT,
        TEACHER_B,
        afterVisit,
        'Het ging te snel.',
        first.note.version,
      );
      assert.equal(edited.kind, 'replaced');
      const stale = await postReflection(
        store,
        SCHOOL_ID,
        VISIT,
        TEACHER_B,
        afterVisit,
        'Het ging goed.',
        first.note.version,
      );
      assert.ok(stale.kind === 'conflict');
      assert.equal(stale.theirs.text, 'Het ging te snel.');
      assert.equal((await store.read(SCHOOL_ID, 'reflection', `reflection-${VISIT}`))?.text, 'Het ging te snel.');
    });
  });
}
