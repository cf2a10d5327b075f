/**
 * Where a person's pair stands (status / mijn cyclus): the pair, the cycle's progress, the step
 * it is on and what the person can do next — all from the one set of visit rules.
 */
import type { DateTime } from 'luxon';
import type { Cycle, Pair, PairNeed, Programme, School, Visit } from '../../domain/entities';
import { visitRules, type CycleStep, type VisitRules } from '../../domain/visit-rules';
import type { PersonalMonthTrend } from '../../domain/coach-trend';
import type { Store, Stored } from '../../store/store';
import { ownGrowth as ownGrowthOf } from '../coach/growth';
import { loadPairContextWith } from '../visits/pair-context';

export interface CycleStatus {
  readonly pair: Stored<Pair>;
  readonly programme: Stored<Programme> | undefined;
  readonly cycle: Stored<Cycle> | undefined;
  readonly visits: readonly Stored<Visit>[];
  /** The visit the current step is about (the open one), if any. */
  readonly openVisit: Stored<Visit> | undefined;
  readonly step: CycleStep | 'noCycle';
  /** The visit rules for this person now. */
  readonly rules: VisitRules;
  /** The person's own growth in describing, over the programme's months (only they see it). */
  readonly ownGrowth: readonly PersonalMonthTrend[];
  /** What the pair asked the school for and is still open (issue 15). */
  readonly openNeeds: readonly Stored<PairNeed>[];
}

export async function cycleStatus(
  store: Store,
  school: Pick<School, 'schoolId' | 'timezone'>,
  userId: string,
  now: DateTime,
): Promise<CycleStatus> {
  // The person's coach tallies and their pair's open requests come with the read that finds their pair.
  const {
    context: { pair, programme, cycle, visits },
    also,
  } = await loadPairContextWith(store, school, userId, [
    { type: 'coachTally', personId: userId },
    { type: 'pairNeed', personId: userId, where: { status: 'open' } },
  ]);
  const tallies = also.coachTally;
  const ownGrowth = programme ? ownGrowthOf(tallies, userId, programme, now, school.timezone) : [];
  const rules = visitRules({ memberIds: pair.memberIds, cycle, visits, viewerId: userId, now });
  const openVisit = rules.openVisit as Stored<Visit> | undefined;
  const openNeeds = also.pairNeed.filter((n) => n.pairId === pair.id && n.status === 'open');
  return {
    pair,
    programme,
    cycle,
    visits,
    openVisit,
    step: cycle ? rules.step : 'noCycle',
    rules,
    ownGrowth,
    openNeeds,
  };
}
