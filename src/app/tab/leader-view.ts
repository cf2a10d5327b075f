/**
 * The leader's view: completion per programme and pair — visits done versus agreed, debriefs
 * held, the step each pair is on and whether it is behind. Pure. It takes visits for their
 * state only and never reads or returns what teachers wrote (focus, lesson, observations,
 * reflections, debrief agreements): the output types have no field for them.
 */
import type { DateTime } from 'luxon';
import { assessBehind } from '../../domain/behind';
import { currentCycle } from '../../domain/cycle';
import type { CoachTally, Cycle, Locale, Pair, Programme, School, Visit } from '../../domain/entities';
import { currentStep, isDebriefHeld, isVisitDone, openVisitOf, pairProgress } from '../../domain/visit-rules';
import { progressCountTitle, progressLabel, stepLabel } from '../progress/wording';
import { completionWeeks, growthMonths } from './leader-charts';
import { personView } from './pair-detail';
import { programmeRef, schoolRef } from './teacher-view';
import type { LeaderNeedsView, LeaderView, PairCompletion, ProgrammeCompletion, SchoolRef } from './views';
import { t } from '../../i18n/translate';
import { MAX_LEADER_LINE_CHARS } from '../../domain/pair-needs';
import { declineChoices, leaderNeedItems, type NeedForLeader } from '../needs/leader-items';

export interface LeaderViewInput {
  readonly school: School;
  readonly schools: readonly SchoolRef[];
  readonly programmes: readonly Programme[];
  readonly pairs: readonly Pair[];
  readonly cycles: readonly Cycle[];
  readonly visits: readonly Visit[];
  /** The coach's counts per saved observation (no text), for the growth chart. */
  readonly tallies?: readonly CoachTally[];
  /** The open requests of the pairs ("what pairs need"), without the pairs' notes. */
  readonly needs?: readonly NeedForLeader[];
  readonly names: ReadonlyMap<string, string>;
  readonly now: DateTime;
  readonly locale: Locale;
  readonly chatLink?: string;
}

function pairCompletion(input: LeaderViewInput, programme: Programme, pair: Pair): PairCompletion {
  const cycle = currentCycle(input.cycles.filter((c) => c.pairId === pair.id && c.programmeId === programme.id));
  const visits = input.visits.filter(
    (v) => v.pairId === pair.id && cycle !== undefined && v.cycleId === cycle.id && v.state !== 'cancelled',
  );
  const step = cycle ? currentStep(cycle, openVisitOf(visits, pair.id, cycle.id), input.now) : 'planVisit';
  const assessed = assessBehind({
    programme,
    pair,
    cycle,
    visits,
    now: input.now,
    timezone: input.school.timezone,
    needs: (input.needs ?? []).filter((n) => n.pairId === pair.id),
  });
  const progress = pairProgress(cycle, visits, assessed.behind.length > 0, assessed.waitingForSchool);
  return {
    pairId: pair.id,
    memberNames: pair.memberIds.map((id) => personView(id, input.names, input.locale).name),
    visitsDone: visits.filter(isVisitDone).length,
    visitsAgreed: cycle?.visitsAgreed ?? programme.visitsPerCycle,
    debriefsHeld: visits.filter(isDebriefHeld).length,
    step,
    stepLabel: stepLabel(step, input.locale),
    behind: progress === 'behind',
    progress,
    progressLabel: progressLabel(progress, input.locale),
  };
}

function programmeCompletion(input: LeaderViewInput, programme: Programme): ProgrammeCompletion {
  const pairs = input.pairs
    .filter((p) => p.programmeId === programme.id && p.status === 'active')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map((pair) => pairCompletion(input, programme, pair));
  const sum = (pick: (p: PairCompletion) => number) => pairs.reduce((total, p) => total + pick(p), 0);
  const activePairIds = new Set(pairs.map((p) => p.pairId));
  const count = (state: PairCompletion['progress']) => pairs.filter((p) => p.progress === state).length;
  return {
    programme: programmeRef(programme, { locale: input.locale, zone: input.school.timezone, now: input.now }),
    visitsDone: sum((p) => p.visitsDone),
    visitsAgreed: sum((p) => p.visitsAgreed),
    debriefsHeld: sum((p) => p.debriefsHeld),
    pairsComplete: count('complete'),
    pairsBehind: count('behind'),
    pairsOnTrack: count('onTrack'),
    pairsNotStarted: count('notStarted'),
    pairsWaitingForSchool: count('waitingForSchool'),
    progress: (
      [
        'complete',
        'onTrack',
        'behind',
        ...(count('waitingForSchool') > 0 ? (['waitingForSchool'] as const) : []),
        'notStarted',
      ] as const
    ).map((state) => ({
      state,
      title: progressCountTitle(state, input.locale),
      count: count(state),
    })),
    pairs,
    weeks: completionWeeks(
      programme,
      input.visits.filter((v) => activePairIds.has(v.pairId)),
      sum((p) => p.visitsAgreed),
      input.now,
      input.school.timezone,
      input.locale,
    ),
    ...growthMonths(input.tallies ?? [], programme, input.now, input.school.timezone, input.locale),
    needs: needsView(input, programme, activePairIds),
  };
}

/** The programme's open requests of its active pairs, with the words of the tab's buttons and forms. */
function needsView(input: LeaderViewInput, programme: Programme, activePairIds: ReadonlySet<string>): LeaderNeedsView {
  const { locale } = input;
  const needs = (input.needs ?? []).filter(
    (n) => n.programmeId === programme.id && n.status === 'open' && activePairIds.has(n.pairId),
  );
  return {
    heading: t(locale, 'leader.heading'),
    intro: t(locale, 'leader.intro'),
    none: t(locale, 'leader.none'),
    items: leaderNeedItems({
      needs,
      locale,
      timezone: input.school.timezone,
      now: input.now,
      nameOf: (id) => personView(id, input.names, locale).name,
    }),
    labels: {
      arrange: t(locale, 'leader.arrange'),
      decline: t(locale, 'leader.decline'),
      lineLabel: t(locale, 'leader.lineLabel'),
      linePlaceholder: t(locale, 'leader.linePlaceholder'),
      lineMax: MAX_LEADER_LINE_CHARS,
      reasonLabel: t(locale, 'leader.reasonLabel'),
      sendArranged: t(locale, 'leader.sendArranged'),
      sendDeclined: t(locale, 'leader.sendDeclined'),
    },
    reasons: declineChoices(locale),
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
