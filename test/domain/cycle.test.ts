import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import type { Visit, VisitState } from '../../src/domain/entities';
import type { Result } from '../../src/domain/errors';
import {
  ALLOWED_TRANSITIONS,
  MAX_DEBRIEF_MOMENTS,
  applyVisitEvent,
  closeCycle,
  completeVisit,
  type VisitEvent,
  visitsAgreedFor,
} from '../../src/domain/cycle';
import { currentStep, nextRoles } from '../../src/domain/visit-rules';
import { OUTSIDER, TEACHER_A, TEACHER_B, TEACHER_C, at, buildCycle, buildVisit, utc } from './builders';

// The default visit is on 2026-03-10 09:00 Amsterdam, TEACHER_A observes TEACHER_B.
const BEFORE_VISIT = at('2026-03-05T10:00');
const AFTER_VISIT = at('2026-03-10T12:00');
const LATER = at('2026-03-11T10:00');
// The default debrief (when scheduled) is on 2026-03-12 15:00.
const AFTER_DEBRIEF = at('2026-03-12T16:00');

const ALL_STATES: readonly VisitState[] = [
  'proposed',
  'confirmed',
  'observed',
  'debriefProposed',
  'debriefScheduled',
  'debriefed',
  'cancelled',
];

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code} ${JSON.stringify(result.error.detail)}`);
  return result.value;
}

function errorOf<T>(result: Result<T>): { code: string; detail: Readonly<Record<string, string | number>> } {
  if (result.ok) assert.fail('expected a refusal, got ok');
  return { code: result.error.code, detail: result.error.detail };
}

/** A well-formed event of each kind, with an actor and a moment that the rules accept. */
function validAttempt(kind: VisitEvent['kind'], visit: Visit): { event: VisitEvent; actor: string; now: DateTime } {
  const other = (id: string) => (id === visit.observerId ? visit.observedId : visit.observerId);
  switch (kind) {
    case 'counterPropose':
      return { event: { kind, startsAt: at('2026-03-20T10:00') }, actor: other(visit.proposedBy), now: BEFORE_VISIT };
    case 'confirm':
      return { event: { kind }, actor: other(visit.proposedBy), now: BEFORE_VISIT };
    case 'postObservation':
      return { event: { kind }, actor: visit.observerId, now: AFTER_VISIT };
    case 'proposeDebrief':
      return { event: { kind, moments: [at('2026-03-12T15:00')] }, actor: visit.observedId, now: AFTER_VISIT };
    case 'pickDebrief': {
      const moment = visit.debriefMoments[0] ? DateTime.fromISO(visit.debriefMoments[0]) : at('2026-03-12T15:00');
      return { event: { kind, moment }, actor: other(visit.proposedBy), now: AFTER_VISIT };
    }
    case 'recordDebrief':
      return { event: { kind }, actor: visit.observedId, now: AFTER_DEBRIEF };
    case 'cancel':
      return { event: { kind }, actor: visit.observedId, now: AFTER_VISIT };
  }
}

describe('domain/cycle: the visit state machine', () => {
  describe('ALLOWED_TRANSITIONS as a whole', () => {
    for (const kind of Object.keys(ALLOWED_TRANSITIONS) as VisitEvent['kind'][]) {
      for (const state of ALL_STATES) {
        const allowed = ALLOWED_TRANSITIONS[kind].from.includes(state);
        it(`should ${allowed ? 'move to ' + ALLOWED_TRANSITIONS[kind].to : 'refuse with INVALID_TRANSITION'} when ${kind} arrives in state ${state}`, () => {
          const visit = buildVisit({ state });
          const { event, actor, now } = validAttempt(kind, visit);
          const result = applyVisitEvent(visit, event, actor, now);
          if (allowed) {
            assert.equal(value(result).state, ALLOWED_TRANSITIONS[kind].to);
          } else {
            assert.deepEqual(errorOf(result), { code: 'INVALID_TRANSITION', detail: { from: state, event: kind } });
          }
        });
      }
    }

    it('should refuse every event with NOT_A_PAIR_MEMBER when the actor is not in the visit, whatever the state', () => {
      for (const kind of Object.keys(ALLOWED_TRANSITIONS) as VisitEvent['kind'][]) {
        for (const state of ALL_STATES) {
          const visit = buildVisit({ state });
          const { event, now } = validAttempt(kind, visit);
          assert.equal(
            errorOf(applyVisitEvent(visit, event, OUTSIDER, now)).code,
            'NOT_A_PAIR_MEMBER',
            `${kind} in ${state}`,
          );
        }
      }
    });

    it('should refuse with NOT_A_PAIR_MEMBER when the third member of a trio acts on a visit between the other two', () => {
      const visit = buildVisit({ state: 'proposed', personIds: [TEACHER_A, TEACHER_B] });
      assert.equal(
        errorOf(applyVisitEvent(visit, { kind: 'confirm' }, TEACHER_C, BEFORE_VISIT)).code,
        'NOT_A_PAIR_MEMBER',
      );
    });

    it('should leave the input visit unchanged when a transition succeeds', () => {
      const visit = buildVisit({ state: 'proposed' });
      const copy = JSON.parse(JSON.stringify(visit));
      value(applyVisitEvent(visit, { kind: 'confirm' }, TEACHER_B, BEFORE_VISIT));
      assert.deepEqual(visit, copy);
    });
  });

  describe('counterPropose', () => {
    it('should make the partner the proposer of the new moment when the partner proposes another moment', () => {
      const visit = buildVisit({ state: 'proposed', proposedBy: TEACHER_A });
      const next = value(
        applyVisitEvent(visit, { kind: 'counterPropose', startsAt: at('2026-03-17T11:00') }, TEACHER_B, BEFORE_VISIT),
      );
      assert.equal(next.state, 'proposed');
      assert.equal(next.startsAt, utc('2026-03-17T11:00'));
      assert.equal(next.proposedBy, TEACHER_B);
      assert.equal(next.updatedAt, BEFORE_VISIT.toUTC().toISO());
    });

    it('should reopen a confirmed plan when either partner proposes another moment', () => {
      const visit = buildVisit({ state: 'confirmed' });
      const next = value(
        applyVisitEvent(visit, { kind: 'counterPropose', startsAt: at('2026-03-17T11:00') }, TEACHER_A, BEFORE_VISIT),
      );
      assert.equal(next.state, 'proposed');
      assert.equal(next.proposedBy, TEACHER_A);
    });

    it('should store the moment in UTC when it is given in the school zone across the spring DST change', () => {
      const visit = buildVisit({ state: 'proposed' });
      const next = value(
        applyVisitEvent(visit, { kind: 'counterPropose', startsAt: at('2026-03-30T09:00') }, TEACHER_B, BEFORE_VISIT),
      );
      assert.equal(next.startsAt, '2026-03-30T07:00:00.000Z');
    });

    it('should refuse with DATE_IN_PAST when the new moment is before now', () => {
      const visit = buildVisit({ state: 'proposed' });
      assert.equal(
        errorOf(
          applyVisitEvent(visit, { kind: 'counterPropose', startsAt: at('2026-03-01T09:00') }, TEACHER_B, BEFORE_VISIT),
        ).code,
        'DATE_IN_PAST',
      );
    });

    it('should refuse with DATE_IN_PAST when the new moment is exactly now', () => {
      const visit = buildVisit({ state: 'proposed' });
      assert.equal(
        errorOf(applyVisitEvent(visit, { kind: 'counterPropose', startsAt: BEFORE_VISIT }, TEACHER_B, BEFORE_VISIT))
          .code,
        'DATE_IN_PAST',
      );
    });

    it('should refuse with DATE_INVALID when the new moment is not a valid date', () => {
      const visit = buildVisit({ state: 'proposed' });
      const invalid = DateTime.fromISO('2026-02-30T09:00', { zone: 'Europe/Amsterdam' });
      assert.equal(
        errorOf(applyVisitEvent(visit, { kind: 'counterPropose', startsAt: invalid }, TEACHER_B, BEFORE_VISIT)).code,
        'DATE_INVALID',
      );
    });
  });

  describe('confirm', () => {
    it('should confirm the plan when the partner who did not propose it confirms', () => {
      const visit = buildVisit({ state: 'proposed', proposedBy: TEACHER_A });
      const next = value(applyVisitEvent(visit, { kind: 'confirm' }, TEACHER_B, BEFORE_VISIT));
      assert.equal(next.state, 'confirmed');
      assert.equal(next.startsAt, visit.startsAt);
    });

    it('should let the observed teacher propose and the observer confirm when the observed teacher planned it', () => {
      const visit = buildVisit({ state: 'proposed', proposedBy: TEACHER_B });
      assert.equal(value(applyVisitEvent(visit, { kind: 'confirm' }, TEACHER_A, BEFORE_VISIT)).state, 'confirmed');
    });

    it('should refuse with NOT_YOUR_TURN when the proposer confirms their own plan', () => {
      const visit = buildVisit({ state: 'proposed', proposedBy: TEACHER_A });
      assert.equal(errorOf(applyVisitEvent(visit, { kind: 'confirm' }, TEACHER_A, BEFORE_VISIT)).code, 'NOT_YOUR_TURN');
    });

    it('should refuse with NOT_YOUR_TURN when the partner confirms their own counter-proposal', () => {
      const visit = buildVisit({ state: 'proposed', proposedBy: TEACHER_A });
      const countered = value(
        applyVisitEvent(visit, { kind: 'counterPropose', startsAt: at('2026-03-17T11:00') }, TEACHER_B, BEFORE_VISIT),
      );
      assert.equal(
        errorOf(applyVisitEvent(countered, { kind: 'confirm' }, TEACHER_B, BEFORE_VISIT)).code,
        'NOT_YOUR_TURN',
      );
      assert.equal(value(applyVisitEvent(countered, { kind: 'confirm' }, TEACHER_A, BEFORE_VISIT)).state, 'confirmed');
    });
  });

  describe('postObservation', () => {
    it('should mark the visit observed with the moment when the observer posts after the visit', () => {
      const visit = buildVisit({ state: 'confirmed' });
      const next = value(applyVisitEvent(visit, { kind: 'postObservation' }, TEACHER_A, AFTER_VISIT));
      assert.equal(next.state, 'observed');
      assert.equal(next.observedAt, AFTER_VISIT.toUTC().toISO());
    });

    it('should accept the observation when it is posted exactly at the visit moment', () => {
      const visit = buildVisit({ state: 'confirmed' });
      assert.equal(
        value(applyVisitEvent(visit, { kind: 'postObservation' }, TEACHER_A, at('2026-03-10T09:00'))).state,
        'observed',
      );
    });

    it('should refuse with NOT_YOUR_TURN when the observed teacher posts an observation', () => {
      const visit = buildVisit({ state: 'confirmed' });
      assert.equal(
        errorOf(applyVisitEvent(visit, { kind: 'postObservation' }, TEACHER_B, AFTER_VISIT)).code,
        'NOT_YOUR_TURN',
      );
    });

    it('should refuse with VISIT_NOT_YET when the observation comes before the visit moment', () => {
      const visit = buildVisit({ state: 'confirmed' });
      assert.deepEqual(
        errorOf(applyVisitEvent(visit, { kind: 'postObservation' }, TEACHER_A, at('2026-03-10T08:59'))),
        {
          code: 'VISIT_NOT_YET',
          detail: { from: 'confirmed', event: 'postObservation' },
        },
      );
    });

    it('should refuse with INVALID_TRANSITION when the plan was never confirmed', () => {
      const visit = buildVisit({ state: 'proposed' });
      assert.equal(
        errorOf(applyVisitEvent(visit, { kind: 'postObservation' }, TEACHER_A, AFTER_VISIT)).code,
        'INVALID_TRANSITION',
      );
    });
  });

  describe('proposeDebrief', () => {
    const observed = () => buildVisit({ state: 'observed' });

    it('should store up to three moments sorted and in UTC and make the actor the proposer when moments are proposed', () => {
      const moments = [at('2026-03-13T15:00'), at('2026-03-11T15:00'), at('2026-03-12T08:30')];
      const next = value(applyVisitEvent(observed(), { kind: 'proposeDebrief', moments }, TEACHER_B, AFTER_VISIT));
      assert.equal(next.state, 'debriefProposed');
      assert.equal(next.proposedBy, TEACHER_B);
      assert.deepEqual(next.debriefMoments, [
        utc('2026-03-11T15:00'),
        utc('2026-03-12T08:30'),
        utc('2026-03-13T15:00'),
      ]);
    });

    it('should keep one copy when the same moment is proposed twice', () => {
      const moments = [at('2026-03-11T15:00'), at('2026-03-11T15:00').setZone('UTC')];
      const next = value(applyVisitEvent(observed(), { kind: 'proposeDebrief', moments }, TEACHER_A, AFTER_VISIT));
      assert.deepEqual(next.debriefMoments, [utc('2026-03-11T15:00')]);
    });

    it('should replace the earlier moments when a partner proposes again', () => {
      const visit = buildVisit({ state: 'debriefProposed', proposedBy: TEACHER_A });
      const next = value(
        applyVisitEvent(visit, { kind: 'proposeDebrief', moments: [at('2026-03-16T14:00')] }, TEACHER_B, LATER),
      );
      assert.deepEqual(next.debriefMoments, [utc('2026-03-16T14:00')]);
      assert.equal(next.proposedBy, TEACHER_B);
    });

    it('should refuse with INVALID_INPUT when no moment is proposed', () => {
      assert.deepEqual(
        errorOf(applyVisitEvent(observed(), { kind: 'proposeDebrief', moments: [] }, TEACHER_A, AFTER_VISIT)),
        {
          code: 'INVALID_INPUT',
          detail: { field: 'moments', max: MAX_DEBRIEF_MOMENTS },
        },
      );
    });

    it('should refuse with INVALID_INPUT when more than three moments are proposed', () => {
      const moments = [11, 12, 13, 16].map((d) => at(`2026-03-${d}T15:00`));
      assert.equal(
        errorOf(applyVisitEvent(observed(), { kind: 'proposeDebrief', moments }, TEACHER_A, AFTER_VISIT)).code,
        'INVALID_INPUT',
      );
    });

    it('should refuse with DATE_IN_PAST when one of the moments has passed', () => {
      const moments = [at('2026-03-12T15:00'), at('2026-03-10T11:00')];
      assert.equal(
        errorOf(applyVisitEvent(observed(), { kind: 'proposeDebrief', moments }, TEACHER_A, AFTER_VISIT)).code,
        'DATE_IN_PAST',
      );
    });

    it('should refuse with DATE_INVALID when one of the moments is not a valid date', () => {
      const moments = [at('2026-03-12T15:00'), DateTime.fromISO('not a date')];
      assert.equal(
        errorOf(applyVisitEvent(observed(), { kind: 'proposeDebrief', moments }, TEACHER_A, AFTER_VISIT)).code,
        'DATE_INVALID',
      );
    });

    it('should refuse with INVALID_TRANSITION when no observation was posted yet', () => {
      const visit = buildVisit({ state: 'confirmed' });
      assert.equal(
        errorOf(
          applyVisitEvent(visit, { kind: 'proposeDebrief', moments: [at('2026-03-12T15:00')] }, TEACHER_A, AFTER_VISIT),
        ).code,
        'INVALID_TRANSITION',
      );
    });
  });

  describe('pickDebrief', () => {
    const proposed = () => buildVisit({ state: 'debriefProposed', proposedBy: TEACHER_A });

    it('should schedule the debrief at the picked moment when the other partner picks a proposed moment', () => {
      const visit = proposed();
      const next = value(
        applyVisitEvent(
          visit,
          { kind: 'pickDebrief', moment: DateTime.fromISO(visit.debriefMoments[1]!) },
          TEACHER_B,
          AFTER_VISIT,
        ),
      );
      assert.equal(next.state, 'debriefScheduled');
      assert.equal(next.debriefAt, visit.debriefMoments[1]);
    });

    it('should accept the pick when the moment is given in another time zone', () => {
      const visit = proposed();
      const next = value(
        applyVisitEvent(
          visit,
          { kind: 'pickDebrief', moment: at('2026-03-12T15:00').setZone('America/New_York') },
          TEACHER_B,
          AFTER_VISIT,
        ),
      );
      assert.equal(next.debriefAt, utc('2026-03-12T15:00'));
    });

    it('should refuse with NOT_YOUR_TURN when the proposer picks one of their own moments', () => {
      const visit = proposed();
      assert.equal(
        errorOf(
          applyVisitEvent(
            visit,
            { kind: 'pickDebrief', moment: DateTime.fromISO(visit.debriefMoments[0]!) },
            TEACHER_A,
            AFTER_VISIT,
          ),
        ).code,
        'NOT_YOUR_TURN',
      );
    });

    it('should refuse with INVALID_INPUT when the moment was not proposed', () => {
      assert.deepEqual(
        errorOf(
          applyVisitEvent(proposed(), { kind: 'pickDebrief', moment: at('2026-03-12T16:00') }, TEACHER_B, AFTER_VISIT),
        ),
        {
          code: 'INVALID_INPUT',
          detail: { field: 'moment' },
        },
      );
    });

    it('should refuse with DATE_IN_PAST when the proposed moment has passed by the time it is picked', () => {
      const visit = proposed();
      assert.equal(
        errorOf(
          applyVisitEvent(
            visit,
            { kind: 'pickDebrief', moment: DateTime.fromISO(visit.debriefMoments[0]!) },
            TEACHER_B,
            at('2026-03-12T15:30'),
          ),
        ).code,
        'DATE_IN_PAST',
      );
    });

    it('should refuse with DATE_INVALID when the picked moment is not a valid date', () => {
      assert.equal(
        errorOf(
          applyVisitEvent(
            proposed(),
            { kind: 'pickDebrief', moment: DateTime.invalid('forged') },
            TEACHER_B,
            AFTER_VISIT,
          ),
        ).code,
        'DATE_INVALID',
      );
    });
  });

  describe('recordDebrief', () => {
    it('should mark the visit debriefed with the moment when either partner records the debrief', () => {
      for (const actor of [TEACHER_A, TEACHER_B]) {
        const next = value(
          applyVisitEvent(buildVisit({ state: 'debriefScheduled' }), { kind: 'recordDebrief' }, actor, AFTER_DEBRIEF),
        );
        assert.equal(next.state, 'debriefed');
        assert.equal(next.debriefedAt, AFTER_DEBRIEF.toUTC().toISO());
      }
    });

    it('should refuse with DEBRIEF_NOT_YET and change nothing when the debrief is recorded before its picked moment', () => {
      const visit = buildVisit({ state: 'debriefScheduled' });
      assert.equal(
        errorOf(applyVisitEvent(visit, { kind: 'recordDebrief' }, TEACHER_A, LATER)).code,
        'DEBRIEF_NOT_YET',
      );
    });

    it('should refuse with INVALID_TRANSITION when the debrief is recorded twice', () => {
      assert.equal(
        errorOf(applyVisitEvent(buildVisit({ state: 'debriefed' }), { kind: 'recordDebrief' }, TEACHER_A, LATER)).code,
        'INVALID_TRANSITION',
      );
    });
  });

  describe('cancel', () => {
    for (const state of ['proposed', 'confirmed'] as const) {
      it(`should cancel the visit when a participant cancels it in state ${state}`, () => {
        assert.equal(
          value(applyVisitEvent(buildVisit({ state }), { kind: 'cancel' }, TEACHER_A, AFTER_VISIT)).state,
          'cancelled',
        );
      });
    }

    // One rule for the card, the handler and the state machine: once the observation is posted the visit took place.
    for (const state of ['observed', 'debriefProposed', 'debriefScheduled', 'debriefed'] as const) {
      it(`should refuse with INVALID_TRANSITION when a ${state} visit is cancelled`, () => {
        assert.equal(
          errorOf(applyVisitEvent(buildVisit({ state }), { kind: 'cancel' }, TEACHER_A, LATER)).code,
          'INVALID_TRANSITION',
        );
      });
    }
  });

  describe('a whole visit', () => {
    it('should go from plan to debrief when each partner does their step in turn', () => {
      let visit = buildVisit({ state: 'proposed', proposedBy: TEACHER_A });
      visit = value(
        applyVisitEvent(visit, { kind: 'counterPropose', startsAt: at('2026-03-10T09:00') }, TEACHER_B, BEFORE_VISIT),
      );
      visit = value(applyVisitEvent(visit, { kind: 'confirm' }, TEACHER_A, BEFORE_VISIT));
      visit = value(applyVisitEvent(visit, { kind: 'postObservation' }, TEACHER_A, AFTER_VISIT));
      visit = value(
        applyVisitEvent(
          visit,
          { kind: 'proposeDebrief', moments: [at('2026-03-12T15:00'), at('2026-03-13T15:00')] },
          TEACHER_A,
          AFTER_VISIT,
        ),
      );
      visit = value(
        applyVisitEvent(visit, { kind: 'pickDebrief', moment: at('2026-03-13T15:00') }, TEACHER_B, AFTER_VISIT),
      );
      visit = value(applyVisitEvent(visit, { kind: 'recordDebrief' }, TEACHER_B, at('2026-03-13T16:00')));
      assert.equal(visit.state, 'debriefed');
      assert.equal(visit.debriefAt, utc('2026-03-13T15:00'));
    });
  });
});

describe('domain/cycle: nextRoles', () => {
  it('should make the proposer the observer of their partner when it is the first visit of a pair', () => {
    assert.deepEqual(nextRoles([TEACHER_A, TEACHER_B], undefined, TEACHER_B), {
      observerId: TEACHER_B,
      observedId: TEACHER_A,
    });
  });

  it('should swap the roles when a pair plans its next visit', () => {
    assert.deepEqual(nextRoles([TEACHER_A, TEACHER_B], { observerId: TEACHER_A, observedId: TEACHER_B }, TEACHER_A), {
      observerId: TEACHER_B,
      observedId: TEACHER_A,
    });
  });

  it('should let the proposer observe someone else when it is the first visit of a trio', () => {
    const roles = nextRoles([TEACHER_A, TEACHER_B, TEACHER_C], undefined, TEACHER_C);
    assert.equal(roles.observerId, TEACHER_C);
    assert.notEqual(roles.observedId, TEACHER_C);
  });

  it('should rotate a trio so that everyone observes once and is observed once in three visits, whichever way it starts', () => {
    const members = [TEACHER_A, TEACHER_B, TEACHER_C];
    for (const first of [
      { observerId: TEACHER_A, observedId: TEACHER_B },
      { observerId: TEACHER_B, observedId: TEACHER_A },
      { observerId: TEACHER_C, observedId: TEACHER_A },
      { observerId: TEACHER_A, observedId: TEACHER_C },
    ]) {
      const second = nextRoles(members, first, first.observedId);
      const third = nextRoles(members, second, second.observedId);
      const visits = [first, second, third];
      assert.deepEqual(visits.map((v) => v.observerId).sort(), [...members].sort(), JSON.stringify(visits));
      assert.deepEqual(visits.map((v) => v.observedId).sort(), [...members].sort(), JSON.stringify(visits));
      for (const v of visits) assert.notEqual(v.observerId, v.observedId);
    }
  });
});

describe('domain/cycle: completeVisit', () => {
  const now = at('2026-03-13T16:00');

  it('should count the visit and keep the cycle active when fewer visits than agreed are done', () => {
    const cycle = value(completeVisit(buildCycle({ visitsAgreed: 2, visitsCompleted: 0 }), now));
    assert.equal(cycle.visitsCompleted, 1);
    assert.equal(cycle.status, 'active');
    assert.equal(cycle.lastStepAt, now.toUTC().toISO());
    assert.equal(cycle.completedAt, undefined);
  });

  it('should complete the cycle when the agreed number of visits is reached', () => {
    const cycle = value(completeVisit(buildCycle({ visitsAgreed: 2, visitsCompleted: 1 }), now));
    assert.equal(cycle.visitsCompleted, 2);
    assert.equal(cycle.status, 'complete');
    assert.equal(cycle.completedAt, now.toUTC().toISO());
  });

  it('should need three visits when a trio agreed three', () => {
    const second = value(completeVisit(buildCycle({ visitsAgreed: 3, visitsCompleted: 1 }), now));
    assert.equal(second.status, 'active');
    assert.equal(value(completeVisit(second, now)).status, 'complete');
  });

  it('should refuse with CYCLE_CLOSED when the cycle is already complete or closed', () => {
    assert.equal(
      errorOf(completeVisit(buildCycle({ status: 'complete', visitsCompleted: 2 }), now)).code,
      'CYCLE_CLOSED',
    );
    assert.equal(errorOf(completeVisit(buildCycle({ status: 'closed' }), now)).code, 'CYCLE_CLOSED');
  });
});

describe('domain/cycle: closeCycle', () => {
  const now = at('2026-04-01T10:00');

  it('should close an active cycle and keep its history when the partners switch', () => {
    const cycle = value(closeCycle(buildCycle({ visitsCompleted: 1 }), now));
    assert.equal(cycle.status, 'closed');
    assert.equal(cycle.closedAt, now.toUTC().toISO());
    assert.equal(cycle.visitsCompleted, 1);
  });

  it('should refuse with CYCLE_CLOSED when the cycle is complete or already closed', () => {
    assert.equal(errorOf(closeCycle(buildCycle({ status: 'complete' }), now)).code, 'CYCLE_CLOSED');
    assert.equal(errorOf(closeCycle(buildCycle({ status: 'closed' }), now)).code, 'CYCLE_CLOSED');
  });
});

describe('domain/cycle: currentStep', () => {
  const cycle = buildCycle();
  const cases: [string, Visit | undefined, DateTime, string][] = [
    ['no visit yet', undefined, BEFORE_VISIT, 'planVisit'],
    ['the last visit is debriefed', buildVisit({ state: 'debriefed' }), LATER, 'planVisit'],
    ['the last visit was cancelled', buildVisit({ state: 'cancelled' }), LATER, 'planVisit'],
    ['a plan waits for the partner', buildVisit({ state: 'proposed' }), BEFORE_VISIT, 'confirmVisit'],
    ['a confirmed visit is still ahead', buildVisit({ state: 'confirmed' }), BEFORE_VISIT, 'awaitVisit'],
    ['a confirmed visit has taken place', buildVisit({ state: 'confirmed' }), AFTER_VISIT, 'postObservation'],
    ['the observation is posted', buildVisit({ state: 'observed' }), AFTER_VISIT, 'proposeDebrief'],
    ['debrief moments are proposed', buildVisit({ state: 'debriefProposed' }), AFTER_VISIT, 'pickDebrief'],
    ['the debrief is scheduled', buildVisit({ state: 'debriefScheduled' }), LATER, 'recordDebrief'],
  ];
  for (const [when, visit, now, step] of cases) {
    it(`should be ${step} when ${when}`, () => {
      assert.equal(currentStep(cycle, visit, now), step);
    });
  }

  it('should be complete or closed when the cycle is, whatever the visit', () => {
    assert.equal(currentStep(buildCycle({ status: 'complete' }), buildVisit({ state: 'proposed' }), LATER), 'complete');
    assert.equal(currentStep(buildCycle({ status: 'closed' }), buildVisit({ state: 'confirmed' }), LATER), 'closed');
  });
});

describe('domain/cycle: visits agreed per group', () => {
  it('should keep the programme number for a pair', () => {
    assert.equal(visitsAgreedFor(2, 2), 2);
    assert.equal(visitsAgreedFor(4, 2), 4);
  });

  it('should give a trio enough visits for everyone to be observed as often as in a pair', () => {
    assert.equal(visitsAgreedFor(2, 3), 3);
    assert.equal(visitsAgreedFor(4, 3), 6);
    assert.equal(visitsAgreedFor(1, 3), 2);
  });
});
