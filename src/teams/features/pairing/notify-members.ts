/** Tell each member of new pairs who their partner is, 1:1 and proactively. */
import type { CloudAdapterBase } from 'botbuilder';
import type { Pair, Programme, School } from '../../../domain/entities';
import type { HandlerContext } from '../../context';
import { sendToPerson, type SendOutcome } from '../../proactive/notify-person';
import type { RosterMember } from '../../roster';
import { partnerMessage } from './partner-message';

export async function notifyMembers(ctx: HandlerContext, school: School, programme: Programme, pairs: readonly Pair[], roster: readonly RosterMember[], reason: 'new' | 'changed' = 'new'): Promise<Record<SendOutcome, number>> {
  const counts: Record<SendOutcome, number> = { sent: 0, unreachable: 0, failed: 0 };
  const byId = new Map(roster.map((m) => [m.userId, m]));
  for (const pair of pairs) {
    for (const memberId of pair.memberIds) {
      const member = byId.get(memberId);
      const partners = pair.memberIds.filter((id) => id !== memberId).map((id) => byId.get(id)?.name ?? '');
      const outcome = await sendToPerson(
        ctx.turn.adapter as CloudAdapterBase,
        ctx.services,
        { tenantId: school.tenantId, userId: memberId, ...(member ? { teamsId: member.teamsId, name: member.name } : {}), serviceUrl: ctx.turn.activity.serviceUrl, fallbackLocale: school.locale },
        (locale) => partnerMessage(partners, programme, locale, reason),
      );
      counts[outcome]++;
    }
  }
  return counts;
}
