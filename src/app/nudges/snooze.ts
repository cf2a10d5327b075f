/**
 * "We agreed a date offline": a pair member snoozes the pair's nudges for a week. Only a member
 * of the pair can; the pair is reloaded and updated with optimistic concurrency.
 */
import type { DateTime } from 'luxon';
import type { Pair } from '../../domain/entities';
import { DomainError, fail, ok, type Result } from '../../domain/errors';
import { readModifyWrite, type Store, type Stored } from '../../store/store';

export const SNOOZE_DAYS = 7;

export async function snoozePair(
  store: Store,
  schoolId: string,
  pairId: string,
  userId: string,
  now: DateTime,
): Promise<Result<Stored<Pair>>> {
  const pair = await store.read(schoolId, 'pair', pairId);
  if (!pair || pair.status !== 'active') return fail('NOT_FOUND');
  if (!pair.memberIds.includes(userId)) return fail('NOT_A_PAIR_MEMBER');
  const until = now.plus({ days: SNOOZE_DAYS }).toUTC().toISO()!;
  try {
    const updated = await readModifyWrite(store, schoolId, 'pair', pairId, (current) => {
      if (!current || current.status !== 'active' || !current.memberIds.includes(userId))
        throw new DomainError('NOT_FOUND');
      if (current.snoozedUntil && current.snoozedUntil >= until) return undefined;
      return { ...current, snoozedUntil: until };
    });
    return updated ? ok(updated) : fail('NOT_FOUND');
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}
