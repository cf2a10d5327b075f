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
import { namesOf } from '../../names';
import { t } from '../../../i18n/translate';
import { partnerMessage, type PartnerReason } from './partner-message';

/** Why a member is told: one reason for all, or per member (a trio's newcomer and the pair they joined). */
export type NotifyReason = PartnerReason | ((pair: Pair, memberId: string) => PartnerReason);

export async function notifyMembers(
  services: Pick<Services, 'messenger' | 'logger' | 'store'>,
  serviceUrl: string | undefined,
  school: School,
  programme: Programme,
  pairs: readonly Pair[],
  roster: readonly RosterMember[],
  now: DateTime,
  reason: NotifyReason = 'new',
): Promise<Record<SendStatus, number>> {
  const counts: Record<SendStatus, number> = { sent: 0, unreachable: 0, failed: 0 };
  const delivery = personDeliveryOf(services);
  const byId = new Map(roster.map((m) => [m.userId, m]));
  // The one name lookup (roster first); "your colleague" in each reader's own language.
  const known = await namesOf(
    { services, tenantId: school.tenantId },
    school,
    pairs.flatMap((p) => p.memberIds),
    school.locale,
    { roster, unknown: '' },
  );
  for (const pair of pairs) {
    for (const memberId of pair.memberIds) {
      const member = byId.get(memberId);
      const partnerIds = pair.memberIds.filter((id) => id !== memberId);
      const why = typeof reason === 'function' ? reason(pair, memberId) : reason;
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
          const partners = partnerIds.map((id) => known[id] || t(locale, 'visitFields.colleague'));
          const message = partnerMessage(partners, programme, { locale, zone: school.timezone, now }, why);
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
  reason: NotifyReason = 'new',
): void {
  if (pairs.length === 0) return;
  const { services } = ctx;
  const serviceUrl = ctx.turn.activity.serviceUrl;
  const ids = { schoolId: school.schoolId, programmeId: programme.id, activityId: ctx.turn.activity.id };
  services.background.run(
    'pairing.notify-members',
    async () => {
      const counts = await notifyMembers(services, serviceUrl, school, programme, pairs, roster, ctx.now, reason);
      const why = typeof reason === 'function' ? 'mixed' : reason;
      services.logger.info({ ...ids, pairs: pairs.length, reason: why, ...counts }, 'pair members told their partner');
    },
    { ids, key: `school:${school.schoolId}` },
  );
}
