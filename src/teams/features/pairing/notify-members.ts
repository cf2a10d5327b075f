/**
 * Tell each member of new pairs who their partner is, 1:1 and proactively (through the proactive
 * sender). Runs after the invoke was answered (services.background), so it takes no turn: only
 * what it needs from it (the service URL), captured while the turn was alive.
 */
import type { DateTime } from 'luxon';
import type { SendStatus } from '../../../app/messenger';
import type { Pair, Programme, School } from '../../../domain/entities';
import type { HandlerContext, Services } from '../../context';
import { personDeliveryOf } from '../../proactive/delivery';
import type { RosterMember } from '../../roster';
import type { AdaptiveCard } from '../../../cards/render';
import { withSchoolId } from '../../card-data';
import { partnerMessage } from './partner-message';

export async function notifyMembers(
  services: Pick<Services, 'messenger' | 'logger'>,
  serviceUrl: string | undefined,
  school: School,
  programme: Programme,
  pairs: readonly Pair[],
  roster: readonly RosterMember[],
  now: DateTime,
  reason: 'new' | 'changed' = 'new',
): Promise<Record<SendStatus, number>> {
  const counts: Record<SendStatus, number> = { sent: 0, unreachable: 0, failed: 0 };
  const delivery = personDeliveryOf(services);
  const byId = new Map(roster.map((m) => [m.userId, m]));
  for (const pair of pairs) {
    for (const memberId of pair.memberIds) {
      const member = byId.get(memberId);
      const partners = pair.memberIds.filter((id) => id !== memberId).map((id) => byId.get(id)?.name ?? '');
      // With the member's Teams id, someone who never opened a chat with the bot gets a new 1:1.
      const outcome = await delivery.deliver(
        {
          tenantId: school.tenantId,
          userId: memberId,
          ...(member ? { teamsId: member.teamsId, name: member.name } : {}),
          ...(serviceUrl ? { serviceUrl } : {}),
          fallbackLocale: school.locale,
        },
        (locale) => {
          const message = partnerMessage(partners, programme, { locale, zone: school.timezone, now }, reason);
          return message.card
            ? { ...message, card: withSchoolId(message.card as AdaptiveCard, school.schoolId) }
            : message;
        },
      );
      counts[outcome.status]++;
    }
  }
  return counts;
}

/** Start telling the members of `pairs` in the background: the invoke is answered without waiting for Teams. */
export function notifyMembersAfterAnswer(
  ctx: HandlerContext,
  school: School,
  programme: Programme,
  pairs: readonly Pair[],
  roster: readonly RosterMember[],
  reason: 'new' | 'changed' = 'new',
): void {
  if (pairs.length === 0) return;
  const { services } = ctx;
  const serviceUrl = ctx.turn.activity.serviceUrl;
  const ids = { schoolId: school.schoolId, programmeId: programme.id, activityId: ctx.turn.activity.id };
  services.background.run(
    'pairing.notify-members',
    async () => {
      const counts = await notifyMembers(services, serviceUrl, school, programme, pairs, roster, ctx.now, reason);
      services.logger.info({ ...ids, pairs: pairs.length, reason, ...counts }, 'pair members told their partner');
    },
    { ids, key: `school:${school.schoolId}` },
  );
}
