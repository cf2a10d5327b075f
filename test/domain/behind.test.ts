import { strict as assert } from 'node:assert';
import type { DateTime } from 'luxon';
import { assessBehind, findBehind, type BehindInput } from '../../src/domain/behind';
import { openVisitOf } from '../../src/domain/visit-rules';
import { calendarDaysBetween } from '../../src/domain/calendar';
import {
  TEACHER_A,
  TEACHER_B,
  TEACHER_C,
  ZONE,
  at,
  buildCycle,
  buildPair,
  buildPairNeed,
  buildProgramme,
  buildVisit,
  utc,
} from './builders';

// Defaults (builders): programme 2026-02-01..2026-06-30; thresholds noVisitPlanned 7,
// noObservation 3, noDebriefScheduled 5, noDebriefRecorded 2, endApproaching 21 days.
// Pair and cycle start 2026-02-02 09:00 Amsterdam.
function behind(now: DateTime, overrides: Partial<BehindInput> = {}) {
  return findBehind({
    programme: buildProgramme(),
    pair: buildPair(),
    cycle: buildCycle(),
    visits: [],
    now,
    timezone: ZONE,
    ...overrides,
  });
}

describe('domain/calendar: calendarDaysBetween', () => {
  it('should count the 23-hour spring DST day as one day when the clocks go forward', () => {
    assert.equal(calendarDaysBetween(at('2026-03-29T00:00'), at('2026-03-30T00:00'), ZONE), 1);
    assert.equal(calendarDaysBetween(at('2026-03-28T23:00'), at('2026-03-29T23:00'), ZONE), 1);
  });

  it('should count the 25-hour autumn DST day as one day when the clocks go back', () => {
    assert.equal(calendarDaysBetween(at('2026-10-25T00:00'), at('2026-10-26T00:00'), ZONE), 1);
    assert.equal(calendarDaysBetween(at('2026-10-25T00:30'), at('2026-10-25T23:45'), ZONE), 0);
  });

  it('should count in the school zone, not in UTC, when a moment is just after local midnight', () => {
    assert.equal(calendarDaysBetween(at('2026-03-10T00:30'), at('2026-03-12T23:59'), ZONE), 2);
    assert.equal(calendarDaysBetween(at('2026-03-10T00:30'), at('2026-03-12T23:59'), 'UTC'), 3);
  });
});

