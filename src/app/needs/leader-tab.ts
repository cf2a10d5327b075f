/**
 * The leader answers what a pair needs from the tab (POST /api/tab/needs/:needId/arrange and
 * /decline): the same use case as the cards' buttons (src/app/needs/leader-answer.ts), for a
 * leader of the school the tab shows; the reply names people as plain text (the tab shows text
 * as text). The caller tells the pair afterwards (`tellPairTheAnswer`), once only.
 */
import type { School } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import { knownPeople } from '../people/names';
import { leaderSchoolOf, type TabRequest } from '../tab/queries';
import type { NeedAnswerView } from '../tab/views';
import { answerAsLeader, answerReply, type LeaderAnswerKind } from './leader-answer';
import { t } from '../../i18n/translate';

export interface TabNeedAnswer extends NeedAnswerView {
  /** The school of the need (for telling the pair after answering). */
  readonly school: Stored<School>;
  readonly needId: string;
}

export async function answerNeedInTab(
  store: Store,
  request: TabRequest,
  needId: string,
  kind: LeaderAnswerKind,
  body: Readonly<Record<string, unknown>>,
): Promise<TabNeedAnswer> {
  const { school } = await leaderSchoolOf(store, request);
  const locale = request.locale ?? school.locale;
  const result = await answerAsLeader(store, {
    schoolId: school.id,
    needId,
    leaderId: request.user.userId,
    kind,
    ...(kind === 'arrange' ? { line: body['line'] } : { reason: body['reason'] }),
    now: request.now,
  });
  const { need } = result;
  const people = await knownPeople(store, { schoolId: school.id, tenantPartition: request.user.tenantPartition }, [
    ...need.personIds,
    ...(need.answeredBy ? [need.answeredBy] : []),
  ]);
  const nameOf = (id: string) => people.get(id)?.name ?? t(locale, 'visitFields.colleague');
  return {
    answered: result.outcome === 'answered',
    message: answerReply(result, request.user.userId, locale, nameOf),
    school,
    needId: need.id,
  };
}
