import { strict as assert } from 'node:assert';
import { deletePersonData } from '../../../src/app/my-data/delete';
import { exportPersonData } from '../../../src/app/my-data/export';
import { arrangeNeed } from '../../../src/app/needs/answer-need';
import { requestNeed } from '../../../src/app/needs/request-need';
import { eraseProgrammeTexts } from '../../../src/app/retention/run-retention';
import { anonymousToken } from '../../../src/domain/anonymous';
import type { Store } from '../../../src/store/store';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  LEADER,
  SCHOOL_ID,
  TEACHER_A,
  TEACHER_B,
} from '../../domain/builders';
import { seed } from '../../jobs/fakes';
import { NEED_STORE_KINDS, openStore, stopNeedStores } from './stores';

after(stopNeedStores);

const NOTE = 'PAIR-NOTE-5e7a';
const LINE = 'LEADER-LINE-0c3f';
const NEED = 'need:pair-1:noVisitPlanned:1';
const NOW = at('2026-03-10T10:00');
const TOKEN = anonymousToken('0123456789abcdef0123456789abcdef');

for (const kind of NEED_STORE_KINDS) {
  describe(`my data and retention keep the pair's note with the pair (${kind})`, function () {
    this.timeout(30_000);
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await openStore(kind));
      await seed(store, [buildSchool(), buildProgramme(), buildPair(), buildCycle()]);
      await requestNeed(store, {
        schoolId: SCHOOL_ID,
        pairId: 'pair-1',
        step: 'noVisitPlanned',
        input: { categories: ['coverNeeded'], pairNote: NOTE },
        userId: TEACHER_A,
        now: NOW,
      });
      await arrangeNeed(store, { schoolId: SCHOOL_ID, needId: NEED, actorId: LEADER, leaderLine: LINE, now: NOW });
    });
    afterEach(async () => cleanup());

    const exportOf = (userId: string) =>
      exportPersonData(store, 'tenant:tenant-1', `ref-${userId}`, [SCHOOL_ID], userId, NOW).then((e) =>
        JSON.stringify(e.schools[0]?.documents['pairNeed'] ?? []),
      );

    it("should give each member the pair's request with its note in their export, and the leader who answered it without the note", async () => {
      assert.match(await exportOf(TEACHER_B), /PAIR-NOTE-5e7a/);
      const leaders = await exportOf(LEADER);
      assert.match(leaders, /need:pair-1:noVisitPlanned:1/);
      assert.match(leaders, /LEADER-LINE-0c3f/, 'their own line');
      assert.doesNotMatch(leaders, /PAIR-NOTE-5e7a/);
    });

    it("should remove the note when a member deletes their data, keep the request with an anonymous id, and the leader's line when the leader deletes", async () => {
      await deletePersonData(store, {
        tenantPartition: 'tenant:tenant-1',
        tenantId: 'tenant-1',
        referenceId: `ref-${TEACHER_A}`,
        schoolIds: [SCHOOL_ID],
        userId: TEACHER_A,
        token: TOKEN,
        now: NOW,
      });
      let need = await store.read(SCHOOL_ID, 'pairNeed', NEED);
      assert.ok(need, 'the request stays (the school counts it)');
      assert.equal(need.pairNote, undefined);
      assert.equal(need.requestedBy, TOKEN);
      assert.deepEqual(need.personIds, [TOKEN, TEACHER_B]);
      assert.equal(need.leaderLine, LINE, "the leader's line is the leader's");
      await deletePersonData(store, {
        tenantPartition: 'tenant:tenant-1',
        tenantId: 'tenant-1',
        referenceId: `ref-${LEADER}`,
        schoolIds: [SCHOOL_ID],
        userId: LEADER,
        token: anonymousToken('fedcba9876543210fedcba9876543210'),
        now: NOW,
      });
      need = await store.read(SCHOOL_ID, 'pairNeed', NEED);
      assert.equal(need?.leaderLine, undefined);
      assert.equal(need?.status, 'arranged');
      assert.doesNotMatch(JSON.stringify(need), new RegExp(LEADER));
    });

    it('should erase the note and the leader line with the programme texts, keeping categories, dates and answer', async () => {
      const programme = (await store.read(SCHOOL_ID, 'programme', 'programme-1'))!;
      await eraseProgrammeTexts(store, SCHOOL_ID, programme, at('2027-07-01T03:00'));
      const need = await store.read(SCHOOL_ID, 'pairNeed', NEED);
      assert.equal(need?.pairNote, undefined);
      assert.equal(need?.leaderLine, undefined);
      assert.deepEqual([need?.categories, need?.status], [['coverNeeded'], 'arranged']);
    });
  });
}
