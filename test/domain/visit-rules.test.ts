import { strict as assert } from 'node:assert';
import type { DateTime } from 'luxon';
import type { Cycle, Visit } from '../../src/domain/entities';
import {
  isDebriefHeld,
  isVisitDone,
  pairProgress,
  planRoles,
  visitAction,
  visitRules,
  type VisitAction,
  type VisitOwnAction,
} from '../../src/domain/visit-rules';
import { OUTSIDER, TEACHER_A, TEACHER_B, TEACHER_C, at, buildCycle, buildVisit, utc } from './builders';

// The default visit is on 2026-03-10 09:00 Amsterdam: TEACHER_A observes TEACHER_B, proposed by TEACHER_A;
// its debrief (when scheduled) is on 2026-03-12 15:00.
const BEFORE_VISIT = at('2026-03-05T10:00');
const AFTER_VISIT = at('2026-03-10T12:00');
const BEFORE_DEBRIEF = at('2026-03-12T14:00');
const AFTER_DEBRIEF = at('2026-03-12T16:30');
const TRIO = [TEACHER_A, TEACHER_B, TEACHER_C];

type Row = [state: Visit['state'], action: VisitOwnAction, who: string, now: DateTime, expected: string];

/** The whole rule table of one visit (A observes B, A proposed): "ok" or the refusal's reason. */
const TABLE: readonly Row[] = [
  // confirm: the one who did not propose, while proposed
  ['proposed', 'confirm', TEACHER_B, BEFORE_VISIT, 'ok'],
  ['proposed', 'confirm', TEACHER_A, BEFORE_VISIT, 'NOT_YOUR_TURN'],
  ['confirmed', 'confirm', TEACHER_B, BEFORE_VISIT, 'INVALID_TRANSITION'],
  ['proposed', 'confirm', OUTSIDER, BEFORE_VISIT, 'NOT_A_PAIR_MEMBER'],
  // counter and cancel: either person, until the observation is posted (a visit may not have taken place)
  ['proposed', 'cancel', TEACHER_A, BEFORE_VISIT, 'ok'],
  ['confirmed', 'cancel', TEACHER_B, BEFORE_VISIT, 'ok'],
  ['confirmed', 'cancel', TEACHER_B, AFTER_VISIT, 'ok'],
  ['observed', 'cancel', TEACHER_A, AFTER_VISIT, 'INVALID_TRANSITION'],
  ['debriefScheduled', 'cancel', TEACHER_A, AFTER_VISIT, 'INVALID_TRANSITION'],
  ['debriefed', 'cancel', TEACHER_A, AFTER_DEBRIEF, 'INVALID_TRANSITION'],
  ['confirmed', 'counter', TEACHER_A, BEFORE_VISIT, 'ok'],
  ['observed', 'counter', TEACHER_A, AFTER_VISIT, 'INVALID_TRANSITION'],
  // observe: the observer, once the visit has started, until the debrief is recorded
  ['confirmed', 'observe', TEACHER_A, BEFORE_VISIT, 'VISIT_NOT_YET'],
  ['proposed', 'observe', TEACHER_A, AFTER_VISIT, 'VISIT_NOT_YET'],
  ['confirmed', 'observe', TEACHER_A, AFTER_VISIT, 'ok'],
  ['confirmed', 'observe', TEACHER_B, AFTER_VISIT, 'NOT_YOUR_TURN'],
  ['observed', 'observe', TEACHER_A, AFTER_VISIT, 'ok'],
  ['debriefed', 'observe', TEACHER_A, AFTER_DEBRIEF, 'INVALID_TRANSITION'],
  // reflect: the observed teacher, same window
  ['confirmed', 'reflect', TEACHER_B, BEFORE_VISIT, 'VISIT_NOT_YET'],
  ['confirmed', 'reflect', TEACHER_B, AFTER_VISIT, 'ok'],
  ['debriefScheduled', 'reflect', TEACHER_B, AFTER_VISIT, 'ok'],
  ['debriefed', 'reflect', TEACHER_B, AFTER_DEBRIEF, 'INVALID_TRANSITION'],
  ['confirmed', 'reflect', TEACHER_A, AFTER_VISIT, 'NOT_YOUR_TURN'],
  // debrief: propose after the observation; the other picks; record not before the picked moment
  ['observed', 'proposeDebrief', TEACHER_B, AFTER_VISIT, 'ok'],
  ['confirmed', 'proposeDebrief', TEACHER_B, AFTER_VISIT, 'INVALID_TRANSITION'],
  ['debriefProposed', 'pickDebrief', TEACHER_B, AFTER_VISIT, 'ok'],
  ['debriefProposed', 'pickDebrief', TEACHER_A, AFTER_VISIT, 'NOT_YOUR_TURN'],
  ['debriefProposed', 'pickDebrief', TEACHER_B, at('2026-03-14T10:00'), 'DATE_IN_PAST'],
  ['debriefScheduled', 'recordDebrief', TEACHER_A, BEFORE_DEBRIEF, 'DEBRIEF_NOT_YET'],
  ['debriefScheduled', 'recordDebrief', TEACHER_B, AFTER_DEBRIEF, 'ok'],
  ['debriefed', 'recordDebrief', TEACHER_B, AFTER_DEBRIEF, 'INVALID_TRANSITION'],
  // read notes: the two of the visit, once it took place
  ['confirmed', 'readNotes', TEACHER_A, AFTER_VISIT, 'VISIT_NOT_YET'],
  ['observed', 'readNotes', TEACHER_B, AFTER_VISIT, 'ok'],
  ['debriefed', 'readNotes', TEACHER_A, AFTER_DEBRIEF, 'ok'],
  ['debriefed', 'readNotes', OUTSIDER, AFTER_DEBRIEF, 'NOT_A_PAIR_MEMBER'],
];

