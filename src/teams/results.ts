/**
 * Handlers return results; these helpers turn a result into what Teams expects: a message for
 * commands, an invoke response for card actions. The shapes are checked with `satisfies`.
 */
import type { Activity, InvokeResponse } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';
import { DomainError } from '../domain/errors';
import type { Locale } from '../domain/entities';
import { t } from '../i18n/translate';

export type HandlerResult =
  | { readonly kind: 'card'; readonly card: AdaptiveCard }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'error'; readonly error: DomainError }
  | { readonly kind: 'none' };

export const cardResult = (card: AdaptiveCard): HandlerResult => ({ kind: 'card', card });
export const textResult = (text: string): HandlerResult => ({ kind: 'text', text });
export const errorResult = (error: DomainError): HandlerResult => ({ kind: 'error', error });

/** The friendly text for a typed error, in the user's language. */
export function errorText(error: DomainError, locale: Locale): string {
  return t(locale, `errors.${error.code}`, error.detail);
}

/** A message activity for a command's result. */
export function toMessage(result: HandlerResult, locale: Locale): Partial<Activity> | undefined {
  switch (result.kind) {
    case 'card':
      return MessageFactory.attachment(CardFactory.adaptiveCard(result.card));
    case 'text':
      return MessageFactory.text(result.text);
    case 'error':
      return MessageFactory.text(errorText(result.error, locale));
    case 'none':
      return undefined;
  }
}

interface AdaptiveCardInvokeBody {
  statusCode: number;
  type:
    | 'application/vnd.microsoft.card.adaptive'
    | 'application/vnd.microsoft.activity.message'
    | 'application/vnd.microsoft.error';
  value: unknown;
}

/** The invoke response of an `adaptiveCard/action` for a handler's result. */
export function toInvokeResponse(result: HandlerResult, locale: Locale): InvokeResponse<AdaptiveCardInvokeBody> {
  switch (result.kind) {
    case 'card':
      return {
        status: 200,
        body: {
          statusCode: 200,
          type: 'application/vnd.microsoft.card.adaptive',
          value: result.card,
        } satisfies AdaptiveCardInvokeBody,
      };
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
    case 'error':
      return errorInvokeResponse(result.error, locale);
  }
}

export function errorInvokeResponse(
  error: DomainError,
  locale: Locale,
  status = 400,
): InvokeResponse<AdaptiveCardInvokeBody> {
  return {
    status,
    body: {
      statusCode: status,
      type: 'application/vnd.microsoft.error',
      value: { code: error.code, message: errorText(error, locale) },
    } satisfies AdaptiveCardInvokeBody,
  };
}