describe('domain/behind: findBehind', () => {
  describe('noVisitPlanned', () => {
    it('should find nothing when fewer days than the threshold have passed since pairing', () => {
      assert.deepEqual(behind(at('2026-02-08T23:00')), []);
    });

    it('should tell both partners to plan when the threshold has passed since pairing without a visit', () => {
      assert.deepEqual(behind(at('2026-02-09T08:00')), [
        {
          kind: 'noVisitPlanned',
          recipientIds: [TEACHER_A, TEACHER_B],
          verb: 'visit.plan',
          since: '2026-02-02',
          days: 7,
        },
      ]);
    });

    it('should tell all three when a trio has planned nothing', () => {
      const pair = buildPair({ memberIds: [TEACHER_A, TEACHER_B, TEACHER_C] });
      assert.deepEqual(behind(at('2026-02-10T08:00'), { pair })[0]!.recipientIds, [TEACHER_A, TEACHER_B, TEACHER_C]);
    });

    it('should count from the previous debrief when a visit was debriefed', () => {
      const cycle = buildCycle({ visitsCompleted: 1, lastStepAt: utc('2026-03-12T16:00') });
      const visits = [buildVisit({ state: 'debriefed', debriefedAt: utc('2026-03-12T16:00') })];
      assert.deepEqual(behind(at('2026-03-18T16:00'), { cycle, visits }), []);
      const found = behind(at('2026-03-19T08:00'), { cycle, visits });
      assert.deepEqual(
        found.map((v) => [v.kind, v.since, v.days]),
        [['noVisitPlanned', '2026-03-12', 7]],
      );
    });

    it("should count from the last debrief when the cycle's last step was not updated", () => {
      const visits = [buildVisit({ state: 'debriefed', debriefedAt: utc('2026-03-12T16:00') })];
      assert.deepEqual(behind(at('2026-03-18T16:00'), { visits }), []);
    });

    it('should count from the programme start when the pair was made before it', () => {
      const pair = buildPair({ createdAt: utc('2026-01-20T09:00') });
      const cycle = buildCycle({ startedAt: utc('2026-01-20T09:00') });
      assert.deepEqual(behind(at('2026-02-07T12:00'), { pair, cycle }), []);
      assert.equal(behind(at('2026-02-08T12:00'), { pair, cycle })[0]!.since, '2026-02-01');
    });

    it('should count from pairing when there is no cycle yet', () => {
      assert.equal(behind(at('2026-02-09T08:00'), { cycle: undefined })[0]!.kind, 'noVisitPlanned');
    });

    it('should find nothing when a proposed visit is still ahead', () => {
      const visits = [buildVisit({ state: 'proposed', startsAt: utc('2026-02-20T09:00') })];
      assert.deepEqual(behind(at('2026-02-12T10:00'), { visits }), []);
    });

    it('should count as nothing planned when a proposal was never confirmed and its moment has passed', () => {
      const visits = [buildVisit({ state: 'proposed', startsAt: utc('2026-02-05T09:00') })];
      assert.deepEqual(behind(at('2026-02-12T10:00'), { visits }), [
        {
          kind: 'noVisitPlanned',
          recipientIds: [TEACHER_A, TEACHER_B],
          verb: 'visit.plan',
          visitId: 'visit-1',
          since: '2026-02-02',
          days: 10,
        },
      ]);
    });

    it('should ignore visits of another pair or another cycle when looking for an open visit', () => {
      const visits = [
        buildVisit({ state: 'confirmed', pairId: 'pair-2' }),
        buildVisit({ id: 'old', state: 'confirmed', cycleId: 'cycle-0' }),
      ];
      assert.equal(behind(at('2026-02-12T10:00'), { visits })[0]!.kind, 'noVisitPlanned');
    });

    it('should count calendar days across the spring DST change when the elapsed hours are fewer', () => {
      // 2026-03-28 10:00 +01:00 to 2026-03-30 09:30 +02:00 is 46.5 hours, but two calendar days.
      const programme = buildProgramme({ thresholds: { noVisitPlannedDays: 2 } });
      const pair = buildPair({ createdAt: utc('2026-03-28T10:00') });
      const cycle = buildCycle({ startedAt: utc('2026-03-28T10:00') });
      assert.deepEqual(behind(at('2026-03-29T23:59'), { programme, pair, cycle }), []);
      assert.deepEqual(
        behind(at('2026-03-30T09:30'), { programme, pair, cycle }).map((v) => [v.kind, v.since, v.days]),
        [['noVisitPlanned', '2026-03-28', 2]],
      );
    });

    it('should count the 25-hour autumn DST day as one day when the clocks go back', () => {
      const programme = buildProgramme({
        startDate: '2026-09-01',
        endDate: '2027-06-30',
        thresholds: { noVisitPlannedDays: 1 },
      });
      const pair = buildPair({ createdAt: utc('2026-10-25T00:30') });
      const cycle = buildCycle({ startedAt: utc('2026-10-25T00:30') });
      // 24 hours 15 minutes later, still the same calendar day.
      assert.deepEqual(behind(at('2026-10-25T23:45'), { programme, pair, cycle }), []);
      assert.equal(behind(at('2026-10-26T00:05'), { programme, pair, cycle })[0]!.days, 1);
    });

    it('should count two calendar days across the autumn DST change when the elapsed hours are 47.5', () => {
      const programme = buildProgramme({
        startDate: '2026-09-01',
        endDate: '2027-06-30',
        thresholds: { noVisitPlannedDays: 2 },
      });
      const pair = buildPair({ createdAt: utc('2026-10-24T10:00') });
      const cycle = buildCycle({ startedAt: utc('2026-10-24T10:00') });
      assert.equal(behind(at('2026-10-26T08:30'), { programme, pair, cycle })[0]!.days, 2);
    });
  });

  describe('noObservation', () => {
    const visits = [buildVisit({ state: 'confirmed' })]; // 2026-03-10 09:00

    it('should find nothing when the confirmed visit is still ahead', () => {
      assert.deepEqual(behind(at('2026-03-09T10:00'), { visits }), []);
    });

    it('should find nothing when fewer days than the threshold have passed since the visit', () => {
      assert.deepEqual(behind(at('2026-03-12T23:59'), { visits }), []);
    });

    it('should tell only the observer to open the observation card when the threshold has passed', () => {
      assert.deepEqual(behind(at('2026-03-13T08:00'), { visits }), [
        {
          kind: 'noObservation',
          recipientIds: [TEACHER_A],
          verb: 'observation.open',
          visitId: 'visit-1',
          since: '2026-03-10',
          days: 3,
        },
      ]);
    });

    it("should count from the visit's local date when the visit is just after midnight (a UTC day earlier)", () => {
      const early = [buildVisit({ state: 'confirmed', startsAt: utc('2026-03-10T00:30') })];
      assert.deepEqual(behind(at('2026-03-12T23:59'), { visits: early }), []);
      assert.equal(behind(at('2026-03-13T00:00'), { visits: early })[0]!.kind, 'noObservation');
    });
  });

  describe('noDebriefScheduled', () => {
    it('should tell both partners to propose moments when the threshold has passed since the observation', () => {
      const visits = [buildVisit({ state: 'observed', observedAt: utc('2026-03-10T16:00') })];
      assert.deepEqual(behind(at('2026-03-14T16:00'), { visits }), []);
      assert.deepEqual(behind(at('2026-03-15T08:00'), { visits }), [
        {
          kind: 'noDebriefScheduled',
          recipientIds: [TEACHER_A, TEACHER_B],
          verb: 'debrief.propose',
          visitId: 'visit-1',
          since: '2026-03-10',
          days: 5,
        },
      ]);
    });

    it('should tell only the partner who can pick when moments are proposed and still ahead', () => {
      const visits = [
        buildVisit({
          state: 'debriefProposed',
          proposedBy: TEACHER_A,
          observedAt: utc('2026-03-10T16:00'),
          debriefMoments: [utc('2026-03-20T15:00')],
        }),
      ];
      assert.deepEqual(
        behind(at('2026-03-15T08:00'), { visits }).map((v) => [v.kind, v.recipientIds, v.verb]),
        [['noDebriefScheduled', [TEACHER_B], 'debrief.pick']],
      );
    });

    it('should tell both to propose again when every proposed moment has passed', () => {
      const visits = [
        buildVisit({
          state: 'debriefProposed',
          proposedBy: TEACHER_A,
          observedAt: utc('2026-03-10T16:00'),
          debriefMoments: [utc('2026-03-12T15:00')],
        }),
      ];
      assert.deepEqual(
        behind(at('2026-03-15T08:00'), { visits }).map((v) => [v.kind, v.recipientIds, v.verb]),
        [['noDebriefScheduled', [TEACHER_A, TEACHER_B], 'debrief.propose']],
      );
    });

    it('should address only the two teachers of the visit when the pair is a trio', () => {
      const pair = buildPair({ memberIds: [TEACHER_A, TEACHER_B, TEACHER_C] });
      const visits = [
        buildVisit({
          state: 'observed',
          observerId: TEACHER_C,
          observedId: TEACHER_A,
          observedAt: utc('2026-03-10T16:00'),
        }),
      ];
      assert.deepEqual(behind(at('2026-03-15T08:00'), { pair, visits })[0]!.recipientIds, [TEACHER_A, TEACHER_C]);
    });
  });

  describe('noDebriefRecorded', () => {
    const visits = [buildVisit({ state: 'debriefScheduled', debriefAt: utc('2026-03-12T15:00') })];

    it('should find nothing when the debrief moment is ahead or fewer days have passed', () => {
      assert.deepEqual(behind(at('2026-03-11T10:00'), { visits }), []);
      assert.deepEqual(behind(at('2026-03-13T23:00'), { visits }), []);
    });

    it('should tell both to record the debrief when the threshold has passed since the debrief moment', () => {
      assert.deepEqual(behind(at('2026-03-14T09:00'), { visits }), [
        {
          kind: 'noDebriefRecorded',
          recipientIds: [TEACHER_A, TEACHER_B],
          verb: 'debrief.record',
          visitId: 'visit-1',
          since: '2026-03-12',
          days: 2,
        },
      ]);
    });
  });

  describe('visitsMissingNearEnd', () => {
    const cycle = buildCycle({ visitsCompleted: 1, lastStepAt: utc('2026-06-05T16:00') });

    it('should find nothing when the end is further away than the threshold', () => {
      assert.deepEqual(behind(at('2026-06-08T12:00'), { cycle }), []);
    });

    it('should tell both to plan when the end is within the threshold and visits are missing', () => {
      assert.deepEqual(behind(at('2026-06-09T12:00'), { cycle }), [
        {
          kind: 'visitsMissingNearEnd',
          recipientIds: [TEACHER_A, TEACHER_B],
          verb: 'visit.plan',
          since: '2026-06-30',
          days: 21,
        },
      ]);
    });

    it("should point to the open visit's card when a visit is under way near the end", () => {
      const visits = [buildVisit({ sequence: 2, state: 'confirmed', startsAt: utc('2026-06-15T10:00') })];
      assert.deepEqual(
        behind(at('2026-06-10T12:00'), { cycle, visits }).map((v) => [v.kind, v.verb, v.visitId]),
        [['visitsMissingNearEnd', 'status.show', 'visit-1']],
      );
    });

    it('should list the specific verdict first and the near-end one last when both hold', () => {
      const visits = [buildVisit({ sequence: 2, state: 'confirmed', startsAt: utc('2026-06-15T10:00') })];
      assert.deepEqual(
        behind(at('2026-06-20T12:00'), { cycle, visits }).map((v) => [v.kind, v.verb]),
        [
          ['noObservation', 'observation.open'],
          ['visitsMissingNearEnd', 'observation.open'],
        ],
      );
    });

    it('should find nothing when the agreed visits are done', () => {
      assert.deepEqual(
        behind(at('2026-06-20T12:00'), { cycle: buildCycle({ visitsCompleted: 2, status: 'complete' }) }),
        [],
      );
    });

    it('should still warn on the last day of the programme', () => {
      assert.deepEqual(
        behind(at('2026-06-30T16:00'), { cycle }).map((v) => v.kind),
        ['noVisitPlanned', 'visitsMissingNearEnd'],
      );
    });
  });

  describe('when nothing should be reported', () => {
    const late = at('2026-03-01T10:00'); // four weeks after pairing: otherwise behind on planning

    it('should report nothing while the pair is snoozed and report again once the snooze has passed', () => {
      assert.deepEqual(behind(late, { pair: buildPair({ snoozedUntil: utc('2026-03-05T00:00') }) }), []);
      assert.equal(behind(late, { pair: buildPair({ snoozedUntil: utc('2026-02-27T00:00') }) }).length, 1);
    });

    it('should report nothing when the pair or cycle is closed or the programme archived', () => {
      assert.deepEqual(behind(late, { pair: buildPair({ status: 'closed' }) }), []);
      assert.deepEqual(behind(late, { cycle: buildCycle({ status: 'closed' }) }), []);
      assert.deepEqual(behind(late, { programme: buildProgramme({ status: 'archived' }) }), []);
    });

    it('should report nothing outside the programme period', () => {
      assert.deepEqual(behind(at('2026-07-01T10:00')), []);
      assert.deepEqual(
        behind(at('2026-01-31T10:00'), {
          pair: buildPair({ createdAt: utc('2026-01-01T09:00') }),
          cycle: buildCycle({ startedAt: utc('2026-01-01T09:00') }),
        }),
        [],
      );
    });
  });
});