const verdict = (visit: Visit, action: VisitOwnAction, who: string, now: DateTime, cycle?: Cycle) => {
  const result = visitAction(visit, action, who, now, cycle ? { cycle } : {});
  return result.allowed ? 'ok' : result.reason;
};

describe('domain/visit-rules: the rule table of one visit', () => {
  for (const [state, action, who, now, expected] of TABLE) {
    it(`should answer ${expected} when ${who} asks to ${action} a ${state} visit at ${now.toFormat('dd HH:mm')}`, () => {
      assert.equal(verdict(buildVisit({ state }), action, who, now), expected);
    });
  }

  it('should let the third member of a trio read nothing of a visit they are not in and act on none of it', () => {
    const visit = buildVisit({ state: 'debriefScheduled', personIds: TRIO });
    for (const action of ['readNotes', 'recordDebrief', 'reflect', 'observe', 'cancel'] as const)
      assert.equal(verdict(visit, action, TEACHER_C, AFTER_DEBRIEF), 'NOT_YOUR_TURN', action);
    assert.equal(verdict(visit, 'readNotes', TEACHER_B, AFTER_DEBRIEF), 'ok');
  });

  it('should close every change but reading when the cycle is complete or closed', () => {
    const visit = buildVisit({ state: 'debriefScheduled' });
    assert.equal(
      verdict(visit, 'recordDebrief', TEACHER_A, AFTER_DEBRIEF, buildCycle({ status: 'complete' })),
      'CYCLE_COMPLETE',
    );
    assert.equal(
      verdict(visit, 'recordDebrief', TEACHER_A, AFTER_DEBRIEF, buildCycle({ status: 'closed' })),
      'CYCLE_CLOSED',
    );
    assert.equal(verdict(visit, 'readNotes', TEACHER_A, AFTER_DEBRIEF, buildCycle({ status: 'closed' })), 'ok');
  });
});

describe('domain/visit-rules: one definition of done and held', () => {
  const cases: [Visit['state'], boolean][] = [
    ['proposed', false],
    ['confirmed', false],
    ['observed', true],
    ['debriefProposed', true],
    ['debriefScheduled', true],
    ['debriefed', true],
    ['cancelled', false],
  ];
  for (const [state, done] of cases)
    it(`should count a ${state} visit as ${done ? '' : 'not '}done`, () => {
      assert.equal(isVisitDone(buildVisit({ state })), done);
    });

  it('should count a debrief as held only when it was recorded at or after its picked moment', () => {
    assert.equal(isDebriefHeld(buildVisit({ state: 'debriefed' })), true);
    assert.equal(isDebriefHeld(buildVisit({ state: 'debriefed', debriefedAt: utc('2026-03-11T14:26') })), false);
    assert.equal(isDebriefHeld(buildVisit({ state: 'debriefScheduled' })), false);
  });
});

