/**
 * The one error pipeline: an expected refusal (a DomainError) becomes the answer for the surface
 * where the person acted.
 * - a command: a message in their language that says what to do;
 * - a card action: the card they pressed, rebuilt, with their typed inputs kept and the reason
 *   shown on it (when the verb can rebuild its card), else a typed error response with the
 *   same sentence.
 * Field names are shown with their label from the one table `fieldNames.*`; dates in the
 * reader's language. Anything that is not a DomainError is a bug and goes to the final handler.
 */
import type { InvokeResponse } from 'botbuilder';
import { DateTime } from 'luxon';
import type { AdaptiveCard } from '../cards/render';
import type { Locale } from '../domain/entities';
import { DomainError } from '../domain/errors';
import { lookup, stringTable, t } from '../i18n/translate';
import { cardInvokeResponse, errorInvokeResponse, textResult, type AdaptiveCardInvokeBody } from './results';

/** A field name shown to people: its label in their language (the one table of field labels). */
export function fieldLabel(locale: Locale, field: string): string {
  const label = lookup(stringTable(locale), `fieldNames.${field}`);
  return typeof label === 'string' ? label : field;
}

function formatDate(isoDate: string, locale: Locale): string {
  const day = DateTime.fromISO(isoDate, { zone: 'utc' });
  return day.isValid ? day.setLocale(locale).toFormat('d LLLL yyyy') : isoDate;
}

/** The sentence for a typed error, with readable field names and dates, in the reader's language. */
export function explain(error: DomainError, locale: Locale): string {
  const detail: Record<string, string | number> = { ...error.detail };
  if (typeof detail.field === 'string') detail.field = fieldLabel(locale, detail.field);
  if (typeof detail.start === 'string') detail.start = formatDate(detail.start, locale);
  if (typeof detail.end === 'string') detail.end = formatDate(detail.end, locale);
  return t(locale, `errors.${error.code}`, detail);
}

/** A command's refusal: the sentence as a message. */
export const commandErrorAnswer = (error: DomainError, locale: Locale) => textResult(explain(error, locale));

type InputValue = string | number | boolean;

/** The card with the reason shown on top and the person's submitted values back in its inputs. */
export function cardWithError(
  card: AdaptiveCard,
  error: DomainError,
  message: string,
  inputs: Readonly<Record<string, unknown>>,
): AdaptiveCard {
  const keep = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(keep);
    if (!node || typeof node !== 'object') return node;
    const copy = Object.fromEntries(
      Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, keep(value)]),
    );
    const type = copy['type'];
    const id = copy['id'];
    if (typeof type === 'string' && type.startsWith('Input.') && typeof id === 'string' && id in inputs) {
      const submitted = inputs[id];
      if (typeof submitted === 'string' || typeof submitted === 'number' || typeof submitted === 'boolean') {
        copy['value'] = inputValue(type, submitted, copy['maxLength']);
      }
    }
    return copy;
  };
  const kept = keep(card) as AdaptiveCard;
  // The id names the refusal's code (for tests and support), never anything the person typed.
  const banner = {
    type: 'TextBlock',
    id: `error.${error.code}`,
    text: message,
    wrap: true,
    color: 'Attention',
    weight: 'Bolder',
  };
  return { ...kept, body: [banner, ...kept.body] };
}

function inputValue(type: string, value: InputValue, maxLength: unknown): InputValue {
  if (type === 'Input.Number') {
    const n = Number(value);
    return Number.isFinite(n) ? n : '';
  }
  const text = String(value);
  return typeof maxLength === 'number' ? text.slice(0, maxLength) : text.slice(0, 10_000);
}

/** A card action's refusal: its rebuilt card with the reason on it, else the typed error response. */
export function cardErrorAnswer(
  error: DomainError,
  locale: Locale,
  rebuilt: AdaptiveCard | undefined,
  inputs: Readonly<Record<string, unknown>>,
): InvokeResponse<AdaptiveCardInvokeBody> {
  const message = explain(error, locale);
  if (rebuilt) return cardInvokeResponse(cardWithError(rebuilt, error, message, inputs));
  return errorInvokeResponse(error, locale, 400, message);
}
