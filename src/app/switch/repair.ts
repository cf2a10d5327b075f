/**
 * The leader re-pairs after a switch request: the requester's pair and one other pair of the
 * programme are closed (their open cycles too; history stays), and their members are paired
 * anew by the same explicit criteria, with both old pairs counted as "previous partners" so
 * nobody gets their old partner back. The request (and one of the other pair, if any) is
 * marked handled.
 */
import { readModifyWrite, isStoreError, type Store, type Stored } from '../../store/store';
import type { DateTime } from 'luxon';
import { closeCycle } from '../../domain/cycle';
import type { Pair, Profile, Programme } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { suggestPairs, type PairSuggestion } from '../../domain/pairing';
import { confirmPairs } from '../pairing/confirm-pairs';
import { pairingTeachers, type Person } from '../pairing/pairing-input';

export interface RepairResult {
  readonly closed: readonly Stored<Pair>[];
  readonly created: readonly Stored<Pair>[];
  readonly suggestions: readonly PairSuggestion[];
}

async function closePair(store: Store, pair: Stored<Pair>, now: DateTime): Promise<Stored<Pair>> {
  let closed: Stored<Pair>;
  try {
    closed = await store.replace({ ...pair, status: 'closed', closedAt: now.toUTC().toISO()! });
  } catch (error) {
    if (isStoreError(error, 'conflict')) throw new DomainError('STALE_VERSION');
    throw error;
  }
  const cycles = await store.query(pair.schoolId, { type: 'cycle', pairId: pair.id, where: { status: 'active' } });
  for (const cycle of cycles) {
    // A partner may be recording a step at this moment: re-read and close again on a conflict.
    await readModifyWrite(store, cycle.schoolId, 'cycle', cycle.id, (current) => {
      const next = current ? closeCycle(current, now) : undefined;
      return next?.ok ? next.value : undefined;
    });
  }
  return closed;
}

export async function repairAfterSwitch(
  store: Store,
  programme: Stored<Programme>,
  requestId: string,
  otherPairId: string,
  previousProgrammePairs: readonly Pair[],
  now: DateTime,
): Promise<RepairResult> {
  const schoolId = programme.schoolId;
  const request = await store.read(schoolId, 'switchRequest', requestId);
  if (!request || !request.pairId) throw new DomainError('NOT_FOUND');
  if (request.status !== 'open') throw new DomainError('STALE_VERSION');
  const pair = await store.read(schoolId, 'pair', request.pairId);
  const other = await store.read(schoolId, 'pair', otherPairId);
  if (!pair || !other || other.id === pair.id) throw new DomainError('NOT_FOUND');
  if (pair.programmeId !== programme.id || other.programmeId !== programme.id) throw new DomainError('NOT_FOUND');
  if (pair.status !== 'active' || other.status !== 'active') throw new DomainError('STALE_VERSION');

  // The suggestion needs ids and profiles only; names are shown by the card (the one name lookup).
  const people: Person[] = [...pair.memberIds, ...other.memberIds].map((userId) => ({ userId, name: '' }));
  const profiles: Profile[] = [];
  for (const person of people) {
    const found = await store.query(schoolId, { type: 'profile', where: { userId: person.userId } });
    profiles.push(...found);
  }
  const thisProgramme = await store.query(schoolId, { type: 'pair', where: { programmeId: programme.id } });
  const previousPairs = [...previousProgrammePairs, ...thisProgramme].map((p) => [...p.memberIds]);
  const suggestions = suggestPairs({ teachers: pairingTeachers(people, profiles), previousPairs });

  const closed = [await closePair(store, pair, now), await closePair(store, other, now)];
  const created = await confirmPairs(
    store,
    schoolId,
    programme,
    suggestions.map((s) => s.memberIds),
    now,
  );
  const requests = await store.query(schoolId, { type: 'switchRequest', where: { status: 'open' } });
  for (const open of requests.filter((r) => r.pairId === pair.id || r.pairId === other.id)) {
    try {
      await store.replace({ ...open, status: 'handled' });
    } catch (error) {
      if (!isStoreError(error, 'conflict')) throw error;
    }
  }
  return { closed, created, suggestions };
}
