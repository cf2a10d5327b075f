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
import type { DateTime } from 'luxon';
import type { AdaptiveCard } from '../cards/render';
import type { Locale } from '../domain/entities';
import { DomainError } from '../domain/errors';
import { formatDay } from '../i18n/dates';
import { lookup, stringTable, t } from '../i18n/translate';
import { cardInvokeResponse, errorInvokeResponse, textResult, type AdaptiveCardInvokeBody } from './results';

/** A field name shown to people: its label in their language (the one table of field labels). */
export function fieldLabel(locale: Locale, field: string): string {
  const label = lookup(stringTable(locale), `fieldNames.${field}`);
  return typeof label === 'string' ? label : field;
}

/** Who reads an error: their language and the turn's moment (for the dates in it). */
export interface ErrorReader {
  readonly locale: Locale;
  readonly now: DateTime;
}

/**
 * The sentence for a typed error, with readable field names and dates, in the reader's language.
 * Its dates are calendar dates (the programme's period), the same day in every zone, so UTC only
 * decides whether they are in the current school year (which can be off by hours on 31 July).
 */
export function explain(error: DomainError, reader: ErrorReader): string {
  const { locale } = reader;
  const dates = { locale, zone: 'UTC', now: reader.now };
  const detail: Record<string, string | number> = { ...error.detail };
  if (typeof detail.field === 'string') detail.field = fieldLabel(locale, detail.field);
  if (typeof detail.start === 'string') detail.start = formatDay(detail.start, dates);
  if (typeof detail.end === 'string') detail.end = formatDay(detail.end, dates);
  return t(locale, `errors.${error.code}`, detail);
}

/** A command's refusal: the sentence as a message. */
export const commandErrorAnswer = (error: DomainError, reader: ErrorReader) => textResult(explain(error, reader));

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
  reader: ErrorReader,
  rebuilt: AdaptiveCard | undefined,
  inputs: Readonly<Record<string, unknown>>,
): InvokeResponse<AdaptiveCardInvokeBody> {
  const { locale } = reader;
  const message = explain(error, reader);
  if (rebuilt) return cardInvokeResponse(cardWithError(rebuilt, error, message, inputs));
  return errorInvokeResponse(error, locale, 400, message);
}
