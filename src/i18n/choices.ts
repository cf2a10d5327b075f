/**
 * A stored choice in the reader's language (issue 11 item 2; the keys are in
 * src/domain/choices.ts). A key — or a text that is one of its labels in either language, as
 * documents written before keys hold — shows as its label in the reader's language; any other
 * text is someone's own words and shows as written.
 */
import {
  CHOICE_KEYS,
  ICALT_KEYS,
  choiceKeyFromLabel,
  choiceLabelIndex,
  LEGACY_LABELS,
  type ChoiceKey,
} from '../domain/choices';
import type { Locale } from '../domain/entities';
import { userText, type UserText } from '../domain/typed-text';
import { LOCALES, t } from './translate';

let index: ReadonlyMap<string, ChoiceKey> | undefined;

/** The legacy labels and today's labels in every language (the tables do not change while running). */
function labelIndex(): ReadonlyMap<string, ChoiceKey> {
  index ??= choiceLabelIndex(
    LEGACY_LABELS,
    Object.fromEntries(CHOICE_KEYS.map((key) => [key, LOCALES.map((locale) => t(locale, key))])),
  );
  return index;
}

/** The key a stored or typed text stands for (a key, or a label in either language); undefined for free text. */
export const choiceKeyOf = (text: string): ChoiceKey | undefined => choiceKeyFromLabel(text, labelIndex());

/** What to store for a text: its key when it is a key or a label of one, otherwise the text as written. */
export const storedChoice = (text: string): string => choiceKeyOf(text) ?? text;

/** A stored choice or free text as the reader reads it: a key's label in `locale`, free text as written. */
export function choiceText(locale: Locale, stored: string): string {
  if (typeof stored !== 'string') return ''; // a document written before the field existed
  const key = choiceKeyOf(stored);
  return key ? t(locale, key) : stored;
}

/** The same for a card: shown escaped, as someone's words are (a label has nothing to escape). */
export const shownChoice = (locale: Locale, stored: string | undefined): UserText =>
  userText(choiceText(locale, stored ?? ''));

/** The choices of a list for an Input.ChoiceSet: the label in the reader's language, the key as the value. */
export const choiceOptions = (
  locale: Locale,
  keys: readonly ChoiceKey[],
): { readonly title: string; readonly value: string }[] => keys.map((key) => ({ title: t(locale, key), value: key }));

/**
 * The suggestions for a visit's focus (kijkdoel), on the plan card and in the tab: the
 * programme's theme (its key, or the leader's own words) and the six ICALT domains.
 */
export function focusOptions(
  locale: Locale,
  theme: string | undefined,
): { readonly title: string; readonly value: string }[] {
  const own = theme?.trim();
  return [
    ...(own ? [{ title: choiceText(locale, own), value: storedChoice(own) }] : []),
    ...choiceOptions(locale, ICALT_KEYS),
  ];
}
