/**
 * Store a teacher's profile (one per person per school, id `profile-<userId>`). A change must
 * carry the version the teacher saw; the same content submitted twice is a no-op.
 */
import type { DateTime } from 'luxon';
import type { Profile } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { isStoreError, type Store, type Stored } from '../../store/store';
import type { ProfileInput } from './profile-input';

export const profileId = (userId: string): string => `profile-${userId.replace(/[^A-Za-z0-9-]/g, '_')}`;

const same = (a: Profile, b: ProfileInput, name: string) =>
  a.name === name &&
  JSON.stringify(a.subjects) === JSON.stringify(b.subjects) &&
  a.yearsOfExperience === b.yearsOfExperience &&
  JSON.stringify(a.wouldLikeToLearnFrom) === JSON.stringify(b.wouldLikeToLearnFrom);

export async function saveProfile(
  store: Store,
  schoolId: string,
  userId: string,
  name: string,
  input: ProfileInput,
  version: string | undefined,
  now: DateTime,
): Promise<Stored<Profile>> {
  const id = profileId(userId);
  const current = await store.read(schoolId, 'profile', id);
  if (current && same(current, input, name)) return current; // double click, retry
  if (current && current.version !== version) throw new DomainError('STALE_VERSION');
  if (!current && version) throw new DomainError('STALE_VERSION'); // removed in the meantime
  const next: Profile = {
    type: 'profile',
    id,
    schoolId,
    personIds: [userId],
    userId,
    name,
    ...input,
    updatedAt: now.toUTC().toISO()!,
  };
  try {
    return current ? await store.replace({ ...next, version: current.version }) : await store.create(next);
  } catch (error) {
    if (isStoreError(error, 'conflict') || isStoreError(error, 'exists')) {
      const fresh = await store.read(schoolId, 'profile', id);
      if (fresh && same(fresh, input, name)) return fresh;
      throw new DomainError('STALE_VERSION');
    }
    throw error;
  }
}
