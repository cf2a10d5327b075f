/**
 * Proactive delivery to one person, as the Teams features need it (pairing, switch, visits): the
 * app-level Messenger port (a message through the stored reference) plus what only Teams code
 * knows about — opening a 1:1 conversation with a person's Teams id when no reference is stored,
 * replacing an earlier card in place, and choosing the message in the person's own language.
 * ProactiveSender implements it, so every proactive request of the bot is paced and retried in
 * one place. Handlers reach it through `personDeliveryOf(services)`.
 */
import type { Messenger, OutgoingMessage, SendOutcome } from '../../app/messenger';
import type { Locale } from '../../domain/entities';
import type { Services } from '../context';

export interface PersonTarget {
  readonly tenantId: string;
  /** Entra object id. */
  readonly userId: string;
  readonly name?: string;
  /**
   * The person's Teams id (29:…) and the service URL to reach their tenant with (the school's or
   * the current turn's): with both, a person without a usable stored reference gets a new 1:1
   * conversation, whose reference is stored for next time. Without them such a person is
   * 'unreachable'.
   */
  readonly teamsId?: string;
  readonly serviceUrl?: string;
  /** The language when the person's own is unknown (default 'nl'). */
  readonly fallbackLocale?: Locale;
}

/** A message, or a function making it in the person's language (their stored one, else the fallback). */
export type MessageFor = OutgoingMessage | ((locale: Locale) => OutgoingMessage | Promise<OutgoingMessage>);

/** An earlier message of the bot to the person (e.g. a visit card), to be replaced in place. */
export interface ActivityRef {
  readonly conversationId: string;
  readonly activityId: string;
}

export interface DeliverOptions {
  /**
   * Update this message in place (PUT) instead of sending a new one. It is only used when it is in
   * the person's current conversation; when Teams no longer has it (404, or 400: it cannot be
   * edited) a new message is sent to the same conversation instead — the person is not marked
   * unreachable for that: only the new message's answer decides about reachability.
   */
  readonly replace?: ActivityRef;
}

export interface DeliveryOutcome extends SendOutcome {
  /** true when `replace` was updated in place; false when a new message was sent instead. */
  readonly updatedInPlace?: boolean;
  /** true when a 1:1 conversation was created (and its reference stored) for this delivery. */
  readonly conversationCreated?: boolean;
}

export interface PersonDelivery extends Messenger {
  deliver(target: PersonTarget, message: MessageFor, options?: DeliverOptions): Promise<DeliveryOutcome>;
}

export const isPersonDelivery = (messenger: Messenger | undefined): messenger is PersonDelivery =>
  typeof (messenger as Partial<PersonDelivery> | undefined)?.deliver === 'function';

/**
 * The service's proactive sender. A messenger without Teams delivery (a test double for the
 * jobs) delivers nothing: the outcome is 'failed' with a logged reason, never a crash.
 */
export function personDeliveryOf(services: Pick<Services, 'messenger' | 'logger'>): PersonDelivery {
  const { messenger, logger } = services;
  if (isPersonDelivery(messenger)) return messenger;
  const none = async (tenantId: string): Promise<DeliveryOutcome> => {
    logger.warn({ tenantId }, 'proactive: no Teams delivery configured; message not sent');
    return { status: 'failed', attempts: 0, reason: 'no delivery configured' };
  };
  return {
    sendToPerson: (tenantId) => none(tenantId),
    deliver: (target) => none(target.tenantId),
  };
}
