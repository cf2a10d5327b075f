/**
 * Late joiners (a teacher who joins the team in March, a leader who wants to take part): add
 * them to a running pair, which becomes a trio. Nothing that ran is undone: the pair keeps its
 * id, its cycle and its visits (their notes stay with the two who made them); the rotation
 * takes the newcomer in from the next visit (domain/visit-rules.ts nextRoles), and the cycle
 * agrees to as many visits as a trio needs so everyone is observed. A cycle that was already
 * complete opens again for the newcomer's visits. Idempotent: someone already in the pair is
 * not added twice (a double click, a Teams retry).
 */
import type { DateTime } from 'luxon';
import { currentCycle, visitsAgreedFor } from '../../domain/cycle';
import type { Cycle, Pair, Programme } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { readModifyWrite, type Store, type Stored } from '../../store/store';
import { MAX_GROUP_SIZE } from './groups-input';

export interface Joined {
  readonly pair: Stored<Pair>;
  /** Who this call added (empty when they were in already). */
  readonly added: readonly string[];
}

/** The cycle once the pair has `memberCount` members (pure). */
export function cycleWithNewcomers(
  cycle: Cycle,
  newcomerIds: readonly string[],
  memberCount: number,
  visitsPerCycle: number,
): Cycle {
  const personIds = [...(cycle.personIds ?? []), ...newcomerIds.filter((id) => !cycle.personIds?.includes(id))];
  const agreed = Math.max(cycle.visitsAgreed, visitsAgreedFor(visitsPerCycle, memberCount));
  if (cycle.status === 'complete') {
    const { completedAt: _done, ...open } = cycle;
    return { ...open, personIds, status: 'active', visitsAgreed: Math.max(agreed, cycle.visitsCompleted + 1) };
  }
  return { ...cycle, personIds, visitsAgreed: agreed };
}

export async function addToPair(
  store: Store,
  schoolId: string,
  programme: Pick<Programme, 'id' | 'visitsPerCycle'>,
  pairId: string,
  newcomerIds: readonly string[],
  now: DateTime,
): Promise<Joined> {
  let added: string[] = [];
  const pair = await readModifyWrite(store, schoolId, 'pair', pairId, (current) => {
    added = [];
    if (!current || current.programmeId !== programme.id || current.status !== 'active')
      throw new DomainError('STALE_VERSION');
    added = newcomerIds.filter((id) => !current.memberIds.includes(id));
    if (added.length === 0) return undefined;
    const size = current.memberIds.length + added.length;
    // The card was checked against the pairs as listed; a pair that grew meanwhile makes the card stale.
    if (size > MAX_GROUP_SIZE) throw new DomainError('STALE_VERSION');
    return {
      ...current,
      memberIds: [...current.memberIds, ...added],
      personIds: [...new Set([...(current.personIds ?? []), ...added])],
    };
  });
  if (!pair) throw new DomainError('STALE_VERSION');
  const cycle = currentCycle(await store.query(schoolId, { type: 'cycle', pairId }));
  if (cycle && cycle.status !== 'closed') {
    await readModifyWrite(store, schoolId, 'cycle', cycle.id, (current) => {
      if (!current || current.status === 'closed') return undefined;
      const missing = pair.memberIds.filter((id) => !current.personIds?.includes(id));
      if (
        missing.length === 0 &&
        current.visitsAgreed >= visitsAgreedFor(programme.visitsPerCycle, pair.memberIds.length)
      )
        return undefined;
      const next = cycleWithNewcomers(current, missing, pair.memberIds.length, programme.visitsPerCycle);
      return { ...next, lastStepAt: current.status === 'complete' ? now.toUTC().toISO()! : current.lastStepAt };
    });
  }
  return { pair, added };
}
