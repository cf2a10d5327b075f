/**
 * Where a person's pair stands (status / mijn cyclus): the pair, the cycle's progress, the step
 * it is on and the visit that step is about.
 */
import type { DateTime } from 'luxon';
import { currentStep, nextRoles, type CycleStep } from '../../domain/cycle';
import type { Cycle, Pair, Programme, School, Visit } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import { loadPairContext, openVisitOf } from '../visits/pair-context';

export interface CycleStatus {
  readonly pair: Stored<Pair>;
  readonly programme: Stored<Programme> | undefined;
  readonly cycle: Stored<Cycle> | undefined;
  readonly visits: readonly Stored<Visit>[];
  /** The visit the current step is about (the open one), if any. */
  readonly openVisit: Stored<Visit> | undefined;
  /** The most recent visit (for "read our notes"). */
  readonly lastVisit: Stored<Visit> | undefined;
  readonly step: CycleStep | 'noCycle';
}

export async function cycleStatus(
  store: Store,
  school: Pick<School, 'schoolId'>,
  userId: string,
  now: DateTime,
): Promise<CycleStatus> {
  const { pair, programme, cycle, visits } = await loadPairContext(store, school, userId);
  const openVisit = openVisitOf(visits) as Stored<Visit> | undefined;
  const lastVisit = visits[visits.length - 1];
  const step = cycle ? currentStep(cycle, openVisit, now) : 'noCycle';
  return { pair, programme, cycle, visits, openVisit, lastVisit, step };
}

/** The default roles of the next visit for `userId`: alternating with the previous visit. */
export function defaultRoles(
  pair: Pick<Pair, 'memberIds'>,
  visits: readonly Visit[],
  userId: string,
): { observerId: string; observedId: string } {
  const previous = [...visits].reverse().find((v) => v.state !== 'cancelled');
  return nextRoles(pair.memberIds, previous, userId);
}
