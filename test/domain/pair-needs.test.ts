import { strict as assert } from 'node:assert';
import { DomainError } from '../../src/domain/errors';
import {
  checkNeedInput,
  isStepWaitingForSchool,
  MAX_PAIR_NOTE_CHARS,
  needCounts,
  needId,
  needNumber,
  needStepFor,
  nudgeClockStart,
  openNeedFor,
  parseDeclineReason,
} from '../../src/domain/pair-needs';
import { at, buildPairNeed, utc } from './builders';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}:${String(error.detail.field)}`;
    throw error;
  }
  return 'no error';
};

describe('domain/pair-needs: what a pair needs from the school', () => {
  describe('the open need of a pair and step', () => {
    it('should find the open need of the pair and step, and none for another step, another pair or an answered one', () => {
      const needs = [
        buildPairNeed({ id: needId('pair-1', 'noVisitPlanned', 1), status: 'arranged' }),
        buildPairNeed({ id: needId('pair-1', 'noVisitPlanned', 2) }),
        buildPairNeed({ pairId: 'pair-2', step: 'noObservation', status: 'declined' }),
      ];
      assert.equal(openNeedFor(needs, 'pair-1', 'noVisitPlanned')?.id, 'need:pair-1:noVisitPlanned:2');
      assert.equal(openNeedFor(needs, 'pair-1', 'noObservation'), undefined);
      assert.equal(openNeedFor(needs, 'pair-2', 'noObservation'), undefined, 'declined is answered');
      assert.equal(isStepWaitingForSchool(needs, 'pair-1', 'noVisitPlanned'), true);
      assert.equal(isStepWaitingForSchool(needs, 'pair-1', 'noDebriefRecorded'), false);
      assert.equal(isStepWaitingForSchool(needs, 'pair-3', 'noVisitPlanned'), false);
    });

    it('should number ids per pair and step and read the number back', () => {
      assert.equal(needId('pair-7', 'noObservation', 3), 'need:pair-7:noObservation:3');
      assert.equal(needNumber('need:pair-7:noObservation:3'), 3);
      assert.equal(needNumber('something-else'), 0);
    });

    it('should map each open cycle step to the nudge it would get, and none to a finished cycle', () => {
      assert.equal(needStepFor('planVisit'), 'noVisitPlanned');
      assert.equal(needStepFor('confirmVisit'), 'noVisitPlanned');
      assert.equal(needStepFor('awaitVisit'), 'noObservation');
      assert.equal(needStepFor('postObservation'), 'noObservation');
      assert.equal(needStepFor('proposeDebrief'), 'noDebriefScheduled');
      assert.equal(needStepFor('pickDebrief'), 'noDebriefScheduled');
      assert.equal(needStepFor('recordDebrief'), 'noDebriefRecorded');
      assert.equal(needStepFor('complete'), undefined);
      assert.equal(needStepFor('closed'), undefined);
    });
  });

  describe('the nudge clock of a step', () => {
    const start = at('2026-02-02T09:00');

    it('should restart from the moment the school arranged a need of that step', () => {
      const needs = [buildPairNeed({ status: 'arranged', answeredAt: utc('2026-02-20T16:00') })];
      assert.equal(
        nudgeClockStart(needs, 'pair-1', 'noVisitPlanned', start.toMillis()),
        at('2026-02-20T16:00').toMillis(),
      );
    });

    it('should keep the default start for an open or declined need, another step, another pair, or an arrangement before it', () => {
      const needs = [
        buildPairNeed({ status: 'open' }),
        buildPairNeed({ status: 'declined', answeredAt: utc('2026-02-20T16:00') }),
        buildPairNeed({ step: 'noObservation', status: 'arranged', answeredAt: utc('2026-02-20T16:00') }),
        buildPairNeed({ pairId: 'pair-2', status: 'arranged', answeredAt: utc('2026-02-20T16:00') }),
        buildPairNeed({ status: 'arranged', answeredAt: utc('2026-01-20T16:00') }),
      ];
      assert.equal(nudgeClockStart(needs, 'pair-1', 'noVisitPlanned', start.toMillis()), start.toMillis());
    });
  });

  describe("the school's counts (aggregates only)", () => {
    const week = { from: utc('2026-02-09T00:00'), to: utc('2026-02-16T00:00') };
    const inWeek = utc('2026-02-10T10:00');
    const before = utc('2026-02-03T10:00');

    it('should count requests in, arranged, declined and waiting pairs of the period when at least 3 pairs stand behind them', () => {
      const needs = [
        buildPairNeed({ pairId: 'pair-1', requestedAt: inWeek }),
        buildPairNeed({ pairId: 'pair-2', requestedAt: before, status: 'arranged', answeredAt: inWeek }),
        buildPairNeed({ pairId: 'pair-3', requestedAt: inWeek, status: 'declined', answeredAt: inWeek }),
        buildPairNeed({
          pairId: 'pair-4',
          requestedAt: before,
          status: 'arranged',
          answeredAt: utc('2026-02-20T10:00'),
        }),
        buildPairNeed({ pairId: 'pair-5', requestedAt: utc('2026-02-17T10:00') }),
      ];
      assert.deepEqual(needCounts(needs, week), {
        shown: true,
        requested: 2,
        arranged: 1,
        declined: 1,
        waitingPairs: 2, // pair-1, and pair-4 that was only arranged after the week
      });
      assert.deepEqual(needCounts(needs), { shown: true, requested: 5, arranged: 2, declined: 1, waitingPairs: 2 });
    });

    it('should show no figure at all when fewer than 3 pairs stand behind the counts, however many requests', () => {
      const needs = [
        buildPairNeed({ pairId: 'pair-1', step: 'noVisitPlanned', requestedAt: inWeek }),
        buildPairNeed({ pairId: 'pair-1', step: 'noObservation', requestedAt: inWeek }),
        buildPairNeed({ pairId: 'pair-2', requestedAt: inWeek, status: 'arranged', answeredAt: inWeek }),
        buildPairNeed({
          pairId: 'pair-9',
          requestedAt: utc('2026-01-10T10:00'),
          status: 'arranged',
          answeredAt: before,
        }),
      ];
      assert.deepEqual(needCounts(needs, week), { shown: false });
      assert.deepEqual(needCounts([], week), { shown: false });
    });

    it('should never carry the pair’s note into the counts', () => {
      const needs = ['pair-1', 'pair-2', 'pair-3'].map((pairId) =>
        buildPairNeed({ pairId, requestedAt: inWeek, pairNote: 'NOTE-OF-THE-PAIR' }),
      );
      assert.doesNotMatch(JSON.stringify(needCounts(needs, week)), /NOTE-OF-THE-PAIR/);
    });
  });

  describe('what a pair submits (card data can be forged)', () => {
    const today = '2026-03-10';

    it('should keep the known categories once each, in their fixed order, from a list or the comma text of a choice set', () => {
      assert.deepEqual(checkNeedInput({ categories: 'workload,noFreeTime,workload' }, today), {
        categories: ['noFreeTime', 'workload'],
      });
      assert.deepEqual(checkNeedInput({ categories: ['other', 'coverNeeded'] }, today).categories, [
        'coverNeeded',
        'other',
      ]);
    });

    it('should ask for at least one category and refuse unknown or forged ones', () => {
      assert.equal(
        code(() => checkNeedInput({ categories: '' }, today)),
        'FIELD_REQUIRED:categories',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: [] }, today)),
        'FIELD_REQUIRED:categories',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'noFreeTime,bribe' }, today)),
        'INVALID_INPUT:categories',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: { a: 1 } }, today)),
        'INVALID_INPUT:categories',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: [7] }, today)),
        'INVALID_INPUT:categories',
      );
    });

    it('should take a needed-by date from today up to a year ahead, and refuse one in the past, absurd or not a date', () => {
      assert.equal(checkNeedInput({ categories: 'workload', neededBy: '2026-03-10' }, today).neededBy, '2026-03-10');
      assert.equal(checkNeedInput({ categories: 'workload', neededBy: '2027-03-10' }, today).neededBy, '2027-03-10');
      assert.equal(checkNeedInput({ categories: 'workload', neededBy: '' }, today).neededBy, undefined);
      assert.equal(
        code(() => checkNeedInput({ categories: 'workload', neededBy: '2026-03-09' }, today)),
        'DATE_IN_PAST:neededBy',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'workload', neededBy: '2027-03-12' }, today)),
        'DATE_INVALID:neededBy',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'workload', neededBy: '2026-02-30' }, today)),
        'DATE_INVALID:neededBy',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'workload', neededBy: 'morgen' }, today)),
        'DATE_INVALID:neededBy',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'workload', neededBy: 20260311 }, today)),
        'INVALID_INPUT:neededBy',
      );
    });

    it("should refuse a needed-by date after the programme's end", () => {
      const programme = { startDate: '2026-02-01', endDate: '2026-06-30' };
      assert.equal(
        checkNeedInput({ categories: 'workload', neededBy: '2026-06-30' }, today, programme).neededBy,
        '2026-06-30',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'workload', neededBy: '2026-07-01' }, today, programme)),
        'DATE_OUTSIDE_PROGRAMME:undefined',
      );
    });

    it('should keep a note up to the limit, trimmed, and refuse a longer or forged one', () => {
      assert.equal(checkNeedInput({ categories: 'other', pairNote: '  Dinsdag  ' }, today).pairNote, 'Dinsdag');
      assert.equal(checkNeedInput({ categories: 'other', pairNote: '   ' }, today).pairNote, undefined);
      assert.equal(
        checkNeedInput({ categories: 'other', pairNote: 'é'.repeat(MAX_PAIR_NOTE_CHARS) }, today).pairNote?.length,
        MAX_PAIR_NOTE_CHARS,
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'other', pairNote: 'x'.repeat(MAX_PAIR_NOTE_CHARS + 1) }, today)),
        'TEXT_TOO_LONG:pairNote',
      );
      assert.equal(
        code(() => checkNeedInput({ categories: 'other', pairNote: ['x'] }, today)),
        'INVALID_INPUT:pairNote',
      );
    });

    it('should take a known decline reason and refuse a missing or forged one', () => {
      assert.equal(parseDeclineReason('budget'), 'budget');
      assert.equal(
        code(() => parseDeclineReason('')),
        'FIELD_REQUIRED:declineReason',
      );
      assert.equal(
        code(() => parseDeclineReason('because')),
        'INVALID_INPUT:declineReason',
      );
    });
  });
});
