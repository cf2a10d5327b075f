/**
 * Send one proactive 1:1 message to a person: through their stored conversation reference, or,
 * when there is none, by creating a 1:1 conversation with them (tenant + their Teams id), whose
 * reference is then stored for next time. 403/404 mark the person unreachable; nothing is
 * retried here (the digest/nudge sender wraps this with rate limits and retries).
 * Logs carry ids only, never the message.
 */
import { TurnContext, type Activity, type CloudAdapterBase, type ConversationReference } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Locale, PersonReference } from '../../domain/entities';
import { readModifyWrite } from '../../store/read-modify-write';
import type { Services } from '../context';
import { personReferenceId, tenantPartitionFor } from '../ids';
import { findPersonReference } from '../references';

export interface PersonTarget {
  readonly tenantId: string;
  readonly userId: string; // Entra object id
  readonly name?: string;
  /** The 29:… Teams id, needed to create a conversation when no reference is stored. */
  readonly teamsId?: string;
  /** Where to create that conversation (the school's or the current turn's service URL). */
  readonly serviceUrl?: string;
  /** Language when the person's own is unknown. */
  readonly fallbackLocale: Locale;
}

export type SendOutcome = 'sent' | 'unreachable' | 'failed';

export type OutgoingActivity = Partial<Activity> | ((locale: Locale) => Partial<Activity>);

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode ?? (error as { response?: { status?: number } }).response?.status;

export async function sendToPerson(adapter: CloudAdapterBase, services: Services, target: PersonTarget, activity: OutgoingActivity): Promise<SendOutcome> {
  const { store, logger, config } = services;
  const appId = config.bot.appId;
  const stored = await findPersonReference(store, target.tenantId, target.userId);
  const locale = stored?.locale ?? target.fallbackLocale;
  const message = typeof activity === 'function' ? activity(locale) : activity;
  try {
    if (stored && stored.reachable) {
      await adapter.continueConversationAsync(appId, stored.reference as Partial<ConversationReference>, async (turn) => {
        await turn.sendActivity(message);
      });
      return 'sent';
    }
    if (!target.teamsId || !target.serviceUrl) {
      logger.info({ userId: target.userId }, 'no conversation reference and no Teams id: person not reachable');
      return 'unreachable';
    }
    await adapter.createConversationAsync(
      appId,
      'msteams',
      target.serviceUrl,
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      {
        isGroup: false,
        bot: { id: appId ? `28:${appId}` : 'tweetal', name: 'Tweetal' },
        members: [{ id: target.teamsId, name: target.name ?? '', aadObjectId: target.userId }],
        tenantId: target.tenantId,
        channelData: { tenant: { id: target.tenantId } },
      } as never,
      async (turn) => {
        await storeReference(services, target, TurnContext.getConversationReference(turn.activity) as ConversationReference, locale, turn.activity.conversation?.id);
        await turn.sendActivity(message);
      },
    );
    return 'sent';
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) {
      await markUnreachable(services, target);
      logger.warn({ userId: target.userId, status }, 'person cannot be reached (403/404): marked unreachable');
      return 'unreachable';
    }
    logger.error({ userId: target.userId, status, err: { name: (error as Error)?.name } }, 'proactive message failed');
    return 'failed';
  }
}

async function storeReference(services: Services, target: PersonTarget, reference: ConversationReference, locale: Locale, conversationId: string | undefined): Promise<void> {
  const schoolId = tenantPartitionFor(target.tenantId);
  const id = personReferenceId(target.userId);
  const now = services.clock().toUTC().toISO()!;
  const fixed: ConversationReference = { ...reference, conversation: { ...reference.conversation, id: conversationId ?? reference.conversation.id, conversationType: 'personal', tenantId: target.tenantId } as ConversationReference['conversation'], user: { id: target.teamsId!, name: target.name ?? '', aadObjectId: target.userId } as ConversationReference['user'] };
  await readModifyWrite(services.store, schoolId, 'personReference', id, (current) => {
    if (current?.reachable) return undefined; // the person wrote to us meanwhile: keep theirs
    const next: PersonReference = { type: 'personReference', id, schoolId, personIds: [target.userId], userId: target.userId, tenantId: target.tenantId, name: target.name ?? current?.name ?? '', locale, reference: fixed, reachable: true, updatedAt: now };
    return next;
  });
}

async function markUnreachable(services: Services, target: PersonTarget): Promise<void> {
  const schoolId = tenantPartitionFor(target.tenantId);
  await readModifyWrite(services.store, schoolId, 'personReference', personReferenceId(target.userId), (current) =>
    current && current.reachable ? { ...current, reachable: false, updatedAt: services.clock().toUTC().toISO()! } : undefined,
  );
}
