/**
 * The video confirmations of a visit: a member confirms the video rules; the observed teacher
 * confirms the recording was deleted after the debrief. Idempotent (a second press changes
 * nothing); a person outside the pair, or one whose visit has no video, is refused.
 */
import type { DateTime } from 'luxon';
import type { Visit } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { mustConfirmVideoDeleted } from '../../domain/video';
import { readModifyWrite, type Store, type Stored } from '../../store/store';
import { loadVisitForMember } from './pair-context';

export async function confirmVideoRules(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
): Promise<Stored<Visit>> {
  await loadVisitForMember(store, schoolId, visitId, userId);
  const written = await readModifyWrite(store, schoolId, 'visit', visitId, (current) => {
    if (!current) throw new DomainError('NOT_FOUND');
    if (!current.video) throw new DomainError('INVALID_INPUT', { field: 'video' });
    if ((current.videoConfirmedBy ?? []).includes(userId)) return undefined;
    return { ...current, videoConfirmedBy: [...(current.videoConfirmedBy ?? []), userId] };
  });
  return written!;
}

export async function confirmVideoDeleted(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  now: DateTime,
): Promise<Stored<Visit>> {
  await loadVisitForMember(store, schoolId, visitId, userId);
  const written = await readModifyWrite(store, schoolId, 'visit', visitId, (current) => {
    if (!current) throw new DomainError('NOT_FOUND');
    if (current.videoDeletedAt) return undefined;
    if (!mustConfirmVideoDeleted(current, userId)) throw new DomainError('INVALID_INPUT', { field: 'video' });
    return { ...current, videoDeletedAt: now.toUTC().toISO()! };
  });
  return written!;
}
