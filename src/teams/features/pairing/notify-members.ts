/** Tell each member of new pairs who their partner is, 1:1 and proactively (through the proactive sender). */
import type { SendStatus } from '../../../app/messenger';
import type { Pair, Programme, School } from '../../../domain/entities';
import type { HandlerContext } from '../../context';
import { personDeliveryOf } from '../../proactive/delivery';
import type { RosterMember } from '../../roster';
import { partnerMessage } from './partner-message';

export async function notifyMembers(ctx: HandlerContext, school: School, programme: Programme, pairs: readonly Pair[], roster: readonly RosterMember[], reason: 'new' | 'changed' = 'new'): Promise<Record<SendStatus, number>> {
  const counts: Record<SendStatus, number> = { sent: 0, unreachable: 0, failed: 0 };
  const delivery = personDeliveryOf(ctx.services);
  const byId = new Map(roster.map((m) => [m.userId, m]));
  for (const pair of pairs) {
    for (const memberId of pair.memberIds) {
      const member = byId.get(memberId);
      const partners = pair.memberIds.filter((id) => id !== memberId).map((id) => byId.get(id)?.name ?? '');
      // With the member's Teams id, someone who never opened a chat with the bot gets a new 1:1.
      const outcome = await delivery.deliver(
        { tenantId: school.tenantId, userId: memberId, ...(member ? { teamsId: member.teamsId, name: member.name } : {}), serviceUrl: ctx.turn.activity.serviceUrl, fallbackLocale: school.locale },
        (locale) => partnerMessage(partners, programme, locale, reason),
      );
      counts[outcome.status]++;
    }
  }
  return counts;
}
