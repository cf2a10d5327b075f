/**
 * Changing a visit from a card: the card carries the visit's revision; a change made on an older
 * revision is refused with STALE_VERSION (the handler then shows the fresh card), so two
 * partners acting at once never lose an update. The write itself retries on store conflicts.
 */
import type { DateTime } from 'luxon';
import { applyVisitEvent, type VisitEvent } from '../../domain/cycle';
import type { Visit } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { readModifyWrite, type Store, type Stored } from '../../store/store';
import { unwrap } from './plan-visit';
import { loadVisitForMember, type VisitContext } from './pair-context';

export const revisionOf = (visit: Pick<Visit, 'revision'>): number => visit.revision ?? 0;

/** Apply `event` by `userId` to the visit if the card's revision is still current. */
export async function changeVisit(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  revision: number,
  now: DateTime,
  event: VisitEvent | ((visit: Stored<Visit>, context: VisitContext) => VisitEvent),
): Promise<VisitContext> {
  const context = await loadVisitForMember(store, schoolId, visitId, userId);
  if (context.cycle && context.cycle.status !== 'active')
    throw new DomainError(context.cycle.status === 'complete' ? 'CYCLE_COMPLETE' : 'CYCLE_CLOSED');
  const written = await readModifyWrite(store, schoolId, 'visit', visitId, (current) => {
    if (!current) throw new DomainError('NOT_FOUND');
    if (revisionOf(current) !== revision) throw new DomainError('STALE_VERSION');
    const chosen = typeof event === 'function' ? event(current, context) : event;
    const next = unwrap(applyVisitEvent(current, chosen, userId, now));
    return { ...next, revision: revisionOf(current) + 1 };
  });
  return { ...context, visit: written! };
}

/** Advance the visit if it is still in `from` (idempotent follow-up of a stored note). */
export async function advanceVisitIfIn(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  from: Visit['state'],
  event: VisitEvent,
  now: DateTime,
): Promise<Stored<Visit>> {
  const written = await readModifyWrite(store, schoolId, 'visit', visitId, (current) => {
    if (!current) throw new DomainError('NOT_FOUND');
    if (current.state !== from) return undefined;
    const next = unwrap(applyVisitEvent(current, event, userId, now));
    return { ...next, revision: revisionOf(current) + 1 };
  });
  return written!;
}

/** Remember where a person's copy of the visit card is, without changing the revision. */
export async function rememberCardRef(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  ref: { conversationId: string; activityId: string },
): Promise<void> {
  await readModifyWrite(store, schoolId, 'visit', visitId, (current) => {
    if (!current) return undefined;
    const known = current.cardRefs?.[userId];
    if (known && known.conversationId === ref.conversationId && known.activityId === ref.activityId) return undefined;
    return { ...current, cardRefs: { ...(current.cardRefs ?? {}), [userId]: ref } };
  });
}
