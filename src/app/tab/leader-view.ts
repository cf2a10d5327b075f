/**
 * The leader's view: completion per programme and pair — visits done versus agreed, debriefs
 * held, the step each pair is on and whether it is behind. Pure. It takes visits for their
 * state only and never reads or returns what teachers wrote (focus, lesson, observations,
 * reflections, debrief agreements): the output types have no field for them.
 */
import type { DateTime } from 'luxon';
import { findBehind, openVisitOf } from '../../domain/behind';
import { currentCycle, currentStep } from '../../domain/cycle';
import type { Cycle, Locale, Pair, Programme, School, Visit, VisitState } from '../../domain/entities';
import { personView } from './pair-detail';
import { programmeRef, schoolRef } from './teacher-view';
import type { LeaderView, PairCompletion, ProgrammeCompletion, SchoolRef } from './views';

export interface LeaderViewInput {
  readonly school: School;
  readonly schools: readonly SchoolRef[];
  readonly programmes: readonly Programme[];
  readonly pairs: readonly Pair[];
  readonly cycles: readonly Cycle[];
  readonly visits: readonly Visit[];
  readonly names: ReadonlyMap<string, string>;
  readonly now: DateTime;
  readonly locale: Locale;
  readonly chatLink?: string;
}

/** A visit "done" means it took place: the observer has posted their observation. */
const DONE: readonly VisitState[] = ['observed', 'debriefProposed', 'debriefScheduled', 'debriefed'];

function pairCompletion(input: LeaderViewInput, programme: Programme, pair: Pair): PairCompletion {
  const cycle = currentCycle(input.cycles.filter((c) => c.pairId === pair.id && c.programmeId === programme.id));
  const visits = input.visits.filter(
    (v) => v.pairId === pair.id && cycle !== undefined && v.cycleId === cycle.id && v.state !== 'cancelled',
  );
  const step = cycle ? currentStep(cycle, openVisitOf(visits, pair.id, cycle.id), input.now) : 'planVisit';
  const behind =
    findBehind({ programme, pair, cycle, visits, now: input.now, timezone: input.school.timezone }).length > 0;
  return {
    pairId: pair.id,
    memberNames: pair.memberIds.map((id) => personView(id, input.names, input.locale).name),
    visitsDone: visits.filter((v) => DONE.includes(v.state)).length,
    visitsAgreed: cycle?.visitsAgreed ?? programme.visitsPerCycle,
    debriefsHeld: visits.filter((v) => v.state === 'debriefed').length,
    step,
    behind,
  };
}

function programmeCompletion(input: LeaderViewInput, programme: Programme): ProgrammeCompletion {
  const pairs = input.pairs
    .filter((p) => p.programmeId === programme.id && p.status === 'active')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map((pair) => pairCompletion(input, programme, pair));
  const sum = (pick: (p: PairCompletion) => number) => pairs.reduce((total, p) => total + pick(p), 0);
  return {
    programme: programmeRef(programme, input.locale),
    visitsDone: sum((p) => p.visitsDone),
    visitsAgreed: sum((p) => p.visitsAgreed),
    debriefsHeld: sum((p) => p.debriefsHeld),
    pairsComplete: pairs.filter((p) => p.step === 'complete').length,
    pairsBehind: pairs.filter((p) => p.behind).length,
    pairsOnTrack: pairs.filter((p) => !p.behind && p.step !== 'complete').length,
    pairs,
  };
}

export function buildLeaderView(input: LeaderViewInput): LeaderView {
  const programmes = [...input.programmes].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1) ||
      (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
  return {
    kind: 'leader',
    locale: input.locale,
    school: schoolRef(input.school),
    schools: input.schools,
    programmes: programmes.map((programme) => programmeCompletion(input, programme)),
    ...(input.chatLink ? { chatLink: input.chatLink } : {}),
  };
}
