/**
 * The leader answers what a pair needs (issue 15 item 2): "Geregeld" / "Arranged" or "Kan niet" /
 * "Can't be done" with a reason category, and an optional line of the leader's own to the pair.
 * Only a leader of the school; a need that is already answered answers that (by whom, and how)
 * and changes nothing. The write is version-checked (readModifyWrite), so two leaders at once or
 * a Teams retry never answer twice.
 */
import type { DateTime } from 'luxon';
import type { NeedDeclineReason, PairNeed } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { checkText } from '../../domain/limits';
import { MAX_LEADER_LINE_CHARS } from '../../domain/pair-needs';
import { readModifyWrite, type Store, type Stored } from '../../store/store';

export interface NeedAnswerRequest {
  readonly schoolId: string;
  readonly needId: string;
  readonly actorId: string;
  /** The leader's own line to the pair (optional; checked here). */
  readonly leaderLine?: unknown;
  readonly now: DateTime;
}

/** `answered`: this call answered it. `alreadyAnswered`: it was answered before (see `answeredBy`). */
export type NeedAnswer =
  | { readonly outcome: 'answered'; readonly need: Stored<PairNeed> }
  | { readonly outcome: 'alreadyAnswered'; readonly need: Stored<PairNeed> };

export const arrangeNeed = (store: Store, request: NeedAnswerRequest): Promise<NeedAnswer> =>
  answerNeed(store, request, { status: 'arranged' });

export const declineNeed = (
  store: Store,
  request: NeedAnswerRequest & { readonly reason: NeedDeclineReason },
): Promise<NeedAnswer> => answerNeed(store, request, { status: 'declined', declineReason: request.reason });

async function answerNeed(
  store: Store,
  request: NeedAnswerRequest,
  answer: Pick<PairNeed, 'status' | 'declineReason'>,
): Promise<NeedAnswer> {
  const { schoolId, needId, actorId } = request;
  const school = await store.read(schoolId, 'school', schoolId);
  if (!school) throw new DomainError('NO_SCHOOL');
  if (!school.leaderIds.includes(actorId)) throw new DomainError('NOT_A_LEADER');
  const line = checkText('leaderLine', request.leaderLine, MAX_LEADER_LINE_CHARS, false);
  if (!line.ok) throw line.error;
  let answered = false;
  const need = await readModifyWrite(store, schoolId, 'pairNeed', needId, (current) => {
    answered = false;
    if (!current) throw new DomainError('NOT_FOUND');
    if (current.status !== 'open') return undefined;
    answered = true;
    return {
      ...current,
      ...answer,
      answeredBy: actorId,
      answeredAt: request.now.toUTC().toISO()!,
      ...(line.value ? { leaderLine: line.value } : {}),
    };
  });
  if (!need) throw new DomainError('NOT_FOUND');
  return answered ? { outcome: 'answered', need } : { outcome: 'alreadyAnswered', need };
}
