/**
 * Handlers return results; these helpers turn a result into what Teams expects: a message for
 * commands, an invoke response for card actions. The shapes are checked with `satisfies`.
 * Refusals are not results: handlers throw a DomainError and the error pipeline answers
 * (src/teams/error-answers.ts).
 */
import type { Activity, InvokeResponse } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';
import type { DomainError } from '../domain/errors';
import type { Locale } from '../domain/entities';
import { t } from '../i18n/translate';

export type HandlerResult =
  | { readonly kind: 'card'; readonly card: AdaptiveCard }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'none' };

export const cardResult = (card: AdaptiveCard): HandlerResult => ({ kind: 'card', card });
export const textResult = (text: string): HandlerResult => ({ kind: 'text', text });

/** A message activity for a command's result. */
export function toMessage(result: HandlerResult): Partial<Activity> | undefined {
  switch (result.kind) {
    case 'card':
      return MessageFactory.attachment(CardFactory.adaptiveCard(result.card));
    case 'text':
      return MessageFactory.text(result.text);
    case 'none':
      return undefined;
  }
}

export interface AdaptiveCardInvokeBody {
  statusCode: number;
  type:
    | 'application/vnd.microsoft.card.adaptive'
    | 'application/vnd.microsoft.activity.message'
    | 'application/vnd.microsoft.error';
  value: unknown;
}

export function cardInvokeResponse(card: AdaptiveCard): InvokeResponse<AdaptiveCardInvokeBody> {
  return {
    status: 200,
    body: {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: card,
    } satisfies AdaptiveCardInvokeBody,
  };
}

/** The invoke response of an `adaptiveCard/action` for a handler's result. */
export function toInvokeResponse(result: HandlerResult, locale: Locale): InvokeResponse<AdaptiveCardInvokeBody> {
  switch (result.kind) {
    case 'card':
      return cardInvokeResponse(result.card);
    case 'text':
      return {
        status: 200,
        body: {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: result.text,
        } satisfies AdaptiveCardInvokeBody,
      };
    case 'none':
      return {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t(locale, 'common.done') },
      };
  }
}

/** A typed error response; `message` is the sentence from the error pipeline. */
export function errorInvokeResponse(
  error: DomainError,
  locale: Locale,
  status = 400,
  message: string = t(locale, `errors.${error.code}`, error.detail),
): InvokeResponse<AdaptiveCardInvokeBody> {
  return {
    status,
    body: {
      statusCode: status,
      type: 'application/vnd.microsoft.error',
      value: { code: error.code, message },
    } satisfies AdaptiveCardInvokeBody,
  };
}