describe('domain/behind: a step that waits for the school (issue 15)', () => {
  // Paired 2026-02-02 09:00, 7 days to plan a visit: behind on planning from 2026-02-09.
  const open = buildPairNeed({ requestedAt: utc('2026-02-05T10:00') });

  it('should not report a step as behind while a need of that step is open, but as waiting for the school', () => {
    assert.deepEqual(behind(at('2026-02-20T10:00'), { needs: [open] }), []);
    const assessed = assessBehind({
      programme: buildProgramme(),
      pair: buildPair(),
      cycle: buildCycle(),
      visits: [],
      now: at('2026-02-20T10:00'),
      timezone: ZONE,
      needs: [open],
    });
    assert.deepEqual(
      assessed.waiting.map((v) => [v.kind, v.since]),
      [['noVisitPlanned', '2026-02-02']],
    );
    assert.equal(assessed.waitingForSchool, true);
  });

  it('should say the pair waits for the school as soon as its step has an open need, before any threshold passed', () => {
    const assessed = assessBehind({
      programme: buildProgramme(),
      pair: buildPair(),
      cycle: buildCycle(),
      visits: [],
      now: at('2026-02-06T10:00'),
      timezone: ZONE,
      needs: [open],
    });
    assert.deepEqual([assessed.behind, assessed.waiting, assessed.waitingForSchool], [[], [], true]);
  });

  it('should still report another step, and ignore the needs of another pair or an answered one', () => {
    const visits = [buildVisit({ state: 'confirmed' })]; // 2026-03-10 09:00
    assert.deepEqual(
      behind(at('2026-03-13T08:00'), { visits, needs: [open] }).map((v) => v.kind),
      ['noObservation'],
    );
    const others = [
      buildPairNeed({ pairId: 'pair-2' }),
      buildPairNeed({ id: 'need:pair-1:noVisitPlanned:2', status: 'declined', answeredAt: utc('2026-02-06T10:00') }),
    ];
    assert.deepEqual(
      behind(at('2026-02-10T10:00'), { needs: others }).map((v) => [v.kind, v.since]),
      [['noVisitPlanned', '2026-02-02']],
      'a declined need keeps the old clock',
    );
  });

  it("should restart the step's clock from the day the school arranged it", () => {
    const arranged = buildPairNeed({ status: 'arranged', answeredBy: 'leader-1', answeredAt: utc('2026-02-16T15:00') });
    assert.deepEqual(behind(at('2026-02-22T10:00'), { needs: [arranged] }), [], '6 days after the arranged day');
    assert.deepEqual(
      behind(at('2026-02-23T08:00'), { needs: [arranged] }).map((v) => [v.kind, v.since, v.days]),
      [['noVisitPlanned', '2026-02-16', 7]],
    );
  });

  it('should hold back the near-end warning while the step the pair is on waits for the school', () => {
    const cycle = buildCycle({ visitsCompleted: 1, lastStepAt: utc('2026-06-05T16:00') });
    const need = buildPairNeed({ requestedAt: utc('2026-06-08T10:00') });
    assert.deepEqual(behind(at('2026-06-20T12:00'), { cycle, needs: [need] }), []);
    const nearEnd = buildPairNeed({ step: 'visitsMissingNearEnd', requestedAt: utc('2026-06-10T10:00') });
    assert.deepEqual(behind(at('2026-06-20T12:00'), { cycle, needs: [nearEnd] }), [], 'it holds back every step');
    const other = buildPairNeed({ step: 'noObservation', requestedAt: utc('2026-06-10T10:00') });
    assert.deepEqual(
      behind(at('2026-06-20T12:00'), { cycle, needs: [other] }).map((v) => v.kind),
      ['noVisitPlanned', 'visitsMissingNearEnd'],
      'a need of a step the pair is not on holds back nothing',
    );
  });
});

describe('domain/behind: openVisitOf', () => {
  it('should pick the open visit with the highest sequence when older visits are done or cancelled', () => {
    const visits = [
      buildVisit({ id: 'v1', sequence: 1, state: 'debriefed' }),
      buildVisit({ id: 'v2', sequence: 2, state: 'cancelled' }),
      buildVisit({ id: 'v3', sequence: 2, state: 'proposed' }),
    ];
    assert.equal(openVisitOf(visits, 'pair-1', 'cycle-1')?.id, 'v3');
    assert.equal(openVisitOf(visits.slice(0, 2), 'pair-1', 'cycle-1'), undefined);
  });
});