describe('domain/visit-rules: the step, who acts and what the viewer can do next', () => {
  const cycle = buildCycle();
  type StepRow = [
    when: string,
    visits: Visit[],
    now: DateTime,
    viewer: string,
    step: string,
    actor: string,
    next: VisitAction | undefined,
  ];
  const rows: StepRow[] = [
    ['no visit yet', [], BEFORE_VISIT, TEACHER_A, 'planVisit', 'either', 'plan'],
    ['a plan waits for the partner', [buildVisit()], BEFORE_VISIT, TEACHER_A, 'confirmVisit', 'partner', undefined],
    ['a plan waits for me', [buildVisit()], BEFORE_VISIT, TEACHER_B, 'confirmVisit', 'me', 'confirm'],
    [
      'the visit is ahead',
      [buildVisit({ state: 'confirmed' })],
      BEFORE_VISIT,
      TEACHER_A,
      'awaitVisit',
      'nobody',
      undefined,
    ],
    [
      'the observer writes',
      [buildVisit({ state: 'confirmed' })],
      AFTER_VISIT,
      TEACHER_A,
      'postObservation',
      'me',
      'observe',
    ],
    [
      'the observed teacher may reflect',
      [buildVisit({ state: 'confirmed' })],
      AFTER_VISIT,
      TEACHER_B,
      'postObservation',
      'partner',
      'reflect',
    ],
    [
      'the debrief is ahead',
      [buildVisit({ state: 'debriefScheduled' })],
      BEFORE_DEBRIEF,
      TEACHER_A,
      'recordDebrief',
      'nobody',
      undefined,
    ],
    [
      'the debrief took place',
      [buildVisit({ state: 'debriefScheduled' })],
      AFTER_DEBRIEF,
      TEACHER_A,
      'recordDebrief',
      'either',
      'recordDebrief',
    ],
  ];
  for (const [when, visits, now, viewer, step, actor, next] of rows)
    it(`should be ${step}, ${actor} to act and next ${next ?? 'nothing'} for ${viewer} when ${when}`, () => {
      const rules = visitRules({ memberIds: [TEACHER_A, TEACHER_B], cycle, visits, viewerId: viewer, now });
      assert.deepEqual([rules.step, rules.actor, rules.next], [step, actor, next]);
    });

  it('should refuse planning with CYCLE_COMPLETE once the cycle is complete', () => {
    const rules = visitRules({
      memberIds: [TEACHER_A, TEACHER_B],
      cycle: buildCycle({ status: 'complete', visitsCompleted: 2 }),
      visits: [buildVisit({ state: 'debriefed' })],
      viewerId: TEACHER_A,
      now: AFTER_DEBRIEF,
    });
    assert.deepEqual(rules.actions.plan, { allowed: false, reason: 'CYCLE_COMPLETE' });
    assert.equal(rules.step, 'complete');
  });

  it('should offer the third trio member no notes of a visit they were not in', () => {
    const visits = [buildVisit({ state: 'debriefed', personIds: TRIO })];
    const third = visitRules({ memberIds: TRIO, cycle, visits, viewerId: TEACHER_C, now: AFTER_DEBRIEF });
    const observed = visitRules({ memberIds: TRIO, cycle, visits, viewerId: TEACHER_B, now: AFTER_DEBRIEF });
    assert.equal(third.notesVisit, undefined);
    assert.equal(observed.notesVisit?.id, 'visit-1');
  });
});

describe('domain/visit-rules: plan roles', () => {
  it('should preselect the rotation and always offer it as a choice, also to the trio member outside it', () => {
    const first = buildVisit({ state: 'debriefed', observerId: TEACHER_A, observedId: TEACHER_B, personIds: TRIO });
    for (const planner of TRIO) {
      const { choices, preselected } = planRoles(TRIO, [first], planner);
      assert.deepEqual(preselected, { observerId: TEACHER_B, observedId: TEACHER_C });
      assert.ok(
        choices.some((c) => c.observerId === preselected.observerId && c.observedId === preselected.observedId),
        `the default is a choice for ${planner}`,
      );
    }
  });

  it('should offer a pair the two directions, the planner observing first by default', () => {
    const { choices, preselected } = planRoles([TEACHER_A, TEACHER_B], [], TEACHER_B);
    assert.equal(choices.length, 2);
    assert.deepEqual(preselected, { observerId: TEACHER_B, observedId: TEACHER_A });
  });
});

describe('domain/visit-rules: pair progress for the leader', () => {
  it('should tell complete, behind, not started and on track apart', () => {
    assert.equal(pairProgress(buildCycle({ status: 'complete', visitsCompleted: 2 }), [], false), 'complete');
    assert.equal(pairProgress(buildCycle(), [], true), 'behind');
    assert.equal(pairProgress(buildCycle(), [], false), 'notStarted');
    assert.equal(pairProgress(buildCycle(), [buildVisit({ state: 'cancelled' })], false), 'notStarted');
    assert.equal(pairProgress(buildCycle(), [buildVisit()], false), 'onTrack');
  });
});

describe('a pair that became a trio (issue 9 item 5: a late joiner)', () => {
  // A and B made visits as a pair; C joined afterwards: the pair's members are now A, B, C.
  const cases: { should: string; visits: Visit[]; observer: string; observed: string }[] = [
    {
      should: 'let the one observed last observe the newcomer next',
      visits: [buildVisit({ sequence: 1, observerId: TEACHER_A, observedId: TEACHER_B, state: 'debriefed' })],
      observer: TEACHER_B,
      observed: TEACHER_C,
    },
    {
      should: 'take the newcomer in after two pair visits too',
      visits: [
        buildVisit({ sequence: 1, observerId: TEACHER_A, observedId: TEACHER_B, state: 'debriefed' }),
        buildVisit({ id: 'visit-2', sequence: 2, observerId: TEACHER_B, observedId: TEACHER_A, state: 'debriefed' }),
      ],
      observer: TEACHER_A,
      observed: TEACHER_C,
    },
  ];
  for (const c of cases) {
    it(`should ${c.should}`, () => {
      const { preselected, choices } = planRoles([TEACHER_A, TEACHER_B, TEACHER_C], c.visits, TEACHER_C);
      assert.deepEqual(preselected, { observerId: c.observer, observedId: c.observed });
      assert.ok(choices.some((r) => r.observerId === c.observer && r.observedId === c.observed));
    });
  }
});
