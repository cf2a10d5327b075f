import { strict as assert } from 'node:assert';
import { arrangeNeed, declineNeed } from '../../../src/app/needs/answer-need';
import { openNeedsForProgramme } from '../../../src/app/needs/open-needs';
import { requestNeed, type NeedRequest } from '../../../src/app/needs/request-need';
import { DomainError, type DomainErrorCode } from '../../../src/domain/errors';
import type { Store } from '../../../src/store/store';
import {
  at,
  buildPair,
  buildPairNeed,
  buildProgramme,
  buildSchool,
  LEADER,
  OUTSIDER,
  SCHOOL_ID,
  TEACHER_A,
  TEACHER_B,
} from '../../domain/builders';
import { seed } from '../../jobs/fakes';
import { NEED_STORE_KINDS, openStore, stopNeedStores } from './stores';

after(stopNeedStores);

const NOW = at('2026-03-10T10:00');
const LATER = at('2026-03-11T15:00');
const NOTE = 'PAIR-NOTE-4711: dinsdag het vijfde uur';

async function rejectsWith(promise: Promise<unknown>, code: DomainErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof DomainError && error.code === code);
}

for (const kind of NEED_STORE_KINDS) {
  describe(`pair needs: request, arrange, decline, open needs (${kind})`, function () {
    this.timeout(30_000);
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await openStore(kind));
      await seed(store, [
        buildSchool({ leaderIds: [LEADER, 'leader-2'] }),
        buildProgramme(),
        buildPair(),
        buildPair({ id: 'pair-2', memberIds: ['teacher-c', 'teacher-d'] }),
      ]);
    });
    afterEach(async () => cleanup());

    const ask = (overrides: Partial<NeedRequest> = {}) =>
      requestNeed(store, {
        schoolId: SCHOOL_ID,
        pairId: 'pair-1',
        step: 'noVisitPlanned',
        input: { categories: ['noFreeTime'], neededBy: '2026-03-20', pairNote: NOTE },
        userId: TEACHER_A,
        now: NOW,
        ...overrides,
      });
    const answerArgs = (overrides: Record<string, unknown> = {}) => ({
      schoolId: SCHOOL_ID,
      needId: 'need:pair-1:noVisitPlanned:1',
      actorId: LEADER,
      now: LATER,
      ...overrides,
    });

    describe('requestNeed', () => {
      it("should store an open need with the pair's members, the step, categories, date, note and since when", async () => {
        const { need, created } = await ask({ visitId: 'visit-1' });
        assert.equal(created, true);
        const stored = await store.read(SCHOOL_ID, 'pairNeed', 'need:pair-1:noVisitPlanned:1');
        assert.ok(stored);
        assert.equal(stored.version, need.version);
        assert.deepEqual(
          {
            programmeId: stored.programmeId,
            pairId: stored.pairId,
            personIds: stored.personIds,
            step: stored.step,
            visitId: stored.visitId,
            categories: stored.categories,
            neededBy: stored.neededBy,
            pairNote: stored.pairNote,
            requestedBy: stored.requestedBy,
            requestedAt: stored.requestedAt,
            status: stored.status,
          },
          {
            programmeId: 'programme-1',
            pairId: 'pair-1',
            personIds: [TEACHER_A, TEACHER_B],
            step: 'noVisitPlanned',
            visitId: 'visit-1',
            categories: ['noFreeTime'],
            neededBy: '2026-03-20',
            pairNote: NOTE,
            requestedBy: TEACHER_A,
            requestedAt: NOW.toUTC().toISO(),
            status: 'open',
          },
        );
      });

      it('should update the open need of the step, not make a second one, when the partner presses again', async () => {
        await ask();
        const again = await ask({
          userId: TEACHER_B,
          now: LATER,
          input: { categories: ['timetableClash', 'coverNeeded'] },
        });
        assert.equal(again.created, false);
        assert.equal(again.updated, true);
        const needs = await store.query(SCHOOL_ID, { type: 'pairNeed', pairId: 'pair-1' });
        assert.equal(needs.length, 1);
        assert.deepEqual(needs[0]!.categories, ['timetableClash', 'coverNeeded']);
        assert.equal(needs[0]!.neededBy, undefined, 'the date is as last submitted');
        assert.equal(needs[0]!.requestedBy, TEACHER_A, 'since when: the first press');
        assert.equal(needs[0]!.requestedAt, NOW.toUTC().toISO());
      });

      it('should write nothing when Teams retries the same press', async () => {
        const first = await ask();
        const retry = await ask();
        assert.equal(retry.created, false);
        assert.equal(retry.updated, false);
        assert.equal(retry.need.version, first.need.version);
      });

      it('should keep one open need when both partners press at the same moment', async () => {
        await Promise.all([ask(), ask({ userId: TEACHER_B, input: { categories: ['workload'] } })]);
        const needs = await store.query(SCHOOL_ID, { type: 'pairNeed', pairId: 'pair-1' });
        assert.deepEqual(
          needs.map((n) => n.id),
          ['need:pair-1:noVisitPlanned:1'],
        );
      });

      it('should make a new need with the next number once the earlier one is answered, and a separate one per step', async () => {
        await ask();
        await arrangeNeed(store, answerArgs());
        const next = await ask({ now: LATER });
        assert.equal(next.created, true);
        assert.equal(next.need.id, 'need:pair-1:noVisitPlanned:2');
        const other = await ask({ step: 'noObservation' });
        assert.equal(other.need.id, 'need:pair-1:noObservation:1');
      });

      it('should refuse someone outside the pair and a closed pair, and store nothing', async () => {
        await rejectsWith(ask({ userId: OUTSIDER }), 'NOT_A_PAIR_MEMBER');
        await rejectsWith(ask({ pairId: 'pair-404' }), 'NOT_FOUND');
        await store.upsert(buildPair({ id: 'pair-3', status: 'closed' }));
        await rejectsWith(ask({ pairId: 'pair-3' }), 'CYCLE_CLOSED');
        assert.equal((await store.query(SCHOOL_ID, { type: 'pairNeed' })).length, 0);
      });
    });

    describe('arrangeNeed and declineNeed', () => {
      it("should arrange an open need in the leader's name, with the leader's own line", async () => {
        await ask();
        const answer = await arrangeNeed(store, answerArgs({ leaderLine: '  Ik neem dinsdag je klas over.  ' }));
        assert.equal(answer.outcome, 'answered');
        const stored = await store.read(SCHOOL_ID, 'pairNeed', 'need:pair-1:noVisitPlanned:1');
        assert.equal(stored?.status, 'arranged');
        assert.equal(stored?.answeredBy, LEADER);
        assert.equal(stored?.answeredAt, LATER.toUTC().toISO());
        assert.equal(stored?.leaderLine, 'Ik neem dinsdag je klas over.');
      });

      it('should decline with the reason category', async () => {
        await ask();
        const answer = await declineNeed(store, { ...answerArgs(), reason: 'timetableFixed' });
        assert.equal(answer.outcome, 'answered');
        assert.equal(answer.need.status, 'declined');
        assert.equal(answer.need.declineReason, 'timetableFixed');
      });

      it('should answer "already answered" with who answered and change nothing when a decided need is answered again', async () => {
        await ask();
        const first = await arrangeNeed(store, answerArgs());
        const second = await declineNeed(store, { ...answerArgs({ actorId: 'leader-2' }), reason: 'budget' });
        assert.equal(second.outcome, 'alreadyAnswered');
        assert.equal(second.need.answeredBy, LEADER);
        assert.equal(second.need.status, 'arranged');
        const stored = await store.read(SCHOOL_ID, 'pairNeed', 'need:pair-1:noVisitPlanned:1');
        assert.equal(stored?.version, first.need.version, 'not written again');
        assert.equal(stored?.declineReason, undefined);
      });

      it('should let exactly one of two leaders answering at the same moment answer (and a Teams retry none)', async () => {
        await ask();
        const answers = await Promise.all([
          arrangeNeed(store, answerArgs()),
          declineNeed(store, { ...answerArgs({ actorId: 'leader-2' }), reason: 'noCover' }),
          arrangeNeed(store, answerArgs()),
        ]);
        assert.equal(answers.filter((a) => a.outcome === 'answered').length, 1);
        const winner = answers.find((a) => a.outcome === 'answered')!.need;
        const stored = await store.read(SCHOOL_ID, 'pairNeed', 'need:pair-1:noVisitPlanned:1');
        assert.equal(stored?.status, winner.status);
        assert.equal(stored?.answeredBy, winner.answeredBy);
        for (const a of answers) assert.equal(a.need.status, winner.status);
      });

      it('should refuse a teacher, a member of the pair, an unknown need and a too long line, and change nothing', async () => {
        const { need } = await ask();
        await rejectsWith(arrangeNeed(store, answerArgs({ actorId: TEACHER_A })), 'NOT_A_LEADER');
        await rejectsWith(
          declineNeed(store, { ...answerArgs({ actorId: OUTSIDER }), reason: 'other' }),
          'NOT_A_LEADER',
        );
        await rejectsWith(arrangeNeed(store, answerArgs({ needId: 'need:pair-1:noVisitPlanned:9' })), 'NOT_FOUND');
        await rejectsWith(arrangeNeed(store, answerArgs({ leaderLine: 'x'.repeat(281) })), 'TEXT_TOO_LONG');
        await rejectsWith(arrangeNeed(store, answerArgs({ leaderLine: { forged: true } })), 'INVALID_INPUT');
        const stored = await store.read(SCHOOL_ID, 'pairNeed', need.id);
        assert.equal(stored?.version, need.version);
        assert.equal(stored?.status, 'open');
      });
    });

    describe('openNeedsForProgramme', () => {
      it("should list the programme's open needs of active pairs, oldest first, without the pair's note", async () => {
        await ask({ now: LATER });
        await requestNeed(store, {
          schoolId: SCHOOL_ID,
          pairId: 'pair-2',
          step: 'noObservation',
          input: { categories: ['workload'], pairNote: NOTE },
          userId: 'teacher-c',
          now: NOW,
        });
        await seed(store, [
          buildPairNeed({ id: 'need:pair-1:noDebriefRecorded:1', step: 'noDebriefRecorded', status: 'declined' }),
          buildPairNeed({ id: 'need:pair-x:noVisitPlanned:1', pairId: 'pair-x', programmeId: 'programme-2' }),
          buildPair({ id: 'pair-closed', status: 'closed' }),
          buildPairNeed({ id: 'need:pair-closed:noVisitPlanned:1', pairId: 'pair-closed' }),
        ]);
        const open = await openNeedsForProgramme(store, SCHOOL_ID, 'programme-1');
        assert.deepEqual(
          open.map((n) => n.id),
          ['need:pair-2:noObservation:1', 'need:pair-1:noVisitPlanned:1'],
        );
        assert.deepEqual(open[0]!.categories, ['workload']);
        assert.ok(open.every((n) => !('pairNote' in n)));
        assert.doesNotMatch(JSON.stringify(open), /PAIR-NOTE-4711/);
      });
    });
  });
}
