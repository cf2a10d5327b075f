/**
 * Create the pairs the leader confirmed, with a first cycle each. Deterministic ids make it
 * idempotent: a double click or a Teams retry creates each pair once, and only pairs created by
 * this call are returned (so each teacher is told their partner once).
 */
import { visitsAgreedFor } from '../../domain/cycle';
import type { DateTime } from 'luxon';
import type { Cycle, Pair, Programme } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { isStoreError, type Store, type Stored } from '../../store/store';
import { firstCycleIdFor, pairIdFor } from './pair-ids';

const MAX_ATTEMPTS = 20;

/** The active pairs of a programme. */
export async function activePairs(store: Store, schoolId: string, programmeId: string): Promise<Stored<Pair>[]> {
  return store.query(schoolId, { type: 'pair', where: { programmeId, status: 'active' } });
}

/** The id an active pair of exactly these members has, or the first free id. */
async function idFor(
  store: Store,
  schoolId: string,
  programmeId: string,
  memberIds: readonly string[],
): Promise<{ id: string; existing?: Stored<Pair> }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const id = pairIdFor(programmeId, memberIds, attempt);
    const existing = await store.read(schoolId, 'pair', id);
    if (!existing) return { id };
    if (existing.status === 'active') return { id, existing };
  }
  throw new DomainError('INVALID_INPUT', { field: 'pair' });
}

export async function confirmPairs(
  store: Store,
  schoolId: string,
  programme: Stored<Programme>,
  groups: readonly (readonly string[])[],
  now: DateTime,
): Promise<Stored<Pair>[]> {
  const active = await activePairs(store, schoolId, programme.id);
  const planned: { id: string; memberIds: readonly string[]; existing?: Stored<Pair> }[] = [];
  for (const memberIds of groups) {
    const { id, existing } = await idFor(store, schoolId, programme.id, memberIds);
    // Someone in this group is already in another active pair: the card was stale.
    if (!existing && active.some((p) => p.memberIds.some((m) => memberIds.includes(m))))
      throw new DomainError('ALREADY_PAIRED');
    planned.push({ id, memberIds, ...(existing ? { existing } : {}) });
  }
  const created: Stored<Pair>[] = [];
  const at = now.toUTC().toISO()!;
  for (const { id, memberIds, existing } of planned) {
    if (!existing) {
      const pair: Pair = {
        type: 'pair',
        id,
        schoolId,
        pairId: id,
        personIds: [...memberIds],
        programmeId: programme.id,
        memberIds: [...memberIds],
        status: 'active',
        createdAt: at,
      };
      try {
        created.push(await store.create(pair));
      } catch (error) {
        if (!isStoreError(error, 'exists')) throw error; // a simultaneous retry created it
      }
    }
    const cycle: Cycle = {
      type: 'cycle',
      id: firstCycleIdFor(id),
      schoolId,
      pairId: id,
      personIds: [...memberIds],
      programmeId: programme.id,
      visitsAgreed: visitsAgreedFor(programme.visitsPerCycle, memberIds.length),
      visitsCompleted: 0,
      status: 'active',
      startedAt: at,
      lastStepAt: at,
    };
    try {
      await store.create(cycle);
    } catch (error) {
      if (!isStoreError(error, 'exists')) throw error;
    }
  }
  return created;
}
