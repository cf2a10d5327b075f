/**
 * Keeping both partners' copies of the visit card current. The invoker's copy is replaced by the
 * invoke response (and we remember where it is); the partner's copy goes through the proactive
 * sender: updated in place when we know where it is, else (or when that copy is gone) sent 1:1
 * and remembered. A person we cannot reach is logged (ids only) and skipped; the action itself
 * has already succeeded. The partner's copy is delivered after the invoke was answered
 * (services.background), one delivery per visit at a time, from the visit as stored by then.
 */
import { TeamsInfo } from 'botbuilder';
import { rememberCardRef } from '../../../app/visits/change-visit';
import type { Cycle, Locale, School, Visit } from '../../../domain/entities';
import type { Stored } from '../../../store/store';
import type { HandlerContext } from '../../context';
import { personDeliveryOf } from '../../proactive/delivery';
import { visitCard } from './visit-card';

/** Remember that the invoker's card (the message the button was on) now shows this visit. */
export async function rememberInvokerCard(ctx: HandlerContext, schoolId: string, visitId: string): Promise<void> {
  const activityId = ctx.turn.activity.replyToId;
  const conversationId = ctx.turn.activity.conversation?.id;
  if (!activityId || !conversationId || ctx.conversationType !== 'personal') return;
  await rememberCardRef(ctx.services.store, schoolId, visitId, ctx.userId, { conversationId, activityId });
}

/** UPNs or e-mail addresses of the partners from the team roster, for the meeting link. */
export async function attendeesOf(
  ctx: HandlerContext,
  school: Pick<School, 'teamId'>,
  ids: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const id of ids) {
    try {
      const member = await TeamsInfo.getTeamMember(ctx.turn, school.teamId, id);
      const address = member.userPrincipalName || member.email;
      if (address) found.push(address);
    } catch {
      // Unknown in the roster: the link goes without this attendee.
    }
  }
  return found;
}

/** What a partner delivery needs from the turn, captured while the turn is alive (a finished turn is revoked). */
export type DeliveryContext = Pick<HandlerContext, 'services' | 'tenantId' | 'userId' | 'now'> & {
  readonly activityId?: string;
};

/**
 * Start updating the partners' cards in the background: the invoker gets their answer without
 * waiting for Teams. Deliveries of one visit run in order and show the visit as stored when they
 * run, so two quick changes never leave the partner with the older card.
 */
export function updatePartnerCardsAfterAnswer(
  ctx: HandlerContext,
  school: Stored<School>,
  visit: Stored<Visit>,
  cycle: Cycle | undefined,
  options: { attendees?: readonly string[]; alsoSay?: (locale: Locale) => string | undefined } = {},
): void {
  const detached: DeliveryContext = {
    services: ctx.services,
    tenantId: ctx.tenantId,
    userId: ctx.userId,
    now: ctx.now,
    ...(ctx.turn.activity.id ? { activityId: ctx.turn.activity.id } : {}),
  };
  const ids = { schoolId: school.schoolId, visitId: visit.id, activityId: detached.activityId };
  ctx.services.background.run(
    'visits.partner-cards',
    async () => {
      const latest = (await ctx.services.store.read(school.schoolId, 'visit', visit.id)) ?? visit;
      await updatePartnerCards(detached, school, latest, cycle, options);
    },
    { ids, key: `visit:${school.schoolId}:${visit.id}` },
  );
}

/** Update (or send) the visit card of every other pair member, each in their own view and language. */
export async function updatePartnerCards(
  ctx: DeliveryContext,
  school: Stored<School>,
  visit: Stored<Visit>,
  cycle: Cycle | undefined,
  options: { attendees?: readonly string[]; alsoSay?: (locale: Locale) => string | undefined } = {},
): Promise<void> {
  const delivery = personDeliveryOf(ctx.services);
  const others = (visit.personIds ?? [visit.observerId, visit.observedId]).filter((id) => id !== ctx.userId);
  for (const partnerId of others) {
    const target = { tenantId: ctx.tenantId, userId: partnerId, fallbackLocale: school.locale };
    const known = visit.cardRefs?.[partnerId];
    let locale: Locale = school.locale;
    try {
      const outcome = await delivery.deliver(
        target,
        async (theirs) => {
          locale = theirs;
          return {
            card: await visitCard(ctx, school, visit, cycle, partnerId, theirs, { attendees: options.attendees }),
          };
        },
        known ? { replace: known } : {},
      );
      if (outcome.status !== 'sent') {
        ctx.services.logger.info(
          { activityId: ctx.activityId, status: outcome.status, reason: outcome.reason },
          'partner card not delivered',
        );
        continue;
      }
      // A new copy (none known, or the known one was gone): remember where it is for next time.
      if (!outcome.updatedInPlace && outcome.activityId && outcome.conversationId) {
        await rememberCardRef(ctx.services.store, school.schoolId, visit.id, partnerId, {
          conversationId: outcome.conversationId,
          activityId: outcome.activityId,
        });
      }
      const text = options.alsoSay?.(locale);
      if (text) await delivery.deliver(target, { text });
    } catch (error) {
      ctx.services.logger.warn(
        { activityId: ctx.activityId, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } },
        'partner card delivery failed',
      );
    }
  }
}
