/**
 * Keeping both partners' copies of the visit card current. The invoker's copy is replaced by the
 * invoke response (and we remember where it is); the partner's copy is updated in place with
 * updateActivity when we know where it is, else sent once 1:1 and remembered. A person we cannot
 * reach is logged (ids only) and skipped; the action itself has already succeeded.
 */
import { CardFactory, MessageFactory, TeamsInfo, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { rememberCardRef } from '../../../app/visits/change-visit';
import type { Cycle, Locale, School, Visit } from '../../../domain/entities';
import type { AdaptiveCard } from '../../../cards/render';
import type { Stored } from '../../../store/store';
import type { HandlerContext } from '../../context';
import { findPersonReference } from '../../references';
import { visitCard } from './visit-card';

/** Remember that the invoker's card (the message the button was on) now shows this visit. */
export async function rememberInvokerCard(ctx: HandlerContext, schoolId: string, visitId: string): Promise<void> {
  const activityId = ctx.turn.activity.replyToId;
  const conversationId = ctx.turn.activity.conversation?.id;
  if (!activityId || !conversationId || ctx.conversationType !== 'personal') return;
  await rememberCardRef(ctx.services.store, schoolId, visitId, ctx.userId, { conversationId, activityId });
}

/** UPNs or e-mail addresses of the partners from the team roster, for the meeting link. */
export async function attendeesOf(ctx: HandlerContext, school: Pick<School, 'teamId'>, ids: readonly string[]): Promise<string[]> {
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

/** Send one 1:1 proactive activity (or run `logic`) in a person's stored conversation. */
export async function withPersonConversation(ctx: HandlerContext, personId: string, logic: (turn: TurnContext, locale: Locale | undefined) => Promise<void>): Promise<boolean> {
  const reference = await findPersonReference(ctx.services.store, ctx.tenantId, personId);
  if (!reference || !reference.reachable) {
    ctx.services.logger.info({ activityId: ctx.turn.activity.id, reason: reference ? 'unreachable' : 'no reference' }, 'partner card not delivered');
    return false;
  }
  const adapter = ctx.turn.adapter as CloudAdapter;
  try {
    await adapter.continueConversationAsync(ctx.services.config.bot.appId, reference.reference as Partial<ConversationReference>, (turn) => logic(turn, reference.locale));
    return true;
  } catch (error) {
    ctx.services.logger.warn({ activityId: ctx.turn.activity.id, err: { name: (error as Error).name, statusCode: (error as { statusCode?: number }).statusCode } }, 'partner card delivery failed');
    return false;
  }
}

/** Update (or send) the visit card of every other pair member, each in their own view. */
export async function updatePartnerCards(
  ctx: HandlerContext,
  school: Stored<School>,
  visit: Stored<Visit>,
  cycle: Cycle | undefined,
  options: { attendees?: readonly string[]; alsoSay?: (locale: Locale) => string | undefined } = {},
): Promise<void> {
  const others = (visit.personIds ?? [visit.observerId, visit.observedId]).filter((id) => id !== ctx.userId);
  for (const partnerId of others) {
    await withPersonConversation(ctx, partnerId, async (turn, referenceLocale) => {
      const locale = referenceLocale ?? school.locale;
      const card: AdaptiveCard = await visitCard(ctx, school, visit, cycle, partnerId, locale, { attendees: options.attendees });
      const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      const known = visit.cardRefs?.[partnerId];
      let updated = false;
      if (known && known.conversationId === turn.activity.conversation?.id) {
        try {
          await turn.updateActivity({ ...message, id: known.activityId, conversation: turn.activity.conversation });
          updated = true;
        } catch {
          updated = false; // deleted or too old: send a fresh copy below
        }
      }
      if (!updated) {
        const sent = await turn.sendActivity(message);
        if (sent?.id) await rememberCardRef(ctx.services.store, school.schoolId, visit.id, partnerId, { conversationId: turn.activity.conversation.id, activityId: sent.id });
      }
      const text = options.alsoSay?.(locale);
      if (text) await turn.sendActivity(MessageFactory.text(text));
    });
  }
}
